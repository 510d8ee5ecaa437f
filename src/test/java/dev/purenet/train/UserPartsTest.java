package dev.purenet.train;

import static dev.purenet.Seed.seed;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.purenet.Activation;
import dev.purenet.Batch;
import dev.purenet.Cost;
import dev.purenet.Dense;
import dev.purenet.Fixtures;
import dev.purenet.Init;
import dev.purenet.Layer;
import dev.purenet.Network;
import dev.purenet.Spec;
import dev.purenet.data.Dataset;
import dev.purenet.data.Synthetic;
import dev.purenet.io.Experiments;
import dev.purenet.io.SnapshotException;
import dev.purenet.io.Snapshots;
import dev.purenet.math.Matrix;
import io.vavr.collection.List;
import io.vavr.collection.Vector;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The user's own parts are first class (registered here under names starting with "test-", which
 * other tests leave out of the lists of known names they compare): a new layer kind, activation, cost and update rule run
 * in the same engine as the built-ins, and once registered they save, load and replay.
 */
class UserPartsTest {
    @TempDir
    Path dir;

    static final Activation SWISH = Activation.registry().register(Activation.Elementwise.of("test-swish",
            z -> z / (1 + Math.exp(-z)), z -> {
                double s = 1 / (1 + Math.exp(-z));
                return s + z * s * (1 - s);
            }));
    static final Cost HALF_QUADRATIC = Cost.registry().register(Cost.Elementwise.of("test-half-quadratic",
            (a, y) -> 0.25 * (a - y) * (a - y), (a, y) -> 0.5 * (a - y)));

    /** A user rule with a parameter: the learning rate times a constant factor. */
    record ScaledRate(double factor) implements UpdateRule {
        static {
            UpdateRule.registry().register("test-scaled-rate", s -> new ScaledRate(s.get("factor")));
        }

        @Override
        public Spec spec() {
            return Spec.of("test-scaled-rate", "factor", factor);
        }

        @Override
        public void update(Slot slot, Step step) {
            double f = -factor * step.eta() / step.batchSize();
            double[] u = slot.updates();
            for (int e = 0; e < u.length; e++) {
                u[e] = u[e] * f;
            }
        }
    }

    /**
     * A test-only layer kind: a per-neuron gain and bias, {@code a = σ(g ⊙ x + b)}, with as many
     * outputs as inputs. It is a class of its own and nothing in the engine knows it.
     */
    record Gain(Matrix gains, Matrix biases, Activation activation) implements Layer {
        @Override
        public int inputs() {
            return gains.rows();
        }

        @Override
        public int outputs() {
            return gains.rows();
        }

        @Override
        public String kind() {
            return "gain";
        }

        @Override
        public Vector<String> parameterNames() {
            return Vector.of("gains", "biases");
        }

        @Override
        public Vector<Matrix> parameters() {
            return Vector.of(gains, biases);
        }

        @Override
        public boolean decays(int index) {
            return index == 0;
        }

        @Override
        public Layer withParameters(Vector<Matrix> parameters) {
            return new Gain(parameters.get(0), parameters.get(1), activation);
        }

        @Override
        public Kernel kernel(int maxBatch) {
            int n = gains.rows();
            double[] g = gains.toColumnMajorArray();
            double[] b = biases.toColumnMajorArray();
            double[] z = new double[n * maxBatch];
            double[] a = new double[n * maxBatch];
            double[] gradG = new double[n];
            double[] gradB = new double[n];
            double[][] params = {g, b};
            double[][] grads = {gradG, gradB};
            return new Kernel() {
                @Override
                public double[] forward(double[] input, int m) {
                    for (int j = 0; j < m; j++) {
                        for (int i = 0; i < n; i++) {
                            z[j * n + i] = g[i] * input[j * n + i] + b[i];
                        }
                    }
                    activation.forward(z, a, n, m);
                    return a;
                }

                @Override
                public double[] weightedInput() {
                    return z;
                }

                @Override
                public void backward(double[] input, double[] delta, int m, double @Nullable [] gradInput) {
                    Arrays.fill(gradG, 0);
                    Arrays.fill(gradB, 0);
                    for (int j = 0; j < m; j++) {
                        for (int i = 0; i < n; i++) {
                            gradG[i] += delta[j * n + i] * input[j * n + i];
                            gradB[i] += delta[j * n + i];
                            if (gradInput != null) {
                                gradInput[j * n + i] = g[i] * delta[j * n + i];
                            }
                        }
                    }
                }

                @Override
                public double[][] parameters() {
                    return params;
                }

                @Override
                public double[][] gradients() {
                    return grads;
                }
            };
        }
    }

    private static Network withGain() {
        Network dense = Fixtures.network(7, 5, 4, 3);
        Layer gain = new Gain(Matrix.column(0.5, -1.5, 2.0, 1.0), Matrix.column(0.1, 0.0, -0.2, 0.3), Activation.tanh());
        return new Network(Vector.of(dense.layers().head(), gain, dense.layers().last()));
    }

