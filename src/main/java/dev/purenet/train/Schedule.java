package dev.purenet.train;

/**
 * The learning rate as a function of the epoch being trained (1 for the first) and the
 * configured rate. A schedule is a pure function, so a replayed run uses the same rates.
 * For network2's rule that halves η when accuracy stops improving, see {@link Plateau}.
 */
@FunctionalInterface
public interface Schedule {

    double eta(int epoch, double base);

    /** The configured rate throughout. */
    static Schedule constant() {
        return Constant.INSTANCE;
    }

    /** The rate times {@code factor} after every {@code every} epochs: base · factor^⌊(epoch − 1) / every⌋. */
    static Schedule stepDecay(int every, double factor) {
        if (every < 1 || !(factor > 0) || Double.isInfinite(factor)) {
            throw new IllegalArgumentException("stepDecay needs every >= 1 and a positive factor, got every " + every
                    + " and factor " + factor);
        }
        return (epoch, base) -> base * Math.pow(factor, (epoch - 1) / every);
    }

    /** The constant schedule, named so that it prints and compares as one. */
    enum Constant implements Schedule {
        INSTANCE;

        @Override
        public double eta(int epoch, double base) {
            return base;
        }
    }
}
