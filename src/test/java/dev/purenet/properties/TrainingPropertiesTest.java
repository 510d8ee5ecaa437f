package dev.purenet.properties;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.purenet.Batch;
import dev.purenet.Cost;
import dev.purenet.Network;
import dev.purenet.data.Dataset;
import dev.purenet.io.Network2Format;
import dev.purenet.io.Snapshots;
import dev.purenet.math.Matrix;
import dev.purenet.train.Backprop;
import dev.purenet.train.Epoch;
import dev.purenet.train.Experiment;
import dev.purenet.train.Gradient;
import dev.purenet.train.Monitor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Property tests over generated cases ({@link Cases}): random architectures (1–4 layers of 1–40
 * neurons), activations, costs, initialisations, mini-batch sizes and seeds. Each case is one
 * dynamic test named after what it generated, so Surefire counts them and a failure names the case.
 *
 * <p>Only the stable public API is used: networks are built with {@code Network.of(...)} and read
 * or changed through their JSON files, never through {@code Layer}.
 */
class TrainingPropertiesTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    // ---- batched backprop = the sum of per-example backprop ------------------------------------

    @TestFactory
    Stream<DynamicTest> batchedBackpropEqualsTheSumOfPerExampleBackprop() {
        return Cases.forAll(300, n -> Cases.generate(n, 4, 40, 20), c -> {
            Gradient batched = Backprop.backprop(c.network(), c.batch(), c.cost());
            Gradient sum = null;
            for (int j = 0; j < c.batch().size(); j++) {
                Batch one = c.batch().example(j);
                Gradient g = Backprop.backpropPerExample(c.network(), one.inputs(), one.targets(), c.cost());
                sum = sum == null ? g : sum.plus(g);
            }
            double scale = Math.max(1.0, largest(sum));
            double difference = batched.maxAbsDifference(sum);
            assertTrue(difference <= 1e-12 * scale, "largest difference " + difference + " against a largest entry of " + scale);
        });
    }

    /** The largest magnitude in a gradient: its distance from an all-zero gradient of the same shape. */
    private static double largest(Gradient g) {
        return g.maxAbsDifference(g.scale(0.0));
    }

    // ---- the gradient check ------------------------------------------------------------------

    /**
     * Backprop against the five-point central difference of the batch's cost, on 8 parameters per
     * case drawn at random (weights and biases), each nudged through the network's JSON file.
     *
     * <p>Cases whose outputs saturate (within 1e-9 of 0 or 1 under a cost that takes logarithms)
     * are skipped, and counted as skipped: there the cost is clamped the way network2.py's
     * {@code nan_to_num} does, so its finite differences no longer follow the analytic gradient.
     */
    @TestFactory
    Stream<DynamicTest> backpropPassesTheGradientCheck() {
        return Cases.forAll(60, n -> Cases.generate(1_000 + n, 4, 12, 6), c -> {
            Assumptions.assumeFalse(saturated(c), "outputs saturate: finite differences of a clamped cost");
            Gradient gradient = Backprop.backprop(c.network(), c.batch(), c.cost());
            ObjectNode tree = tree(c.network());
            SplittableRandom r = Cases.random(1_000 + c.number());
            double worst = 0;
            String where = "";
            for (int t = 0; t < 8; t++) {
                int k = r.nextInt(c.sizes().length - 1);
                int i = r.nextInt(c.sizes()[k + 1]);
                boolean bias = r.nextInt(4) == 0;
                int col = bias ? -1 : r.nextInt(c.sizes()[k]);
                double exact = bias ? gradient.layers().get(k).parameters().get(1).get(i, 0) : gradient.layers().get(k).parameters().get(0).get(i, col);
                double h = 1e-4;
                double numeric = (-cost(tree, k, i, col, 2 * h, c) + 8 * cost(tree, k, i, col, h, c)
                        - 8 * cost(tree, k, i, col, -h, c) + cost(tree, k, i, col, -2 * h, c)) / (12 * h);
                double error = Math.abs(exact - numeric) / Math.max(1e-4, Math.max(Math.abs(exact), Math.abs(numeric)));
                if (error > worst) {
                    worst = error;
                    where = "layer " + k + (bias ? " bias " + i : " weight (" + i + ", " + col + ")") + ": backprop " + exact
                            + ", finite differences " + numeric;
                }
            }
            assertTrue(worst < 1e-6, "worst relative error " + worst + " at " + where);
        });
    }

    private static boolean saturated(Cases.Case c) {
        if (c.cost() == Cost.quadratic()) {
            return false;
        }
        Matrix a = c.network().feedforward(c.batch().inputs());
        for (double v : a.toColumnMajorArray()) {
            if (!(v > 1e-9 && v < 1 - 1e-9)) {
                return true;
            }
        }
        return false;
    }

    /** The batch's cost with one parameter (a weight, or a bias when {@code col} is -1) moved by {@code delta}. */
    private double cost(ObjectNode tree, int layer, int row, int col, double delta, Cases.Case c) throws IOException {
        ObjectNode copy = tree.deepCopy();
        ObjectNode l = (ObjectNode) copy.withArray("layers").get(layer);
        ArrayNode values = col < 0 ? (ArrayNode) l.get("biases") : (ArrayNode) l.get("weights").get(row);
        int index = col < 0 ? row : col;
        values.set(index, DoubleNode.valueOf(values.get(index).doubleValue() + delta));
        Path file = dir.resolve("nudged.json");
        JSON.writeValue(file.toFile(), copy);
        return Backprop.cost(Snapshots.read(file), c.batch(), c.cost());
    }

    private ObjectNode tree(Network network) throws IOException {
        Path file = dir.resolve("network.json");
        Snapshots.write(file, network);
        return (ObjectNode) JSON.readTree(file.toFile());
    }

    // ---- JSON round trips ----------------------------------------------------------------------

    @TestFactory
    Stream<DynamicTest> purenetJsonRoundTripsExactly() {
        return Cases.forAll(200, n -> Cases.generate(2_000 + n, 4, 40, 1), c -> {
            Path a = dir.resolve("a.json");
            Path b = dir.resolve("b.json");
            Snapshots.write(a, c.network());
            Network read = Snapshots.read(a);
            assertEquals(c.network(), read, "read back bit for bit");
            Snapshots.write(b, read);
            assertArrayEquals(Files.readAllBytes(a), Files.readAllBytes(b), "written again byte for byte");
        });
    }

    @TestFactory
    Stream<DynamicTest> network2JsonRoundTripsExactly() {
        // network2.py's format holds sigmoid networks only, with a quadratic or cross-entropy cost.
        return Cases.forAll(100, n -> {
            SplittableRandom r = Cases.random(3_000 + n);
            int[] sizes = Cases.sizes(r, 4, 40, 1);
            Cost cost = r.nextBoolean() ? Cost.quadratic() : Cost.crossEntropy();
            long seed = r.nextLong();
            Network network = Network.of(sizes).sigmoid().gaussian(dev.purenet.Seed.seed(seed));
            return new Named<>(java.util.Arrays.toString(sizes) + " sigmoid, " + cost.name() + ", seed " + seed,
                    new Object[] {network, cost});
        }, c -> {
            Network network = (Network) c.value()[0];
            Cost cost = (Cost) c.value()[1];
            Path a = dir.resolve("a2.json");
            Path b = dir.resolve("b2.json");
            Network2Format.write(a, network, cost);
            Network2Format.Loaded read = Network2Format.read(a);
            assertEquals(network, read.network());
            assertEquals(cost, read.cost());
            Network2Format.write(b, read.network(), read.cost());
            assertArrayEquals(Files.readAllBytes(a), Files.readAllBytes(b));
        });
    }

    /** A generated value with the name its test shows. */
    record Named<T>(String name, T value) {
        @Override
        public String toString() {
            return name;
        }
    }

    // ---- resumed runs --------------------------------------------------------------------------

    /**
     * A run stopped after epoch k, written as a run snapshot, read back and resumed, continues with
     * exactly the epochs of the uninterrupted run, whatever the architecture, cost, batch size,
     * L2 and momentum.
     */
    @TestFactory
    Stream<DynamicTest> aResumedEpochStreamEqualsTheUninterruptedOne() {
        return Cases.forAll(25, n -> {
            SplittableRandom r = Cases.random(4_000 + n);
            Cases.Case c = Cases.generate(4_000 + n, 3, 12, 1);
            int[] sizes = c.sizes().length == 2 && c.sizes()[1] < 2 ? new int[] {c.sizes()[0], 2} : c.sizes();
            sizes[sizes.length - 1] = Math.max(2, sizes[sizes.length - 1]);
            int examples = r.nextInt(20, 61);
            Matrix x = Matrix.generate(sizes[0], examples, (i, j) -> r.nextDouble());
            int classes = sizes[sizes.length - 1];
            int[] labels = java.util.stream.IntStream.range(0, examples).map(j -> r.nextInt(classes)).toArray();
            Dataset data = Dataset.of(x, labels, classes);
            Experiment experiment = Experiment.of(Network.of(sizes).activations(c.hidden(), c.output()), c.init(), r.nextLong(), data)
                    .withCost(c.cost()).withEta(0.01 + 0.3 * r.nextDouble()).withMiniBatch(r.nextInt(1, 25))
                    .withL2(r.nextBoolean() ? 0.0 : 0.5 * r.nextDouble()).withMomentum(r.nextBoolean() ? 0.0 : 0.5 * r.nextDouble())
                    .withEpochs(4);
            int stopAfter = r.nextInt(0, 4);
            return new Named<>(java.util.Arrays.toString(sizes) + " " + c.hidden().name() + "/" + c.output().name() + ", "
                    + c.cost().name() + ", " + experiment + ", stopped after epoch " + stopAfter,
                    new Object[] {experiment, data, stopAfter});
        }, c -> {
            Experiment experiment = (Experiment) c.value()[0];
            Dataset data = (Dataset) c.value()[1];
            int stopAfter = (Integer) c.value()[2];
            Monitor monitor = Monitor.all(data, data, experiment.cost());
            io.vavr.collection.List<Epoch> uninterrupted;
            try {
                uninterrupted = experiment.run(data, monitor).toList();
            } catch (dev.purenet.train.DivergenceException diverged) {
                Assumptions.abort("the run diverged: " + diverged.getMessage());
                return;
            }
            Epoch stopped = uninterrupted.get(stopAfter);
            Path file = dir.resolve("epoch.json");
            try {
                Snapshots.write(file, stopped, experiment);
            } catch (IllegalArgumentException diverged) {
                // An unbounded output (identity, relu) under a large step can diverge: not a run anyone resumes.
                Assumptions.abort("the run diverged: " + diverged.getMessage());
            }
            Snapshots.Recorded recorded = Snapshots.readEpoch(file);
            assertEquals(experiment, recorded.experiment());
            var resumed = recorded.experiment().resume(recorded.epoch(), data, monitor).toList();
            assertEquals(uninterrupted.drop(stopAfter), resumed);
        });
    }
}
