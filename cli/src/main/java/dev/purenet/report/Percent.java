package dev.purenet.report;

/** Percentages with two decimals by integer arithmetic, so no locale can change the digits. */
final class Percent {
    private Percent() {}

    /** {@code 0.95234} as {@code 95.23%}. */
    static String of(double fraction) {
        long basisPoints = Math.round(10000.0 * fraction);
        long rest = basisPoints % 100;
        return basisPoints / 100 + "." + (rest < 10 ? "0" : "") + rest + "%";
    }
}
