package dev.purenet.train;

import static dev.purenet.Activation.identity;
import static dev.purenet.Activation.tanh;
import static dev.purenet.Seed.seed;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.purenet.Cost;
import dev.purenet.Init;
import dev.purenet.Network;
import dev.purenet.data.Dataset;
import dev.purenet.math.Matrix;
import io.vavr.collection.List;
import org.junit.jupiter.api.Test;

/** Real-valued targets trained end to end: Sgd's gathered mini-batches, the costs, the fingerprint, and the refusals. */
class RegressionTest {
    /** y = sin(x) at n points evenly spread over [-π, π], one example per row. */
    private static Dataset sine(int n, double shift) {
        double[][] x = new double[n][1];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i][0] = -Math.PI + 2 * Math.PI * (i + shift) / (n - 1);
            y[i] = Math.sin(x[i][0]);
        }
        return Dataset.regressionOfRows(x, y);
    }

    private final Dataset training = sine(200, 0);
    private final Dataset validation = sine(50, 0.5);
    private final Network start = Network.input(1).dense(20, tanh()).dense(1, identity()).initialize(Init.xavier(), seed(1));

    @Test
    void learnsTheSineToASmallError() {
        double before = Monitor.meanSquaredError(start, validation);
        Epoch last = Sgd.eta(0.01).miniBatch(10).rule(UpdateRule.adam()).epochs(start, training, seed(2)).drop(1).take(300).last();
        double after = Monitor.meanSquaredError(last.network(), validation);
        assertTrue(before > 0.1, "untrained error " + before);
        assertTrue(after < 1e-3, "trained error " + after + " should be below 1e-3 (RMS error 0.03)");
    }

    @Test
    void learnsALinearMapWithOneIdentityLayer() {
        // y = A x + b with A = [[2, -1], [0.5, 3]], b = (1, -2), from 100 points in [-1, 1]².
        double[][] x = new double[100][2];
        double[][] y = new double[100][2];
        var rng = new dev.purenet.math.Rng(7);
        for (int i = 0; i < x.length; i++) {
            x[i][0] = 2 * rng.nextDouble() - 1;
            x[i][1] = 2 * rng.nextDouble() - 1;
            y[i][0] = 2 * x[i][0] - x[i][1] + 1;
            y[i][1] = 0.5 * x[i][0] + 3 * x[i][1] - 2;
        }
        Dataset data = Dataset.regressionOfRows(x, y);
        Network linear = Network.input(2).dense(2, identity()).initialize(Init.xavier(), seed(3));
        Network trained = Sgd.eta(0.1).miniBatch(10).epochs(linear, data, seed(4)).get(200).network();
        assertTrue(Monitor.meanSquaredError(trained, data) < 1e-10, "error " + Monitor.meanSquaredError(trained, data));
        Matrix w = trained.layers().get(0).parameters().get(0);
        assertTrue(w.maxAbsDifference(Matrix.of(new double[][] {{2, -1}, {0.5, 3}})) < 1e-5, "weights " + w);
    }

    @Test
    void sgdTrainsOnTheSameBatchesAsThePureStep() {
        // The engine gathers each mini-batch into its buffers; the pure step takes Dataset.batch. Same bits.
        Network bySgd = Sgd.eta(0.05).miniBatch(10).epochs(start, training, seed(2)).get(1).network();
        int[] order = Sgd.shuffleSeed(seed(2), 1).rng().permutation(training.size());
        Network byHand = start;
        for (int from = 0; from < training.size(); from += 10) {
            byHand = Backprop.sgdStep(byHand, training.batch(order, from, from + 10), 0.05, Cost.quadratic());
        }
        assertEquals(byHand, bySgd);
    }

    @Test
    void theMonitorReportsCostsAndTheMeanSquaredErrorIsTheirScale() {
        Epoch measured = Monitor.costs(training, validation, Cost.quadratic()).apply(Epoch.start(start, seed(1)));
        double cost = Monitor.totalCost(start, validation, Cost.quadratic(), 0);
        assertEquals(cost, measured.metrics().evaluationCost().get());
        assertEquals(Monitor.totalCost(start, training, Cost.quadratic(), 0), measured.metrics().trainingCost().get());
        assertTrue(measured.metrics().evaluationAccuracy().isEmpty());
        // One output: the quadratic cost is ½(a − y)² per example, half the mean squared error.
        assertEquals(2 * cost, Monitor.meanSquaredError(start, validation), 1e-15);
        var all = validation.range(0, validation.size());
        Matrix error = start.feedforward(all.inputs()).minus(all.targets());
        assertEquals(error.squaredNorm() / validation.size(), Monitor.meanSquaredError(start, validation), 1e-15);
    }

    @Test
    void accuracyIsRefusedOnRegressionDataWithWhatToDoInstead() {
        String monitor = assertThrows(IllegalArgumentException.class,
                () -> Monitor.of(training, validation, Cost.quadratic())).getMessage();
        assertEquals("accuracy needs class labels, but the evaluation data has real-valued targets (regression);"
                + " measure the costs instead: Monitor.costs(training, evaluation, cost)", monitor);
        String evaluation = assertThrows(IllegalArgumentException.class, () -> Evaluation.of(start, validation)).getMessage();
        assertEquals("a confusion matrix or an accuracy needs class labels, but this data set has real-valued targets"
                + " (regression, 1 per example); measure it with a cost instead: Monitor.costs(...) or"
                + " Monitor.meanSquaredError(network, data)", evaluation);
        assertThrows(IllegalArgumentException.class, () -> ConfusionMatrix.of(start, validation));
        assertThrows(IllegalArgumentException.class, () -> Epoch.start(start, seed(1)).evaluate(validation));
    }

    @Test
    void aNetworkWithTheWrongNumberOfOutputsIsRefusedInTheDatasTerms() {
        Network two = Network.input(1).dense(4, tanh()).dense(2, identity()).initialize(Init.xavier(), seed(1));
        String message = assertThrows(IllegalArgumentException.class,
                () -> Sgd.eta(0.1).epochs(two, training, seed(1)).get(1)).getMessage();
        assertEquals("the output layer (4 -> 2, identity) has 2 outputs, but the training data has 1 real-valued target"
                + " per example", message);
        assertThrows(IllegalArgumentException.class, () -> Monitor.meanSquaredError(two, training));
    }

    @Test
    void anExperimentReplaysOnTheSameTargetsOnlyAndRecordsThem() {
        Experiment e = Experiment.of(Network.input(1).dense(8, tanh()).dense(1, identity()), Init.xavier(), 5, training)
                .withEta(0.05).withEpochs(3);
        Monitor costs = Monitor.costs(training, validation, Cost.quadratic());
        List<Epoch> first = e.run(training, costs).toList();
        assertEquals(first, e.run(training, costs).toList());
        assertEquals(4, first.size());
        Dataset moved = sine(200, 0.01);  // the same inputs' count and shape, other numbers
        assertNotEquals(training.fingerprint(), moved.fingerprint());
        String refused = assertThrows(IllegalArgumentException.class, () -> e.run(moved, costs)).getMessage();
        assertTrue(refused.contains(training.fingerprint()) && refused.contains(moved.fingerprint()), refused);
    }
}
