package dev.purenet.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.purenet.Activation;
import dev.purenet.Architecture;
import dev.purenet.Cost;
import dev.purenet.Init;
import dev.purenet.train.Experiment;
import dev.purenet.train.UpdateRule;
import io.vavr.collection.Vector;
import io.vavr.control.Option;
import org.junit.jupiter.api.Test;

/**
 * The memory estimate against the launcher's 192 MB heap, with MNIST already loaded (about 60
 * MB used): the review's OutOfMemoryError runs are refused (M2: f08b, f22-f25), the book's and
 * the documented runs are not.
 */
class MemoryTest {
    private static final long HEAP = 192L << 20;
    private static final long FREE = HEAP - (60L << 20);

    private static Experiment experiment(int batch, int epochs, double momentum, Integer... sizes) {
        UpdateRule rule = momentum > 0 ? UpdateRule.learningRate().then(UpdateRule.momentum(momentum)) : UpdateRule.learningRate();
        return new Experiment(new Architecture(Vector.of(sizes), Vector.fill(sizes.length - 1, Activation::sigmoid)), Init.gaussian(),
                1, Cost.quadratic(), 3.0, batch, rule, epochs, java.util.Optional.empty(), java.util.Optional.empty(), "0".repeat(64));
    }

    @Test
    void theReviewsOutOfMemoryRunsAreRefused() {
        assertTrue(Memory.budgetProblem(experiment(60_000, 1, 0, 784, 10, 10), 50_000, false, FREE, HEAP)
                .startsWith("training 784-10-10 with mini-batches of 50000 for 1 epoch needs about "));
        assertTrue(Memory.budgetProblem(experiment(10, 30, 0, 16, 200_000, 10), 50_000, false, FREE, HEAP) != null);
        assertTrue(Memory.budgetProblem(experiment(10, 30, 0.5, 16, 100_000, 10), 50_000, true, FREE, HEAP) != null);
        assertTrue(Memory.budgetProblem(experiment(10, 1, 0.5, 16, 100_000, 10), 50_000, true, FREE, HEAP) != null,
                "epoch 1 trained, then its snapshot ran out of memory (f25)");
        String f23 = Memory.budgetProblem(experiment(10, 30, 0, 16, 46_341, 46_341, 10), 50_000, false, FREE, HEAP);
        assertTrue(f23.endsWith("(2148785839 parameters, 16.0 GB per copy of the network) but the JVM may use at most 192 MB, of"
                + " which 132 MB are free; use smaller --sizes, --batch or --epochs"), f23);
    }

    @Test
    void theBooksRunsFit() {
        assertNull(Memory.budgetProblem(experiment(10, 30, 0, 784, 30, 10), 50_000, true, FREE, HEAP));
        assertNull(Memory.budgetProblem(experiment(10, 60, 0.5, 784, 100, 10), 50_000, true, FREE, HEAP));
        assertNull(Memory.budgetProblem(experiment(10_000, 1, 0, 784, 10, 10), 50_000, false, FREE, HEAP));
        assertNull(Memory.budgetProblem(experiment(10, 30, 0, 784, 100, 100, 10), 50_000, true, FREE, HEAP));
    }

    @Test
    void aConvolutionalRunFitsByItsFiltersNotItsImages() {
        Architecture oneConv = Architecture.layers("conv 20x5x5 sigmoid, pool 2, dense 100 sigmoid, softmax 10", 1, 28, 28);
        Experiment sixty = Experiment.of(oneConv, Init.scaled(), 1, dev.purenet.data.Synthetic.rings(10, dev.purenet.Seed.seed(1)))
                .withEpochs(60);
        // network3.py's first run, 60 epochs, in the launcher's heap (it needed -Xmx1g while train kept every epoch).
        assertNull(Memory.budgetProblem(sixty, 50_000, true, FREE, HEAP));
        Architecture wide = Architecture.layers("conv 20x5x5 sigmoid, pool 2, dense 20000 sigmoid, softmax 10", 1, 28, 28);
        Experiment wideRun = Experiment.of(wide, Init.scaled(), 1, dev.purenet.data.Synthetic.rings(10, dev.purenet.Seed.seed(1)));
        assertTrue(Memory.budgetProblem(wideRun, 50_000, false, FREE, HEAP).contains("(57820530 parameters, 441 MB per copy of the"
                + " network) but the JVM may use at most 192 MB, of which 132 MB are free; use smaller --layers, --batch or --epochs"),
                Memory.budgetProblem(wideRun, 50_000, false, FREE, HEAP));
    }

    @Test
    void theEstimateDoesNotGrowWithTheEpochs() {
        assertNull(Memory.budgetProblem(experiment(10, 1000, 0.5, 784, 300, 10), 50_000, true, FREE, HEAP));
    }

    @Test
    void aHugeMiniBatchIsToldHowToRaiseTheHeap() {
        // --batch 20000 ran under the 384 MB heap of earlier launchers; 192 MB keeps a whole run under 300 MB resident.
        assertEquals("training 784-10-10 with mini-batches of 20000 for 1 epoch needs about 132 MB (7960 parameters, 62 KB per copy"
                + " of the network) but the JVM may use at most 192 MB, of which 132 MB are free; use smaller --sizes, --batch or"
                + " --epochs, or raise the limit with PURENET_JAVA_OPTS=-Xmx256m",
                Memory.budgetProblem(experiment(20_000, 1, 0, 784, 10, 10), 50_000, false, FREE, HEAP));
    }

    @Test
    void theOutOfMemoryMessageSaysWhatHowBigAndHowToRaiseTheHeap() {
        Memory.doing("reading the network in big.json (218 MB)");
        assertEquals("out of memory while reading the network in big.json (218 MB): the JVM may use at most 192 MB; raise the"
                + " limit with PURENET_JAVA_OPTS=-Xmx384m (or more)", Memory.outOfMemory(new OutOfMemoryError("Java heap space"), HEAP));
        assertEquals("out of memory while reading x, whose header (500000x28x28) promises 373 MB of images: the JVM may use at"
                + " most 1.0 GB; raise the limit with PURENET_JAVA_OPTS=-Xmx2g (or more)", Memory.outOfMemory(
                new OutOfMemoryError("reading x, whose header (500000x28x28) promises 373 MB of images"), 1L << 30));
        Memory.reset();
    }
}
