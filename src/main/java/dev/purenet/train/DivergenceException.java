package dev.purenet.train;

/**
 * Training produced NaN or infinite numbers: the epoch stream stops here instead of training
 * on. Usually the learning rate is too large for the cost and initialisation.
 */
public final class DivergenceException extends ArithmeticException {
    private static final long serialVersionUID = 1L;

    /** The epoch being trained when it was detected, 1 for the first. */
    private final int epoch;

    /**
     * A divergence found in {@code epoch}.
     *
     * @param epoch   the epoch being trained, 1 for the first
     * @param message what was found, where
     */
    public DivergenceException(int epoch, String message) {
        super(message);
        this.epoch = epoch;
    }

    /**
     * The epoch in which training diverged.
     *
     * @return 1 for the first trained epoch
     */
    public int epoch() {
        return epoch;
    }
}
