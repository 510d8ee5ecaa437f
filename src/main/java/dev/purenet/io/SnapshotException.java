package dev.purenet.io;

/** A snapshot file that cannot be read as a network; the message names the file, the JSON path and the problem. */
public final class SnapshotException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * A snapshot error.
     *
     * @param message names the file, the JSON path and the problem
     */
    public SnapshotException(String message) {
        super(message);
    }
}
