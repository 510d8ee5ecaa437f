package dev.purenet.math;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Random;
import org.jblas.NativeBlas;
import org.junit.jupiter.api.Test;

/**
 * The zero-copy path (Java 22+) and jblas's JNI call the same native {@code dgemm_} and
 * {@code sgemm_}: same bits.
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
        forEveryTransposeAndShape((c, ta, tb) -> {
            double[] a = random(random, c.lda() * c.aCols());
            double[] b = random(random, c.ldb() * c.bCols());
            double[] start = random(random, c.ldc() * c.n());
            double[] viaJni = start.clone();
            double[] inPlace = start.clone();
            NativeBlas.dgemm(ta, tb, c.m(), c.n(), c.k(), 0.7, a, 0, c.lda(), b, 0, c.ldb(), 0.3, viaJni, 0, c.ldc());
            ZeroCopyBlas.dgemm(ta, tb, c.m(), c.n(), c.k(), 0.7, a, c.lda(), b, c.ldb(), 0.3, inPlace, c.ldc());
            assertArrayEquals(viaJni, inPlace, 0.0, c + " " + ta + tb);
        });
    }

    @Test
    void sgemmHasTheSameBitsAsJblasForEveryTransposeAndShape() {
        assumeTrue(ZeroCopyBlas.available(), ZeroCopyBlas::status);
        Random random = new Random(8);
        forEveryTransposeAndShape((c, ta, tb) -> {
            float[] a = floats(random(random, c.lda() * c.aCols()));
            float[] b = floats(random(random, c.ldb() * c.bCols()));
            float[] start = floats(random(random, c.ldc() * c.n()));
            float[] viaJni = start.clone();
            float[] inPlace = start.clone();
            NativeBlas.sgemm(ta, tb, c.m(), c.n(), c.k(), 0.7f, a, 0, c.lda(), b, 0, c.ldb(), 0.3f, viaJni, 0, c.ldc());
            ZeroCopyBlas.sgemm(ta, tb, c.m(), c.n(), c.k(), 0.7f, a, c.lda(), b, c.ldb(), 0.3f, inPlace, c.ldc());
            assertArrayEquals(viaJni, inPlace, 0.0f, c + " " + ta + tb);
        });
    }

    /** On every JDK: Blas.sgemm is the product of its operands up to float rounding, transposes and leading dimensions included. */
    @Test
    void sgemmComputesTheProductInSinglePrecision() {
        Random random = new Random(9);
        forEveryTransposeAndShape((c, ta, tb) -> {
            double[] a = doubles(floats(random(random, c.lda() * c.aCols())));
            double[] b = doubles(floats(random(random, c.ldb() * c.bCols())));
            double[] start = doubles(floats(random(random, c.ldc() * c.n())));
            float[] actual = floats(start);
            Blas.sgemm(ta == 'T', tb == 'T', c.m(), c.n(), c.k(), 0.7f, floats(a), c.lda(), floats(b), c.ldb(), 0.3f, actual, c.ldc());
            for (int j = 0; j < c.n(); j++) {
                for (int i = 0; i < c.m(); i++) {
                    double sum = 0;
                    double magnitude = 0;
                    for (int l = 0; l < c.k(); l++) {
                        double x = ta == 'T' ? a[l + i * c.lda()] : a[i + l * c.lda()];
                        double y = tb == 'T' ? b[j + l * c.ldb()] : b[l + j * c.ldb()];
                        sum += x * y;
                        magnitude += Math.abs(x * y);
                    }
                    double expected = 0.7 * sum + 0.3 * start[i + j * c.ldc()];
                    // Each of k float multiply-adds rounds by at most 2^-24 of the running magnitude.
                    double bound = (c.k() + 2) * 0x1p-24 * (0.7 * magnitude + 0.3 * Math.abs(start[i + j * c.ldc()])) + 1e-30;
                    assertTrue(Math.abs(actual[i + j * c.ldc()] - expected) <= bound, c + " " + ta + tb + " at " + i + "," + j);
                }
            }
        });
    }

    /** m x n x k, with leading dimensions one larger than needed, so that they are really used. */
    private record Shape(int m, int n, int k, int lda, int aCols, int ldb, int bCols, int ldc) {
        @Override
        public String toString() {
            return m + "x" + n + "x" + k;
        }
    }

    private interface ShapeTest {
        void run(Shape shape, char transA, char transB);
    }

    private static void forEveryTransposeAndShape(ShapeTest test) {
        int[][] shapes = {{1, 1, 1}, {30, 10, 784}, {30, 784, 10}, {784, 10, 30}, {10, 100, 30}, {7, 3, 5}, {100, 100, 100}};
        for (int[] shape : shapes) {
            int m = shape[0];
            int n = shape[1];
            int k = shape[2];
            for (boolean ta : new boolean[] {false, true}) {
                for (boolean tb : new boolean[] {false, true}) {
                    test.run(new Shape(m, n, k, (ta ? k : m) + 1, ta ? m : k, (tb ? n : k) + 1, tb ? k : n, m + 1),
                            ta ? 'T' : 'N', tb ? 'T' : 'N');
                }
            }
        }
    }

    private static float[] floats(double[] values) {
        float[] f = new float[values.length];
        for (int i = 0; i < f.length; i++) {
            f[i] = (float) values[i];
        }
        return f;
    }

    private static double[] doubles(float[] values) {
        double[] d = new double[values.length];
        for (int i = 0; i < d.length; i++) {
            d[i] = values[i];
        }
        return d;
    }

    private static double[] random(Random random, int size) {
        double[] values = new double[size];
        for (int i = 0; i < size; i++) {
            values[i] = random.nextGaussian();
        }
        return values;
    }
}
