package dev.purenet.math;

import org.jblas.NativeBlas;

/**
 * The one door to native BLAS: every matrix product purenet computes, in {@link Matrix} and in
 * the training workspace alike, is this {@code dgemm} call, so "the same product" is true by
 * construction and anything that must hold for every native call (loading, thread safety) is
 * enforced in one place.
 *
 * <p>Arrays are column-major; {@code C ← α·op(A)·op(B) + β·C} with {@code op(X)} = X or Xᵀ.
 *
 * <p>Safe to call from many threads at once whatever BLAS jblas loaded: when that library is not
 * safe for concurrent callers (every serial OpenBLAS build), native calls are serialised by one
 * JVM-wide lock; see {@link BlasThreading}.
 */
public final class Blas {
    /** Held around native dgemm calls when the loaded BLAS is not thread-safe. */
    private static final Object NATIVE = new Object();

    private Blas() {}

    /**
     * {@code C ← alpha·op(A)·op(B) + beta·C}, C being m x n and the inner dimension k.
     *
     * @param transA use Aᵀ
     * @param transB use Bᵀ
     * @param m      rows of op(A) and C
     * @param n      columns of op(B) and C
     * @param k      columns of op(A), rows of op(B)
     * @param alpha  factor on the product
     * @param a      A, column-major, leading dimension {@code lda}
     * @param lda    A's leading dimension (its row count), at least 1
     * @param b      B, column-major, leading dimension {@code ldb}
     * @param ldb    B's leading dimension, at least 1
     * @param beta   factor on C's starting values (0 ignores them)
     * @param c      C, written in place, leading dimension {@code ldc}
     * @param ldc    C's leading dimension, at least 1
     * @throws NativeLibraryException if native BLAS cannot be loaded
     */
    public static void gemm(boolean transA, boolean transB, int m, int n, int k, double alpha, double[] a, int lda,
                            double[] b, int ldb, double beta, double[] c, int ldc) {
        NativeBlasProbe.ensureLoaded();
        if (m == 0 || n == 0) {
            return;
        }
        if (k == 0) {
            // An empty sum: β·C. BLAS would do the same, but some builds reject k = 0.
            if (beta != 1.0) {
                for (int j = 0; j < n; j++) {
                    for (int i = 0; i < m; i++) {
                        c[i + j * ldc] = beta == 0.0 ? 0.0 : beta * c[i + j * ldc];
                    }
                }
            }
            return;
        }
        char ta = transA ? 'T' : 'N';
        char tb = transB ? 'T' : 'N';
        if (BlasThreading.locked()) {
            synchronized (NATIVE) {
                NativeBlas.dgemm(ta, tb, m, n, k, alpha, a, 0, lda, b, 0, ldb, beta, c, 0, ldc);
            }
        } else {
            NativeBlas.dgemm(ta, tb, m, n, k, alpha, a, 0, lda, b, 0, ldb, beta, c, 0, ldc);
        }
    }
}
