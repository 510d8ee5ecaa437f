package dev.purenet.math;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** Review finding L1: sizes whose element count overflows int are refused, never wrapped around. */
class MatrixSizeOverflowTest {

    private static void refused(Supplier<Matrix> make) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, make::get);
        assertTrue(e.getMessage().contains("more than a Java array holds"), e.getMessage());
    }

    @Test
    void factoriesRefuseElementCountsBeyondIntRange() {
        refused(() -> Matrix.zeros(65536, 65536));        // wrapped to 0 elements before
        refused(() -> Matrix.zeros(46341, 46341));        // wrapped negative: NegativeArraySizeException before
        refused(() -> Matrix.fromColumnMajor(65536, 65537, new double[65536]));  // passed the length check before
        refused(() -> Matrix.generate(65536, 65537, (i, j) -> 0));
        refused(() -> Matrix.zeros(Integer.MAX_VALUE, 2));
    }

    @Test
    void productsRefuseResultsBeyondIntRange() {
        Matrix tall = Matrix.zeros(65536, 1);
        Matrix wide = Matrix.zeros(1, 65536);
        refused(() -> tall.times(wide));
        refused(() -> wide.transposeTimes(wide));
        refused(() -> tall.timesTranspose(tall));
        refused(() -> tall.timesPlusColumn(wide, Matrix.zeros(65536, 1)));
        refused(() -> tall.columns(new int[65536]));
    }

    @Test
    void theLargestFittingShapeIsStillAccepted() {
        // 1 x (2^31 - 1) needs 16 GB; check the arithmetic only, on a shape whose count fits exactly.
        assertTrue(Matrix.zeros(0, Integer.MAX_VALUE).cols() == Integer.MAX_VALUE);
    }
}
