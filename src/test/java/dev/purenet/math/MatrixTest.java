package dev.purenet.math;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class MatrixTest {
    private final Matrix a = Matrix.of(new double[][] {{1, 2, 3}, {4, 5, 6}});
    private final Matrix b = Matrix.of(new double[][] {{7, 8}, {9, 10}, {11, 12}});

    /** The textbook triple loop, independent of BLAS. */
    private static Matrix naiveProduct(Matrix x, Matrix y) {
        return Matrix.generate(x.rows(), y.cols(), (i, j) -> {
            double s = 0;
            for (int k = 0; k < x.cols(); k++) {
                s += x.get(i, k) * y.get(k, j);
            }
            return s;
        });
    }

    @Test
    void storesRowsWrittenOnPaperInColumnMajorOrder() {
        assertArrayEquals(new double[] {1, 4, 2, 5, 3, 6}, a.toColumnMajorArray());
        assertEquals(6, a.get(1, 2));
        assertEquals("2x3", a.shape());
    }

    @Test
    void productsAgreeWithTheTripleLoop() {
        Rng rng = new Rng(7);
        Matrix x = Matrix.generate(5, 4, (i, j) -> rng.nextGaussian());
        Matrix y = Matrix.generate(4, 3, (i, j) -> rng.nextGaussian());
        Matrix z = Matrix.generate(6, 4, (i, j) -> rng.nextGaussian());
        assertTrue(x.times(y).maxAbsDifference(naiveProduct(x, y)) < 1e-14);
        assertTrue(x.transpose().transposeTimes(y).maxAbsDifference(naiveProduct(x, y)) < 1e-14);
        assertTrue(x.timesTranspose(z).maxAbsDifference(naiveProduct(x, z.transpose())) < 1e-14);
        assertEquals(Matrix.of(new double[][] {{58, 64}, {139, 154}}), a.times(b));
    }

    @Test
    void timesPlusColumnAddsTheBiasToEveryColumn() {
        Matrix bias = Matrix.column(0.5, -1);
        Matrix expected = a.times(b).plusColumn(bias);
        assertEquals(expected, a.timesPlusColumn(b, bias));
        assertEquals(Matrix.of(new double[][] {{58.5, 64.5}, {138, 153}}), expected);
    }

    @Test
    void aOneByOneMatrixIsNeverTreatedAsAScalar() {
        Matrix one = Matrix.of(new double[][] {{2}});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> a.times(one));
        assertEquals("times: shapes 2x3 and 1x1 do not chain (3 != 1)", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> a.plus(one));
        assertThrows(IllegalArgumentException.class, () -> a.hadamard(one));
    }

    @Test
    void shapeErrorsNameBothShapes() {
        var e = assertThrows(IllegalArgumentException.class, () -> a.plus(b));
        assertEquals("plus: shapes differ, 2x3 and 3x2", e.getMessage());
        var f = assertThrows(IllegalArgumentException.class, () -> a.plusColumn(Matrix.column(1, 2, 3)));
        assertEquals("plusColumn: expected a 2x1 column, got 3x1", f.getMessage());
        var g = assertThrows(IllegalArgumentException.class, () -> Matrix.of(new double[][] {{1, 2}, {3}}));
        assertEquals("ragged rows: row 0 has 2 columns but row 1 has 1", g.getMessage());
        var h = assertThrows(IllegalArgumentException.class, () -> Matrix.fromColumnMajor(2, 2, new double[3]));
        assertEquals("a 2x2 matrix needs 4 values, got 3", h.getMessage());
    }

    @Test
    void constructionCopiesTheCallersArray() {
        double[] data = {1, 2, 3, 4};
        Matrix m = Matrix.fromColumnMajor(2, 2, data);
        data[0] = 99;
        assertEquals(1, m.get(0, 0));
        double[][] rows = {{1, 2}};
        Matrix r = Matrix.of(rows);
        rows[0][0] = 99;
        assertEquals(1, r.get(0, 0));
        double[] column = {1, 2};
        Matrix c = Matrix.column(column);
        column[0] = 99;
        assertEquals(1, c.get(0, 0));
    }

    @Test
    void mutatingWhatAnAccessorReturnedDoesNotChangeTheMatrix() {
        Matrix copy = Matrix.fromColumnMajor(2, 3, a.toColumnMajorArray());
        a.toColumnMajorArray()[0] = 99;
        a.toRowArrays()[1][1] = 99;
        assertEquals(copy, a);
    }

    @Test
    void operationsLeaveTheirOperandsAlone() {
        Matrix aBefore = Matrix.fromColumnMajor(2, 3, a.toColumnMajorArray());
        Matrix bBefore = Matrix.fromColumnMajor(3, 2, b.toColumnMajorArray());
        a.times(b);
        a.transposeTimes(a);
        a.timesTranspose(a);
        a.timesPlusColumn(b, Matrix.column(1, 1));
        a.plus(a);
        a.plusScaled(3, a);
        a.map(x -> -x);
        a.rowSums();
        assertEquals(aBefore, a);
        assertEquals(bBefore, b);
    }

    @Test
    void reductionsAndHelpers() {
        assertEquals(Matrix.column(6, 15), a.rowSums());
        assertEquals(Matrix.of(new double[][] {{5, 7, 9}}), a.columnSums());
        assertEquals(21, a.sum());
        assertEquals(91, a.squaredNorm());
        assertArrayEquals(new int[] {1, 1, 1}, a.argmaxPerColumn());
        assertEquals(Matrix.of(new double[][] {{3, 1}, {6, 4}}), a.columns(new int[] {2, 0}));
        assertEquals(Matrix.of(new double[][] {{1, 4}, {2, 5}, {3, 6}}), a.transpose());
        assertEquals(Matrix.of(new double[][] {{3, 6, 9}, {12, 15, 18}}), a.plusScaled(2, a));
    }

    @Test
    void findsTheFirstNonFiniteElement() {
        Matrix m = Matrix.of(new double[][] {{1, 2}, {Double.NaN, 4}});
        assertEquals(1, m.firstNonFinite());
        assertEquals("(1, 0) = NaN", m.describeIndex(1));
        assertTrue(a.isFinite());
    }

    @Test
    void equalityIsByShapeAndBits() {
        assertEquals(Matrix.column(1, 2), Matrix.column(1, 2));
        assertEquals(Matrix.column(1, 2).hashCode(), Matrix.column(1, 2).hashCode());
        assertNotEquals(Matrix.column(1, 2), Matrix.of(new double[][] {{1, 2}}));
        assertNotEquals(Matrix.column(1, 2), Matrix.column(1, 2 + 1e-15));
    }

    @Test
    void smallMatricesPrintTheirRows() {
        assertEquals("Matrix 2x3 [1.0, 2.0, 3.0; 4.0, 5.0, 6.0]", a.toString());
        assertEquals("Matrix 20x20", Matrix.zeros(20, 20).toString());
    }

    @Test
    void missingNativeLibraryMessageNamesThePackage() {
        assertEquals("jblas could not load its native BLAS library (it needs libgfortran.so.5); "
                        + "on Debian/Ubuntu install the package libgfortran5: sudo apt-get install libgfortran5",
                NativeBlasProbe.missingLibraryMessage("Linux"));
    }
}
