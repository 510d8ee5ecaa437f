package dev.purenet.train;

import static dev.purenet.Seed.seed;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.purenet.Activation;
import dev.purenet.Batch;
import dev.purenet.Cost;
import dev.purenet.Fixtures;
import dev.purenet.Init;
import dev.purenet.Layer;
import dev.purenet.Network;
import dev.purenet.Precision;
import dev.purenet.data.Dataset;
import dev.purenet.data.Synthetic;
import dev.purenet.io.Snapshots;
import dev.purenet.math.Matrix;
import io.vavr.collection.Vector;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Float32 networks: products in sgemm, parameters kept as float values, the element-wise maths
 * the same double kernels; compared with float64 within float rounding, and with their own pure
 * form, replay and resume bit for bit.
 */
class Float32Test {

    /**
     * Float32's unit roundoff is 2^-24 ≈ 6e-8. A first-layer z is a sum of 784 products of
     * rounded values: its error is some √784·6e-8 ≈ 2e-6 of its terms' magnitudes, and
     * N(0, 1) weights put z far into the sigmoid's tail, where σ′ changes by about |z|·Δz, so the
     * gradients move by a few 1e-6 of their norm (measured: 1e-7 to 3.6e-6 here, the most for a
     * batch of one, which averages nothing). 1e-5 leaves room for that and still fails on any real
     * mistake: a wrong operand, transpose or stale buffer gives differences of order 1.
     */
    private static final double TOLERANCE = 1e-5;

    @Test
    void aGradientAgreesWithFloat64WithinFloatRounding() {
        Network float64 = Network.of(784, 30, 10).sigmoid().gaussian(seed(3)).withPrecision(Precision.FLOAT32)
                .withPrecision(Precision.FLOAT64); // the same, float-representable parameters in both precisions
        Network float32 = float64.withPrecision(Precision.FLOAT32);
        assertEquals(float64.layers(), float32.layers(), "rounding float values again changes nothing");
        for (int m : new int[] {1, 10, 100}) {
            Batch batch = Fixtures.batchFor(float64, 7 + m, m);
            for (Cost cost : List.of(Cost.quadratic(), Cost.crossEntropy())) {
                Gradient expected = Backprop.backprop(float64, batch, cost);
                Gradient actual = Backprop.backprop(float32, batch, cost);
                assertNotEquals(expected, actual, "float32 must really compute in float32");
                for (int k = 0; k < 2; k++) {
                    for (int p = 0; p < 2; p++) {
                        Matrix e = expected.layers().get(k).parameters().get(p);
                        Matrix a = actual.layers().get(k).parameters().get(p);
                        double relative = Math.sqrt(a.minus(e).squaredNorm() / e.squaredNorm());
                        assertTrue(relative <= TOLERANCE, "m " + m + ", " + cost.name() + ", layer " + (k + 1) + " parameter "
                                + p + ": relative difference " + relative);
                    }
                }
            }
        }
    }

    @Test
    void anOutputAgreesWithFloat64WithinFloatRounding() {
        Network float32 = Network.of(784, 30, 10).sigmoid().gaussian(seed(4)).withPrecision(Precision.FLOAT32);
        Network float64 = float32.withPrecision(Precision.FLOAT64);
        Matrix x = Fixtures.batch(5, 784, 10, 20).inputs();
        Matrix expected = float64.feedforward(x);
        Matrix actual = float32.feedforward(x);
        assertNotEquals(expected, actual);
        assertTrue(actual.maxAbsDifference(expected) <= TOLERANCE, "largest difference " + actual.maxAbsDifference(expected));
    }

    @Test
    void buildingInFloat32RoundsEveryParameterToAFloat() {
        Network float64 = Fixtures.network(1, 5, 4, 3);
        Network float32 = float64.withPrecision(Precision.FLOAT32);
        assertEquals(Precision.FLOAT64, float64.precision());
        assertEquals(Precision.FLOAT32, float32.precision());
        assertNotEquals(float64, float32);
        assertFloatValues(float32);
        assertTrue(float32.layers().head().parameters().head().maxAbsDifference(float64.layers().head().parameters().head())
                <= 1e-7, "rounding moves each value by at most half a float step");
        assertSame(float32, float32.withPrecision(Precision.FLOAT32));
        assertSame(float32.layers().head(), new Network(float32.layers(), Precision.FLOAT32).layers().head(),
                "a layer already stored exactly is shared, not copied");
        assertEquals(Precision.FLOAT32, Network.of(5, 4, 3).withPrecision(Precision.FLOAT32).scaled(seed(1)).precision());
        assertEquals(float32, Network.of(5, 4, 3).withPrecision(Precision.FLOAT32).scaled(seed(1)));
    }

    @Test
    void aFloat32KernelRoundsItsParametersWhenMadeAndWhenToldTheyMoved() {
        Layer layer = Fixtures.network(1, 5, 3).layers().head(); // float64 values, most not floats
        Layer.Kernel kernel = layer.kernel(2, Precision.FLOAT32);
        double[] weights = kernel.parameters()[0];
        for (double v : weights) {
            assertEquals(v, (double) (float) v, 0.0, "rounded when made");
        }
        double[] input = {0.5, 0.25, -1.0, 2.0, 0.125, 1.0, 0.0, -0.5, 0.75, 0.5};
        weights[0] = 0.1; // an update rule moves a weight in place
        double[] stale = kernel.forward(input, 2).clone();
        assertEquals(0.1, weights[0], 0.0, "a forward pass only reads the parameters");
        kernel.parametersMoved();
        assertEquals((double) 0.1f, weights[0], 0.0);
        double[] moved = kernel.forward(input, 2).clone();
        assertNotEquals(stale[0], moved[0], "the products use the moved weight");
        Layer expected = layer.withParameters(io.vavr.collection.Vector.of(
                Matrix.fromColumnMajor(3, 5, weights), layer.parameters().get(1)));
        assertEquals(java.util.Arrays.toString(expected.kernel(2, Precision.FLOAT32).forward(input, 2)),
                java.util.Arrays.toString(moved));
    }

