package dev.purenet.data;

/** A data file that is not what it claims to be; the message names the file and the field or offset. */
public final class DataFormatException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * A format error with no underlying exception.
     *
     * @param message names the file and the field or offset that is wrong
     */
    public DataFormatException(String message) {
        super(message);
    }

    /**
     * A format error found through another exception (a truncated gzip stream, say).
     *
     * @param message names the file and the field or offset that is wrong
     * @param cause   the exception that revealed it
     */
    public DataFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
