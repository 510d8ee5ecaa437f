package dev.purenet.train;

/**
 * The learning rate as a function of the epoch being trained (1 for the first) and the
 * configured rate. A schedule is a pure function, so a replayed run uses the same rates.
 * For network2's rule that halves η when accuracy stops improving, see {@link Plateau}.
 */
@FunctionalInterface
public interface Schedule {

    /**
     * The learning rate for one epoch.
     *
     * @param epoch the epoch being trained, 1 for the first
     * @param base  the configured rate
     * @return η for that epoch
     */
    double eta(int epoch, double base);

    /**
     * The configured rate throughout.
     *
     * @return {@link Constant#INSTANCE}
     */
    static Schedule constant() {
        return Constant.INSTANCE;
    }

    /**
     * The rate times {@code factor} after every {@code every} epochs: base · factor^⌊(epoch − 1) / every⌋.
     *
     * @param every  epochs between changes, at least 1
     * @param factor the multiplier, positive and finite (0.5 halves η)
     * @return the schedule
     * @throws IllegalArgumentException if {@code every} is less than 1 or {@code factor} is not
     *         positive and finite
     */
    static Schedule stepDecay(int every, double factor) {
        if (every < 1 || !(factor > 0) || Double.isInfinite(factor)) {
            throw new IllegalArgumentException("stepDecay needs every >= 1 and a positive factor, got every " + every
                    + " and factor " + factor);
        }
        return (epoch, base) -> base * Math.pow(factor, (epoch - 1) / every);
    }

    /** The constant schedule, named so that it prints and compares as one. */
    enum Constant implements Schedule {
        /** The only instance. */
        INSTANCE;

        @Override
        public double eta(int epoch, double base) {
            return base;
        }
    }
}
