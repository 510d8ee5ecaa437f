package dev.purenet;

/** Logarithms that stay finite at 0, for cost functions evaluated on saturated outputs. */
final class SafeLog {
    /** ln of the smallest normal double, about −708: the floor for ln(0). */
    private static final double FLOOR = Math.log(Double.MIN_NORMAL);

    private SafeLog() {}

    static double log(double x) {
        return x > 0 ? Math.max(Math.log(x), FLOOR) : FLOOR;
    }

    /** ln(1 − x), accurate for small x. */
    static double log1m(double x) {
        return x < 1 ? Math.max(Math.log1p(-x), FLOOR) : FLOOR;
    }
}