    @Test
    void trainedParametersAreFloatValuesAndTheNetworkStaysFloat32() {
        Dataset training = FastPathEquivalenceTest.data(2, 12, 53, 4);
        Network start = Fixtures.network(2, 12, 9, 4).withPrecision(Precision.FLOAT32);
        for (Sgd sgd : List.of(Sgd.eta(3.0).miniBatch(10), Sgd.eta(0.5).miniBatch(7).cost(Cost.crossEntropy()).l2(5.0).momentum(0.9),
                Sgd.eta(0.01).miniBatch(10).rule(UpdateRule.adam()))) {
            Epoch last = sgd.train(start, training, seed(1), 3).get(2);
            assertEquals(Precision.FLOAT32, last.network().precision(), sgd.rule().describe());
            assertNotEquals(start, last.network(), sgd.rule().describe());
            assertFloatValues(last.network());
        }
    }

    @Test
    void workspaceEpochsEqualThePureStepsBitForBit() {
        Dataset training = FastPathEquivalenceTest.data(3, 784, 203, 10);
        Network start = FastPathEquivalenceTest.network(13, new int[] {784, 30, 10}, Activation.sigmoid(), Activation.sigmoid())
                .withPrecision(Precision.FLOAT32);
        for (Sgd sgd : List.of(Sgd.eta(3.0).miniBatch(10), Sgd.eta(0.1).miniBatch(100).cost(Cost.crossEntropy()).momentum(0.9))) {
            Epoch fast = Epoch.start(start, seed(42));
            Epoch pure = fast;
            for (int e = 1; e <= 2; e++) {
                fast = sgd.on(training).apply(fast);
                pure = FastPathEquivalenceTest.pureEpoch(sgd, pure, training);
                assertEquals(pure.network(), fast.network(), sgd.rule().describe() + ", epoch " + e);
                assertEquals(pure.optimizerState(), fast.optimizerState(), sgd.rule().describe() + ", epoch " + e);
            }
        }
    }

    @Test
    void replayIsBitForBitAndResumeStaysFloat32(@TempDir Path dir) {
        Dataset training = Synthetic.rings(300, seed(1));
        Monitor monitor = Monitor.of(training, training, Cost.crossEntropy()).measuring(true, false, false, true);
        Experiment experiment = Experiment.of(Network.of(2, 5, 3).activations(Activation.tanh(), Activation.sigmoid()),
                        Init.xavier(), 7, training).withCost(Cost.crossEntropy()).withEta(0.5).withMiniBatch(7)
                .withMomentum(0.9).withEpochs(6).withPrecision(Precision.FLOAT32);
        List<Epoch> first = experiment.run(training, monitor).toJavaList();
        assertEquals(first, experiment.run(training, monitor).toJavaList());
        assertTrue(first.stream().allMatch(e -> e.network().precision() == Precision.FLOAT32));
        Path file = dir.resolve("epoch-3.json");
        Snapshots.write(file, first.get(3), experiment);
        Snapshots.Recorded recorded = Snapshots.readEpoch(file);
        assertEquals(experiment, recorded.experiment());
        assertEquals(first.get(3), recorded.epoch());
        assertEquals(first.subList(3, first.size()),
                recorded.experiment().resume(recorded.epoch(), training, monitor).toJavaList());
        assertNotEquals(first.get(6).network(), experiment.withPrecision(Precision.FLOAT64).run(training, monitor).last().network(),
                "float64 trains other bits");
    }

    @Test
    void resumingInAnotherPrecisionIsRefused() {
        Dataset training = Synthetic.rings(50, seed(1));
        Experiment float64 = Experiment.of(Network.of(2, 3, 3), Init.scaled(), 1, training).withEpochs(2);
        Epoch float32Epoch = float64.withPrecision(Precision.FLOAT32).start();
        var error = assertThrows(IllegalArgumentException.class, () -> float64.resume(float32Epoch, training, e -> e));
        assertEquals("epoch 0 is a float32 network but this experiment computes in float64", error.getMessage());
    }

    @Test
    void aLayerKindWithoutAFloat32KernelIsRefusedByName() {
        Layer gain = new UserPartsTest.Gain(Matrix.column(0.5, 2.0), Matrix.column(0.1, 0.0), Activation.tanh());
        Network network = new Network(Vector.of(gain), Precision.FLOAT32);
        var error = assertThrows(IllegalArgumentException.class, () -> network.feedforward(Matrix.column(1.0, 2.0)));
        assertEquals("layer (2 -> 2, tanh): the gain layer kind computes in float64 only, not float32; build the network"
                + " in float64", error.getMessage());
    }

    private static void assertFloatValues(Network network) {
        for (Layer layer : network.layers()) {
            for (Matrix p : layer.parameters()) {
                for (double v : p.toColumnMajorArray()) {
                    assertEquals(v, (double) (float) v, 0.0, () -> layer.describe() + ": " + v + " is not a float value");
                }
            }
        }
    }
}
