package dev.purenet.train;

import static dev.purenet.Seed.seed;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.purenet.Cost;
import dev.purenet.Network;
import dev.purenet.Precision;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * The book's chapter-1 result on the full MNIST data (fetched into data/mnist on first run):
 * 784-30-10 sigmoid, quadratic cost, N(0, 1) init, η = 3.0, mini-batch 10, 30 epochs; in float64,
 * the book's numbers, and in float32.
 */
@Tag("mnist")
@Execution(ExecutionMode.CONCURRENT) // one training per core: see junit-platform.properties
class MnistChapter1Test {

    @Test
    void reachesTheBooksAccuracy() {
        Network start = Network.of(784, 30, 10).sigmoid().gaussian(seed(1));
        double best = MnistFixture.bestTestAccuracy(Sgd.eta(3.0).miniBatch(10).cost(Cost.quadratic()), start, 1, 30,
                "chapter 1, seed 1 (the CLI default)");
        assertTrue(best >= 0.945, "best test accuracy " + best + " is below 94.5%");
    }

    @Test
    void reachesTheBooksAccuracyInFloat32() {
        Network start = Network.of(784, 30, 10).sigmoid().withPrecision(Precision.FLOAT32).gaussian(seed(1));
        double best = MnistFixture.bestTestAccuracy(Sgd.eta(3.0).miniBatch(10).cost(Cost.quadratic()), start, 1, 30,
                "chapter 1 in float32, seed 1");
        assertTrue(best >= 0.945, "best test accuracy " + best + " is below 94.5%");
    }
}
