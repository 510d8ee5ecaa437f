package dev.purenet.math;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class RngTest {

    @Test
    void isSplitMix64() {
        // Reference outputs of SplitMix64 seeded with 0 (Vigna's splitmix64.c).
        Rng rng = new Rng(0);
        assertEquals(0xE220A8397B1DCDAFL, rng.nextLong());
        assertEquals(0x6E789E6AA1B965F4L, rng.nextLong());
        assertEquals(0x06C45D188009454FL, rng.nextLong());
    }

    @Test
    void gaussianDrawsArePinned() {
        // Golden values: a change here changes every initial network; see docs/reproducibility.md.
        Rng rng = new Rng(42);
        double[] draws = {rng.nextGaussian(), rng.nextGaussian(), rng.nextGaussian()};
        assertArrayEquals(GOLDEN_GAUSSIANS_SEED_42, draws);
    }

    /** From src/test/resources/golden/rng.py, an independent implementation. */
    static final double[] GOLDEN_GAUSSIANS_SEED_42 = {0.49295065581737485, -0.6940056672160174, -1.2810773478777024};

    @Test
    void gaussianHasMeanZeroAndVarianceOne() {
        Rng rng = new Rng(1);
        int n = 200_000;
        double sum = 0;
        double sumSq = 0;
        for (int i = 0; i < n; i++) {
            double g = rng.nextGaussian();
            sum += g;
            sumSq += g * g;
        }
        assertEquals(0, sum / n, 0.01);
        assertEquals(1, sumSq / n, 0.01);
    }

    @Test
    void permutationContainsEveryIndexOnce() {
        int[] p = new Rng(3).permutation(1000);
        int[] sorted = p.clone();
        Arrays.sort(sorted);
        for (int i = 0; i < sorted.length; i++) {
            assertEquals(i, sorted[i]);
        }
        assertTrue(!Arrays.equals(sorted, p), "a permutation of 1000 should not be the identity");
    }

    @Test
    void nextIntStaysInRangeAndCoversIt() {
        Rng rng = new Rng(5);
        int[] counts = new int[7];
        for (int i = 0; i < 70_000; i++) {
            counts[rng.nextInt(7)]++;
        }
        for (int c : counts) {
            assertEquals(10_000, c, 500);
        }
    }
}
