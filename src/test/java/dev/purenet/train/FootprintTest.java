package dev.purenet.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.purenet.Architecture;
import dev.purenet.Init;
import dev.purenet.Seed;
import dev.purenet.data.Synthetic;
import io.vavr.collection.Vector;
import org.junit.jupiter.api.Test;

/** The arrays Java cannot hold, and the estimate of a run's bytes that train and sweep check before they allocate. */
class FootprintTest {
    private static final Architecture ONE_CONV = Architecture.layers("conv 20x5x5 sigmoid, pool 2, dense 100 sigmoid, softmax 10", 1, 28, 28);

    private static Experiment run(Architecture architecture, UpdateRule rule, int epochs) {
        return Experiment.of(architecture, Init.scaled(), 1, Synthetic.rings(10, Seed.seed(1))).withEpochs(epochs).withRule(rule);
    }

    @Test
    void aConvolutionCountsItsFiltersNotItsImage() {
        assertEquals(20 * 26 + 2881 * 100 + 101 * 10, Footprint.parameters(ONE_CONV));
        assertEquals(Footprint.parameters(ONE_CONV.sizes()) - 785 * 2880 + 20 * 26, Footprint.parameters(ONE_CONV),
                "the same sizes as dense layers would have a weight per pixel and map");
        assertEquals(Long.MAX_VALUE, Footprint.parameters(Vector.of(Integer.MAX_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE, 10)));
    }

    @Test
    void arraysJavaCannotHoldAreNamed() {
        assertEquals("layer 1 (784 -> 2000000000) would have 1568000000000 weights, more than a Java array holds (2147483639)",
                Footprint.arrayProblem(Vector.of(784, 2_000_000_000, 10), 10));
        assertTrue(Footprint.arrayProblem(Vector.of(1, 65_536, 10), 65_537).startsWith("a mini-batch of 65537 with layers of 65536"));
        assertNull(Footprint.arrayProblem(ONE_CONV, 10));
        assertEquals("layer 1 (conv 20x5x5) would need 2592000000 values for a mini-batch of 100000, more than a Java array holds"
                + " (2147483639)", Footprint.arrayProblem(ONE_CONV, 100_000));
    }

    @Test
    void theBytesGrowWithTheNetworksHeldNotWithTheEpochs() {
        UpdateRule momentum = UpdateRule.learningRate().then(UpdateRule.momentum(0.5));
        long p = Footprint.parameters(ONE_CONV);
        long three = Footprint.bytes(run(ONE_CONV, momentum, 1), 50_000, 3, false);
        assertEquals(three, Footprint.bytes(run(ONE_CONV, momentum, 600), 50_000, 3, false), "a lazy stream of 600 epochs holds no more");
        assertEquals(8 * p * 2, Footprint.bytes(run(ONE_CONV, momentum, 1), 50_000, 4, false) - three,
                "one more epoch held: its network and its velocity");
        assertEquals(8 * p, Footprint.bytes(run(ONE_CONV, UpdateRule.learningRate(), 1), 50_000, 4, false)
                - Footprint.bytes(run(ONE_CONV, UpdateRule.learningRate(), 1), 50_000, 3, false));
        assertEquals(64 * p * 2, Footprint.bytes(run(ONE_CONV, momentum, 1), 50_000, 3, true) - three, "the JSON of a network and its velocity");
        assertTrue(Footprint.bytes(run(ONE_CONV, momentum, 1).withMiniBatch(100), 50_000, 3, false) > three, "wider mini-batches");
        assertEquals(Footprint.bytes(run(ONE_CONV, momentum, 1).withMiniBatch(100), 10, 3, false),
                Footprint.bytes(run(ONE_CONV, momentum, 1).withMiniBatch(10), 10, 3, false), "a mini-batch is at most the training set");
    }
}
