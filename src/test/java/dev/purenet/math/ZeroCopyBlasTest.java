package dev.purenet.math;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Random;
import org.jblas.NativeBlas;
import org.junit.jupiter.api.Test;

/**
 * The zero-copy path (Java 22+) and jblas's JNI call the same native {@code dgemm_}: same bits.
 * On Java 17 only the first test runs; the build's second test run, on a JDK 22+ against the
 * multi-release jar, sets {@code purenet.expect.zeroCopy} so that a broken jar fails here.
 */
class ZeroCopyBlasTest {
    @Test
    void activeWhereTheBuildPromisesIt() {
        boolean expected = Boolean.getBoolean("purenet.expect.zeroCopy");
        assertTrue(!expected || ZeroCopyBlas.available(), () -> "the zero-copy path should be on: " + ZeroCopyBlas.status());
        assertTrue(Blas.calls().startsWith(ZeroCopyBlas.available() ? "zero-copy: " : "jblas JNI"), Blas.calls());
    }

    @Test
    void sameBitsAsJblasForEveryTransposeAndShape() {
        assumeTrue(ZeroCopyBlas.available(), ZeroCopyBlas::status);
        Random random = new Random(7);
        int[][] shapes = {{1, 1, 1}, {30, 10, 784}, {30, 784, 10}, {784, 10, 30}, {10, 100, 30}, {7, 3, 5}, {100, 100, 100}};
        for (int[] shape : shapes) {
            int m = shape[0];
            int n = shape[1];
            int k = shape[2];
            for (boolean ta : new boolean[] {false, true}) {
                for (boolean tb : new boolean[] {false, true}) {
                    // Leading dimensions one larger than needed, so that they are really used.
                    int lda = (ta ? k : m) + 1;
                    int ldb = (tb ? n : k) + 1;
                    int ldc = m + 1;
                    double[] a = random(random, lda * (ta ? m : k));
                    double[] b = random(random, ldb * (tb ? k : n));
                    double[] start = random(random, ldc * n);
                    double[] viaJni = start.clone();
                    double[] inPlace = start.clone();
                    char transA = ta ? 'T' : 'N';
                    char transB = tb ? 'T' : 'N';
                    NativeBlas.dgemm(transA, transB, m, n, k, 0.7, a, 0, lda, b, 0, ldb, 0.3, viaJni, 0, ldc);
                    ZeroCopyBlas.dgemm(transA, transB, m, n, k, 0.7, a, lda, b, ldb, 0.3, inPlace, ldc);
                    assertArrayEquals(viaJni, inPlace, 0.0, m + "x" + n + "x" + k + " " + transA + transB);
                }
            }
        }
    }

    private static double[] random(Random random, int size) {
        double[] values = new double[size];
        for (int i = 0; i < size; i++) {
            values[i] = random.nextGaussian();
        }
        return values;
    }
}
