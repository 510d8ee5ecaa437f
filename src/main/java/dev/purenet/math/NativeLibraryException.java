package dev.purenet.math;

/** Thrown once, at first use, when jblas's native BLAS library cannot be loaded. */
public final class NativeLibraryException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    NativeLibraryException(String message, Throwable cause) {
        super(message, cause);
    }
}
