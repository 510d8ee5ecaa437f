package dev.purenet.math;

import org.jblas.NativeBlas;

/**
 * The one door to native BLAS: every matrix product purenet computes, in {@link Matrix} and in
 * the training workspace alike, is this class's {@code dgemm} call (or, for float32 networks,
 * its {@code sgemm}), so "the same product" is true by construction and anything that must hold
 * for every native call (loading, thread safety) is enforced in one place.
 *
 * <p>Arrays are column-major; {@code C ← α·op(A)·op(B) + β·C} with {@code op(X)} = X or Xᵀ.
 *
 * <p>On Java 22 and later the call reads and writes the Java arrays in place ({@link ZeroCopyBlas});
 * on Java 17 it goes through jblas's JNI, which copies them. Both call the same native
 * {@code dgemm_}, so the bits are the same.
 *
 * <p>Safe to call from many threads at once whatever BLAS jblas loaded: when that library is not
 * safe for concurrent callers (every serial OpenBLAS build), native calls are serialised by one
 * JVM-wide lock; see {@link BlasThreading}.
 */
public final class Blas {
    /** Held around native dgemm calls when the loaded BLAS is not thread-safe. */
    private static final Object NATIVE = new Object();
    /** Decided once: a class initialiser cannot race, and every product of a run takes the same path. */
    private static final boolean ZERO_COPY = ZeroCopyBlas.available();

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
                dgemm(ta, tb, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
            }
        } else {
            dgemm(ta, tb, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
        }
    }

    private static void dgemm(char ta, char tb, int m, int n, int k, double alpha, double[] a, int lda, double[] b, int ldb,
                              double beta, double[] c, int ldc) {
        if (ZERO_COPY) {
            ZeroCopyBlas.dgemm(ta, tb, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
        } else {
            NativeBlas.dgemm(ta, tb, m, n, k, alpha, a, 0, lda, b, 0, ldb, beta, c, 0, ldc);
        }
    }

    /**
     * {@link #gemm} in single precision, BLAS's {@code sgemm}: the products of float32 networks.
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
    public static void sgemm(boolean transA, boolean transB, int m, int n, int k, float alpha, float[] a, int lda,
                             float[] b, int ldb, float beta, float[] c, int ldc) {
        NativeBlasProbe.ensureLoaded();
        if (m == 0 || n == 0) {
            return;
        }
        if (k == 0) {
            if (beta != 1.0f) {
                for (int j = 0; j < n; j++) {
                    for (int i = 0; i < m; i++) {
                        c[i + j * ldc] = beta == 0.0f ? 0.0f : beta * c[i + j * ldc];
                    }
                }
            }
            return;
        }
        char ta = transA ? 'T' : 'N';
        char tb = transB ? 'T' : 'N';
        if (BlasThreading.locked()) {
            synchronized (NATIVE) {
                sgemmCall(ta, tb, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
            }
        } else {
            sgemmCall(ta, tb, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
        }
    }

    private static void sgemmCall(char ta, char tb, int m, int n, int k, float alpha, float[] a, int lda, float[] b, int ldb,
                                  float beta, float[] c, int ldc) {
        if (ZERO_COPY) {
            ZeroCopyBlas.sgemm(ta, tb, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
        } else {
            NativeBlas.sgemm(ta, tb, m, n, k, alpha, a, 0, lda, b, 0, ldb, beta, c, 0, ldc);
        }
    }

    /**
     * How products reach the native BLAS, for {@code purenet info}: zero-copy (Java 22+) or through
     * jblas's JNI, and why.
     *
     * @return one line, e.g. {@code "zero-copy: Java 25, ..."}
     */
    public static String calls() {
        return ZERO_COPY ? "zero-copy: " + ZeroCopyBlas.status()
                : "jblas JNI, copying each array (no zero-copy: " + ZeroCopyBlas.status() + ")";
    }
}
