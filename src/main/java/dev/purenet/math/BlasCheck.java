package dev.purenet.math;


/**
 * Checks the native {@code dgemm} against a plain Java product on the shapes training uses
 * (both transpose flags, α and β not 0 or 1, odd sizes that exercise the kernels' edges), so a
 * BLAS build that picks wrong kernels for a processor is caught before anyone trusts it.
 */
public final class BlasCheck {
    private static final int[][] SHAPES = {
            {30, 10, 784}, {30, 784, 10}, {784, 10, 30}, {10, 10, 30}, {100, 100, 784}, {17, 3, 33}, {1, 1, 1}, {7, 5, 2}};
    private static final char[] FLAGS = {'N', 'T'};

    private BlasCheck() {}

    /**
     * The largest error of any element over all checked products, relative to the sum of the
     * magnitudes of its terms: about 1e-16 for a correct BLAS, and well under 1e-12 for any.
     *
     * @return the worst relative error; positive infinity if any element came out NaN
     * @throws NativeLibraryException if native BLAS cannot be loaded
     */
    public static double largestRelativeError() {
        NativeBlasProbe.ensureLoaded();
        Rng rng = new Rng(0x424C4153L);
        double worst = 0;
        for (int[] shape : SHAPES) {
            for (char ta : FLAGS) {
                for (char tb : FLAGS) {
                    worst = Math.max(worst, check(shape[0], shape[1], shape[2], ta, tb, rng));
                }
            }
        }
        return worst;
    }

    /**
     * The number of products {@link #largestRelativeError} computes.
     *
     * @return shapes x 2 transpose flags x 2 transpose flags
     */
    public static int products() {
        return SHAPES.length * FLAGS.length * FLAGS.length;
    }

    private static double check(int m, int n, int k, char ta, char tb, Rng rng) {
        double[] a = gaussian(m * k, rng);
        double[] b = gaussian(k * n, rng);
        double[] c = gaussian(m * n, rng);
        double[] start = c.clone();
        double alpha = 0.75;
        double beta = -0.5;
        int lda = ta == 'N' ? m : k;
        int ldb = tb == 'N' ? k : n;
        Blas.gemm(ta == 'T', tb == 'T', m, n, k, alpha, a, lda, b, ldb, beta, c, m);
        double worst = 0;
        for (int j = 0; j < n; j++) {
            for (int i = 0; i < m; i++) {
                double sum = 0;
                double magnitude = 0;
                for (int p = 0; p < k; p++) {
                    double term = (ta == 'N' ? a[i + p * m] : a[p + i * k]) * (tb == 'N' ? b[p + j * k] : b[j + p * n]);
                    sum += term;
                    magnitude += Math.abs(term);
                }
                double expected = alpha * sum + beta * start[i + j * m];
                double scale = Math.abs(alpha) * magnitude + Math.abs(beta * start[i + j * m]);
                double error = Math.abs(expected - c[i + j * m]) / Math.max(scale, Double.MIN_NORMAL);
                // NaN from a broken kernel must count as the worst error, not be skipped by max.
                worst = Double.isNaN(error) ? Double.POSITIVE_INFINITY : Math.max(worst, error);
            }
        }
        return worst;
    }

    private static double[] gaussian(int n, Rng rng) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = rng.nextGaussian();
        }
        return v;
    }
}
