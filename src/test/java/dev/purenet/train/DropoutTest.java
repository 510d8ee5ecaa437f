package dev.purenet.train;

import static dev.purenet.Seed.seed;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.purenet.Activation;
import dev.purenet.Batch;
import dev.purenet.Cost;
import dev.purenet.Dense;
import dev.purenet.Fixtures;
import dev.purenet.Layer;
import dev.purenet.Network;
import dev.purenet.Noise;
import dev.purenet.data.Dataset;
import dev.purenet.math.Matrix;
import dev.purenet.math.Rng;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Dropout as network3.py has it: while training each input of a layer is dropped with
 * probability p and the rest pass unscaled; in evaluation every input is scaled by 1 - p. The
 * masks are defined here independently: layer k, example j draws {@code noise.layer(k).column(j)}
 * in row order and drops input i when the draw is below p.
 */
class DropoutTest {
    private static final double P = 0.4;
    private static final Network PLAIN = FastPathEquivalenceTest.network(5, new int[] {9, 7, 6, 3},
            Activation.sigmoid(), Activation.tanh(), Activation.softmax());
    /** Dropout on the inputs of the second and third layers, as network3.py's dropout runs. */
    private static final Network DROPPING = PLAIN.withLayer(1, ((Dense) PLAIN.layers().get(1)).withDropout(P))
            .withLayer(2, ((Dense) PLAIN.layers().get(2)).withDropout(0.25));
    private static final Dataset DATA = FastPathEquivalenceTest.data(9, 9, 57, 3);

    @Test
    void evaluationScalesEveryInputByTheKeepRate() {
        Matrix x = Fixtures.batch(3, 7, 6, 5).inputs();
        Dense dense = (Dense) PLAIN.layers().get(1);
        assertEquals(dense.forward(x.scale(1 - P)), dense.withDropout(P).forward(x));
        assertNotEquals(dense.forward(x), dense.withDropout(P).forward(x));
    }

    /** A mask written out from the definition: 1 keeps input i of example j, 0 drops it. */
    private static double[] mask(Noise noise, int rows) {
        Rng rng = noise.column(0);
        double[] keep = new double[rows];
        for (int i = 0; i < rows; i++) {
            keep[i] = rng.nextDouble() < P ? 0 : 1;
        }
        return keep;
    }

    /** Example j's network in a training pass: layer 1's weight columns multiplied by its mask, no dropout. */
    private static Network masked(Network network, Noise noise, int j) {
        Dense layer = (Dense) network.layers().get(1);
        double[] keep = mask(noise.layer(1).from(j), layer.inputs());
        Matrix w = layer.weights().zip(Matrix.generate(layer.outputs(), layer.inputs(), (r, c) -> keep[c]), (a, b) -> a * b);
        return network.withLayer(1, new Dense(w, layer.biases(), layer.activation()));
    }

    private static Network oneDropout() {
        return PLAIN.withLayer(1, ((Dense) PLAIN.layers().get(1)).withDropout(P));
    }

    @Test
    void aTrainingPassIsTheNetworkWithItsMaskedInputs() {
        Network network = oneDropout();
        Batch batch = Fixtures.batchFor(network, 4, 3);
        Noise noise = Sgd.noise(seed(8), 2, 5);
        Gradient gradient = Backprop.backprop(network, batch, Cost.logLikelihood(), noise);
        Gradient expected = null;
        for (int j = 0; j < batch.size(); j++) {
            Batch one = new Batch(batch.inputs().column(j), batch.targets().column(j));
            Gradient g = Backprop.backprop(masked(network, noise, j), one, Cost.logLikelihood());
            // The masked network's weights are W times the mask, so dW = dW' times the mask: a dropped input's weights get nothing.
            double[] keep = mask(noise.layer(1).from(j), 7);
            Matrix w = g.layers().get(1).parameters().get(0);
            Matrix maskedW = w.zip(Matrix.generate(w.rows(), w.cols(), (r, c) -> keep[c]), (a, b) -> a * b);
            g = new Gradient(g.layers().update(1, new Gradient.LayerGradient(g.layers().get(1).parameters().update(0, maskedW))));
            expected = expected == null ? g : expected.plus(g);
        }
        for (int k = 0; k < 3; k++) {
            for (int p = 0; p < 2; p++) {
                double difference = expected.layers().get(k).parameters().get(p).maxAbsDifference(gradient.layers().get(k).parameters().get(p));
                assertTrue(difference < 1e-12, "layer " + k + " parameter " + p + " differs by " + difference);
            }
        }
    }

