package dev.purenet.spark;

/** A sweep that could not finish: a run failed on every attempt, or the wait was interrupted. */
public final class SweepException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * A failure with its cause.
     *
     * @param message what failed and what finished
     * @param cause   the first failure
     */
    public SweepException(String message, Throwable cause) {
        super(message, cause);
    }
}
