package dev.purenet.train;

import static dev.purenet.Seed.seed;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.purenet.Activation;
import dev.purenet.Cost;
import dev.purenet.Network;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * Chapter 3's improvements on the full MNIST data: cross-entropy, L2 regularisation
 * (λ = 5.0, η = 0.5, mini-batch 10), scaled initialisation, 30 epochs, seed 1.
 */
@Tag("mnist")
@Execution(ExecutionMode.CONCURRENT) // one training per core: see junit-platform.properties
class MnistChapter3Test {
    private final Sgd network2 = Sgd.eta(0.5).miniBatch(10).cost(Cost.crossEntropy()).l2(5.0);

    @Test
    void crossEntropyWithL2On30HiddenNeurons() {
        Network start = Network.of(784, 30, 10).sigmoid().scaled(seed(1));
        double best = MnistFixture.bestTestAccuracy(network2, start, 1, 30, "chapter 3, 784-30-10");
        assertTrue(best >= 0.955, "best test accuracy " + best + " is below 95.5%");
    }

    @Test
    void crossEntropyWithL2On100HiddenNeurons() {
        Network start = Network.of(784, 100, 10).sigmoid().scaled(seed(1));
        double best = MnistFixture.bestTestAccuracy(network2, start, 1, 30, "chapter 3, 784-100-10");
        assertTrue(best >= 0.975, "best test accuracy " + best + " is below 97.5%");
    }

    @Test
    void softmaxWithLogLikelihood() {
        Network start = Network.of(784, 100, 10).activations(Activation.sigmoid(), Activation.softmax()).scaled(seed(1));
        double best = MnistFixture.bestTestAccuracy(network2.cost(Cost.logLikelihood()), start, 1, 30,
                "chapter 3, 784-100-10 softmax + log-likelihood");
        assertTrue(best >= 0.97, "best test accuracy " + best + " is below 97%");
    }
}
