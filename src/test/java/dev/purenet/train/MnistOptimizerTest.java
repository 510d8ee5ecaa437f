package dev.purenet.train;

import static dev.purenet.Seed.seed;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.purenet.Activation;
import dev.purenet.Cost;
import dev.purenet.Init;
import dev.purenet.Network;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * The optimizers on the full MNIST data. The first is the run the one-engine issue asks for,
 * {@code ./purenet train --sizes 784,30,10 --activation relu,softmax --cost log-likelihood --init he
 * --optimizer adam --eta 0.001 --epochs 2 --seed 1} (a numpy version reaches 96.3% after 2 epochs).
 */
@Tag("mnist")
@Execution(ExecutionMode.CONCURRENT) // one training per core: see junit-platform.properties
class MnistOptimizerTest {
    private final Network relu = Network.of(784, 30, 10).activations(Activation.relu(), Activation.softmax())
            .initialize(Init.he(), seed(1));

    @Test
    void adamOnAReluNetworkInTwoEpochs() {
        Sgd adam = Sgd.eta(0.001).miniBatch(10).cost(Cost.logLikelihood()).rule(UpdateRule.adam());
        double best = MnistFixture.bestTestAccuracy(adam, relu, 1, 2, "Adam, 784-30-10 relu/softmax");
        assertTrue(best >= 0.95, "best test accuracy " + best + " is below 95%");
    }

    @Test
    void nesterovMomentumOnAReluNetworkInTwoEpochs() {
        Sgd nesterov = Sgd.eta(0.01).miniBatch(10).cost(Cost.logLikelihood())
                .rule(UpdateRule.learningRate().then(UpdateRule.nesterov(0.9)));
        double best = MnistFixture.bestTestAccuracy(nesterov, relu, 1, 2, "Nesterov, 784-30-10 relu/softmax");
        assertTrue(best >= 0.95, "best test accuracy " + best + " is below 95%");
    }
}
