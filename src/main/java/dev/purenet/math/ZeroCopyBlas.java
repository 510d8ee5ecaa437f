package dev.purenet.math;

/**
 * Zero-copy calls into the native BLAS, on Java 22 and later only. This is the Java 17 version
 * of the class: it is never available, and {@link Blas} goes through jblas's JNI, which copies
 * every array in and out on each call. The library jar is multi-release: on Java 22+ the JVM
 * loads {@code META-INF/versions/22/dev/purenet/math/ZeroCopyBlas.class} instead, which calls
 * the same {@code dgemm_} (and {@code sgemm_}) that jblas loaded through the Foreign Function &amp; Memory API, on the
 * Java arrays in place.
 */
final class ZeroCopyBlas {
    private ZeroCopyBlas() {}

    /** Whether products can go through this class. */
    static boolean available() {
        return false;
    }

    /** Why it is not available, for {@code purenet info}. */
    static String status() {
        int java = Runtime.version().feature();
        return java < 22
                ? "Java " + java + "; they need Java 22 or later"
                : "Java " + java + ", but this purenet has no Java 22 classes (built without a JDK 22+, or not loaded from its jar)";
    }

    /** Never called here: {@link #available()} is false. */
    static void dgemm(char transA, char transB, int m, int n, int k, double alpha, double[] a, int lda, double[] b, int ldb,
                      double beta, double[] c, int ldc) {
        throw new UnsupportedOperationException(status());
    }

    /** Never called here: {@link #available()} is false. */
    static void sgemm(char transA, char transB, int m, int n, int k, float alpha, float[] a, int lda, float[] b, int ldb,
                      float beta, float[] c, int ldc) {
        throw new UnsupportedOperationException(status());
    }
}