    @Test
    void aNewLayerKindIsGradientCheckedAndTrainsInTheEngineAsItsPureStepsDo() {
        Network network = withGain();
        Batch batch = Fixtures.batchFor(network, 8, 6);
        Gradient gradient = Backprop.backprop(network, batch, Cost.quadratic());
        Layer gain = network.layers().get(1);
        double h = 1e-6;
        for (int p = 0; p < 2; p++) {
            double[] values = gain.parameters().get(p).toColumnMajorArray();
            double[] analytic = gradient.layers().get(1).parameters().get(p).toColumnMajorArray();
            for (int i = 0; i < values.length; i++) {
                double numeric = (costWith(network, batch, p, values, i, h) - costWith(network, batch, p, values, i, -h)) / (2 * h);
                assertEquals(numeric, analytic[i], 1e-7 * Math.max(1, Math.abs(numeric)), "parameter " + p + " element " + i);
            }
        }
        Dataset training = FastPathEquivalenceTest.data(9, 5, 37, 3);
        Sgd sgd = Sgd.eta(0.3).miniBatch(5).l2(0.5).momentum(0.5);
        Epoch pure = Epoch.start(network, seed(4));
        java.util.List<Epoch> engine = sgd.epochs(network, training, seed(4)).take(3).toJavaList();
        for (int e = 1; e <= 2; e++) {
            pure = FastPathEquivalenceTest.pureEpoch(sgd, pure, training);
            assertEquals(pure.network(), engine.get(e).network(), "epoch " + e);
        }
        assertTrue(engine.get(2).network().layers().get(1) instanceof Gain);
    }

    private static double costWith(Network network, Batch batch, int parameter, double[] values, int i, double delta) {
        double[] nudged = values.clone();
        nudged[i] += delta;
        Layer gain = network.layers().get(1);
        Matrix shape = gain.parameters().get(parameter);
        Layer changed = gain.withParameters(gain.parameters().update(parameter, Matrix.fromColumnMajor(shape.rows(), shape.cols(), nudged)));
        return Backprop.cost(network.withLayer(1, changed), batch, Cost.quadratic());
    }

    @Test
    void registeredUserPartsSaveLoadAndReplayBitForBit() throws IOException {
        Dataset training = Synthetic.rings(200, seed(1));
        Monitor monitor = Monitor.of(training, training, HALF_QUADRATIC).measuring(true, false, false, true);
        var architecture = Network.input(2).dense(6, SWISH).dense(5, Activation.tanh()).dense(3, Activation.sigmoid());
        Experiment e = Experiment.of(architecture, Init.xavier(), 11, training).withCost(HALF_QUADRATIC).withEta(0.5)
                .withRule(UpdateRule.l2(0.1).then(new ScaledRate(0.5)).then(UpdateRule.momentum(0.5))).withEpochs(4);
        List<Epoch> uninterrupted = e.run(training, monitor).toList();

        Path record = dir.resolve("experiment.json");
        Experiments.write(record, e);
        assertEquals(e, Experiments.read(record));
        String json = Files.readString(record);
        assertTrue(json.contains("\"test-swish\"") && json.contains("\"test-half-quadratic\"") && json.contains("\"test-scaled-rate\""), json);

        Path snapshot = dir.resolve("epoch-0002.json");
        Snapshots.write(snapshot, uninterrupted.get(2), e);
        Snapshots.Recorded recorded = Snapshots.readEpoch(snapshot);
        assertEquals(uninterrupted.get(2), recorded.epoch());
        assertEquals(uninterrupted.drop(2), recorded.experiment().resume(recorded.epoch(), training, monitor).toList());

        Path plain = dir.resolve("net.json");
        Snapshots.write(plain, uninterrupted.last().network());
        assertEquals(uninterrupted.last().network(), Snapshots.read(plain));
    }

    @Test
    void unregisteredPartsAreNotWrittenAndUnknownNamesListTheKnownOnes() throws IOException {
        Activation unregistered = Activation.Elementwise.of("mish", z -> z * Math.tanh(Math.log1p(Math.exp(z))), z -> 1);
        Network network = Network.of(2, 3).activation(unregistered).initialize(Init.xavier(), seed(3));
        Path file = dir.resolve("mish.json");
        assertEquals("activation 'mish' is not registered, so a file naming it could not be read back; register it once with"
                + " Activation.registry().register(...)", assertThrows(IllegalArgumentException.class,
                () -> Snapshots.write(file, network)).getMessage());
        assertTrue(Files.notExists(file));

        Snapshots.write(file, Network.of(2, 3).activation(SWISH).initialize(Init.xavier(), seed(3)));
        Files.writeString(file, Files.readString(file).replace("\"test-swish\"", "\"gelu\""));
        String message = assertThrows(SnapshotException.class, () -> Snapshots.read(file)).getMessage();
        assertTrue(message.startsWith(file + ": layers[0].activation: unknown activation 'gelu', known: ["), message);
        assertTrue(message.contains("sigmoid") && message.contains("test-swish"), message);
    }

    @Test
    void divergenceEndsTheEpochStreamWithATypedException() {
        Dataset training = Synthetic.rings(100, seed(2));
        Network start = Network.of(2, 8, 3).activation(Activation.relu()).initialize(Init.xavier(), seed(3));
        DivergenceException e = assertThrows(DivergenceException.class,
                () -> Sgd.eta(1e300).epochs(start, training, seed(1)).take(3).toList());
        assertEquals(1, e.epoch());
        assertTrue(e.getMessage().startsWith("training diverged in epoch 1, mini-batch "), e.getMessage());
    }

    @Test
    void aWorkspaceRefusesABatchItHasNoRoomFor() {
        Network network = Fixtures.network(1, 3, 2);
        assertEquals("batch of 0 examples in a workspace for 1 to 4", assertThrows(IllegalArgumentException.class,
                () -> ((Dense) network.layers().head()).kernel(4).forward(new double[12], 0)).getMessage());
    }
}
