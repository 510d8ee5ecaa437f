package dev.purenet.math;

import org.jblas.NativeBlas;
import org.jblas.util.Logger;

/**
 * Loads jblas's native library once and turns a linkage failure into one clear message.
 *
 * <p>jblas itself only logs the real cause to stderr and then fails later, at the first
 * product, with an {@link UnsatisfiedLinkError} that names a method signature. We silence
 * its logger and probe with a 1x1 product instead.
 */
final class NativeBlasProbe {
    /** Above jblas's highest level (ERROR = 5): nothing it logs is printed. */
    private static final int SILENT = Logger.ERROR + 1;

    private static final RuntimeException FAILURE = probe();

    private NativeBlasProbe() {}

    /** Returns normally when native BLAS works; otherwise throws the same clear exception every time. */
    static void ensureLoaded() {
        if (FAILURE != null) {
            throw FAILURE;
        }
    }

    private static RuntimeException probe() {
        Logger.getLogger().setLevel(SILENT);
        try {
            double[] one = {1.0};
            double[] out = {0.0};
            NativeBlas.dgemm('N', 'N', 1, 1, 1, 1.0, one, 0, 1, one, 0, 1, 0.0, out, 0, 1);
            if (out[0] != 1.0) {
                return new NativeLibraryException("jblas native BLAS returned a wrong result for 1x1 times 1x1: " + out[0], null);
            }
            return null;
        } catch (UnsatisfiedLinkError | ExceptionInInitializerError | NoClassDefFoundError e) {
            return new NativeLibraryException(missingLibraryMessage(System.getProperty("os.name", "?")), e);
        }
    }

    static String missingLibraryMessage(String osName) {
        String fix = osName.toLowerCase(java.util.Locale.ROOT).contains("linux")
                ? "on Debian/Ubuntu install the package libgfortran5: sudo apt-get install libgfortran5"
                : "install the GNU Fortran runtime (libgfortran 5) for your platform";
        return "jblas could not load its native BLAS library (it needs libgfortran.so.5); " + fix;
    }
}