    @Test
    void theTrainingGradientMatchesCentralDifferencesOfTheMaskedCost() {
        Network network = oneDropout();
        Batch batch = Fixtures.batchFor(network, 6, 4);
        Noise noise = Sgd.noise(seed(1), 1, 0);
        Cost cost = Cost.logLikelihood();
        Gradient gradient = Backprop.backprop(network, batch, cost, noise);
        double h = 1e-5;
        double worst = 0;
        for (int k = 0; k < 3; k++) {
            Layer layer = network.layers().get(k);
            for (int p = 0; p < 2; p++) {
                double[] values = layer.parameters().get(p).toColumnMajorArray();
                double[] exact = gradient.layers().get(k).parameters().get(p).toColumnMajorArray();
                for (int i = 0; i < values.length; i++) {
                    double plus = maskedCost(network, k, p, values, i, h, batch, noise, cost);
                    double minus = maskedCost(network, k, p, values, i, -h, batch, noise, cost);
                    double numeric = (plus - minus) / (2 * h);
                    worst = Math.max(worst, Math.abs(numeric - exact[i]) / Math.max(1e-4, Math.max(Math.abs(numeric), Math.abs(exact[i]))));
                }
            }
        }
        assertTrue(worst < 1e-6, "worst relative error " + worst);
    }

    private static double maskedCost(Network network, int k, int p, double[] values, int index, double h, Batch batch, Noise noise,
                                     Cost cost) {
        double[] nudged = values.clone();
        nudged[index] += h;
        Layer layer = network.layers().get(k);
        Matrix shape = layer.parameters().get(p);
        Network moved = network.withLayer(k, layer.withParameters(layer.parameters().update(p,
                Matrix.fromColumnMajor(shape.rows(), shape.cols(), nudged))));
        double total = 0;
        for (int j = 0; j < batch.size(); j++) {
            Batch one = new Batch(batch.inputs().column(j), batch.targets().column(j));
            total += Backprop.cost(masked(moved, noise, j), one, cost);
        }
        return total;
    }

    @ParameterizedTest(name = "{0} threads, mini-batch {1}")
    @CsvSource({"1, 10", "2, 10", "3, 7"})
    void sgdEqualsThePureStepsWithEachBatchsNoiseBitForBit(int threads, int miniBatch) {
        Sgd sgd = Sgd.eta(0.5).miniBatch(miniBatch).cost(Cost.logLikelihood()).rule(UpdateRule.l2(0.1).then(UpdateRule.learningRate()))
                .threads(threads);
        Epoch start = Epoch.start(DROPPING, seed(3));
        Epoch trained = sgd.on(DATA).apply(start);
        assertEquals(PureEpochs.inBlocks(sgd, start, DATA, threads).network(), trained.network());
        assertEquals(trained.network(), sgd.on(DATA).apply(start).network(), "replay");
        assertNotEquals(PureEpochs.inBlocks(sgd, start, DATA, threads).network(), sgd.on(DATA).apply(Epoch.start(DROPPING, seed(4))).network(),
                "another seed draws other masks");
    }

    @Test
    void theMasksDoNotDependOnTheThreadCount() {
        Sgd sgd = Sgd.eta(0.5).miniBatch(20).cost(Cost.logLikelihood());
        Network one = sgd.train(DROPPING, DATA, seed(1), 2).get(1).network();
        Network two = sgd.threads(2).train(DROPPING, DATA, seed(1), 2).get(1).network();
        for (int k = 0; k < 3; k++) {
            for (int p = 0; p < 2; p++) {
                double difference = one.layers().get(k).parameters().get(p).maxAbsDifference(two.layers().get(k).parameters().get(p));
                assertTrue(difference < 1e-12, "layer " + k + " parameter " + p + " differs by " + difference);
            }
        }
    }

    @Test
    void trainingWithDropoutDiffersFromTrainingWithout() {
        Sgd sgd = Sgd.eta(0.5).miniBatch(10).cost(Cost.logLikelihood());
        Network withDropout = sgd.train(DROPPING, DATA, seed(1), 1).get(0).network();
        Network without = sgd.train(PLAIN, DATA, seed(1), 1).get(0).network();
        assertNotEquals(without.layers().get(1).parameters(), withDropout.layers().get(1).parameters());
        assertEquals(P, ((Dense) withDropout.layers().get(1)).dropout(), "training keeps the layer's dropout");
    }

    @Test
    void refusesAProbabilityOutsideZeroToOne() {
        Dense dense = (Dense) PLAIN.layers().get(0);
        for (double p : new double[] {-0.1, 1.0, Double.NaN}) {
            var e = assertThrows(IllegalArgumentException.class, () -> dense.withDropout(p));
            assertEquals("dropout must be a probability from 0 to below 1, got " + p, e.getMessage());
        }
    }
}
