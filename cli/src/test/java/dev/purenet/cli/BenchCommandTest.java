package dev.purenet.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code purenet bench} on a tiny data set: the table's shape and the checks, never the times. */
class BenchCommandTest {
    @TempDir
    Path dir;
    private Path data;

    @BeforeEach
    void tinyMnist() throws IOException {
        data = CliHarness.tinyMnist(dir);
    }

    @Test
    void timesEveryPathSideBySideAndTheUserPartsEndOnTheBuiltInsBits() {
        CliHarness.Result r = CliHarness.run("bench", "--data", data.toString(), "--hidden", "3,5", "--batch", "10,7",
                "--epochs", "3", "--warmup", "1", "--per-example-images", "40");
        assertEquals(0, r.code(), r.err());
        List<String> lines = r.out().lines().toList();
        assertTrue(lines.get(0).startsWith("purenet bench: 100 training images, 1 warm-up + 3 timed epochs per path, float64 unless the path says float32"),
                lines.get(0));
        assertTrue(lines.get(1).startsWith("BLAS "), lines.get(1));
        assertTrue(lines.get(2).matches("network +m +path +median s +min s +max s +speed-up +vs fast +GFLOP/s +peak heap"), lines.get(2));
        String number = "\\d+\\.\\d{3}";
        for (String sizes : List.of("4-3-10", "4-5-10")) {
            for (String m : List.of("10", "7")) {
                String prefix = sizes + " +" + m + " +";
                String times = " +" + number + " +" + number + " +" + number + " +";
                String ratio = " +" + number;
                assertTrue(lines.stream().anyMatch(l -> l.matches(prefix + "per-example\\*" + times + "1\\.0x" + ratio
                        + " +\\d+\\.\\d +\\d+ MB")), r.out());
                for (String path : List.of("matrix", "products", "user-sigmoid", "user-cost", "user-rule")) {
                    assertTrue(lines.stream().anyMatch(l -> l.matches(prefix + path + times + "\\d+\\.\\dx" + ratio
                            + " +\\d+\\.\\d +\\d+ MB")), path + "\n" + r.out());
                }
                assertTrue(lines.stream().anyMatch(l -> l.matches(prefix + "fast" + times + "\\d+\\.\\dx +1\\.000 +\\d+\\.\\d +\\d+ MB")),
                        r.out());
                // float32 trains other bits, so it is timed against fast but not in the bit-identical list.
                assertTrue(lines.stream().anyMatch(l -> l.matches(prefix + "fast-float32" + times + "\\d+\\.\\dx" + ratio
                        + " +\\d+\\.\\d +\\d+ MB")), r.out());
            }
        }
        assertEquals(4, lines.stream().filter(l -> l.equals(
                "  matrix, user-sigmoid, user-cost, user-rule ended on networks bit-identical to fast's")).count(), r.out());
        assertTrue(r.out().contains("* timed on the first 40 images of each epoch, scaled to 100"), r.out());
        assertTrue(lines.get(lines.size() - 1).startsWith("Peak RSS of this process: "), r.out());
    }

    @Test
    void onePathHasNoSpeedUpAndNoComparison() {
        CliHarness.Result r = CliHarness.run("bench", "--data", data.toString(), "--hidden", "3", "--batch", "10",
                "--epochs", "1", "--warmup", "0", "--paths", "fast");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().lines().anyMatch(l -> l.matches("4-3-10 +10 +fast +[0-9. ]+ +- +1\\.000 +\\d+\\.\\d +\\d+ MB")), r.out());
        assertTrue(r.out().contains("(fast and another float64 full-epoch path not both run: results not compared)"), r.out());
        assertTrue(!r.out().contains("scaled to"), r.out());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "--epochs|0|--epochs must be at least 1, got 0",
            "--warmup|-1|--warmup must be at least 0, got -1",
            "--per-example-images|0|--per-example-images must be at least 1, got 0",
            "--hidden|0|--hidden and --batch take positive sizes, got [0] and [10, 100]",
            "--paths|fastest|--paths takes per-example, matrix, fast, two-threads, products, user-sigmoid, user-cost, user-rule, fast-float32;"
                    + " got 'fastest'"})
    void badFlagsAreUsageErrors(String flag, String value, String message) {
        CliHarness.Result r = CliHarness.run("bench", "--data", data.toString(), flag, value);
        assertEquals(2, r.code(), r.out());
        assertEquals("purenet: " + message + "\nTry 'purenet bench --help' for more information.\n", r.err());
    }

    @Test
    void theProductsPathMakesTheDenseKernelsProductsOnTheFirstBatch() {
        var network = dev.purenet.Network.of(4, 3, 10).sigmoid().gaussian(dev.purenet.Seed.seed(1));
        var training = dev.purenet.data.Mnist.load(data).training();
        ProductFloor floor = new ProductFloor(network, training, 7);
        floor.epoch();
        // After the last mini-batch (100 = 14·7 + 2 examples: 2 columns), ∇W of the output layer is δ·aᵀ over those
        // 2 columns of layer 1's output buffer: the calls use the batch's real width and the kernels' shapes.
        var delta = dev.purenet.math.Matrix.fromColumnMajor(10, 2, java.util.Collections.nCopies(20, 0.01).stream()
                .mapToDouble(Double::doubleValue).toArray());
        double[] hidden = java.util.Arrays.copyOf(floor.activation(1), 3 * 2);
        var expected = delta.timesTranspose(dev.purenet.math.Matrix.fromColumnMajor(3, 2, hidden));
        assertEquals(expected, dev.purenet.math.Matrix.fromColumnMajor(10, 3, floor.weightGradient(1)));
    }

    @Test
    void theProductsPathRefusesConvolutions() {
        var network = dev.purenet.Architecture.layers("conv 3x1x1 relu, pool 2, softmax 10", 1, 2, 2).initialize(dev.purenet.Init.scaled(), dev.purenet.Seed.seed(1));
        var training = dev.purenet.data.Mnist.load(data).training();
        var e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> new ProductFloor(network, training, 10));
        assertEquals("the products path times dense layers only; layer 1 is conv-pool", e.getMessage());
    }

    @Test
    void productFlopsCountThreeProductsAboveTheFirstLayer() {
        var network = dev.purenet.Network.of(784, 30, 10).sigmoid().gaussian(dev.purenet.Seed.seed(1));
        // 784·30 weights with two products (W·a and δ·aᵀ), 30·10 with three; 2 flops each; 50,000 examples.
        assertEquals(2.0 * (2 * 784 * 30 + 3 * 30 * 10) * 50_000, BenchCommand.productFlops(network, 50_000));
    }

    @Test
    void layersTimesAConvNetworkWithTheLogLikelihoodCostAndTheFloat64PathsAgree() {
        CliHarness.Result r = CliHarness.run("bench", "--data", data.toString(), "--layers", "conv 3x1x1 relu, pool 2, softmax 10",
                "--batch", "10", "--epochs", "2", "--warmup", "1", "--per-example-images", "40",
                "--paths", "per-example,matrix,fast,two-threads,fast-float32");
        assertEquals(0, r.code(), r.err());
        List<String> lines = r.out().lines().toList();
        assertEquals("network 4-C3x1p2-10: 4 inputs -> conv 3x1x1 relu, pool 2, softmax 10; log-likelihood cost (the last layer"
                + " is softmax, as network3.py), eta 0.1, weights N(0, 1/fan-in) and biases N(0, 1) (Init.scaled), seed 1", lines.get(2));
        assertTrue(lines.get(3).matches("network +m +path +median s +min s +max s +speed-up +vs fast +GFLOP/s +peak heap"), lines.get(3));
        String number = "\\d+\\.\\d{3}";
        String times = " +" + number + " +" + number + " +" + number + " +";
        for (String path : List.of("per-example\\*", "matrix", "fast", "two-threads", "fast-float32")) {
            assertTrue(lines.stream().anyMatch(l -> l.matches("4-C3x1p2-10 +10 +" + path + times + "\\d+\\.\\dx +" + number
                    + " +\\d+\\.\\d +\\d+ MB")), path + "\n" + r.out());
        }
        assertEquals(5, lines.stream().filter(l -> l.startsWith("4-C3x1p2-10 ")).count(), r.out());
        // The pure steps with network3's cost end on the trainer's bits, for a conv network too.
        assertTrue(lines.contains("  matrix ended on networks bit-identical to fast's"), r.out());
        assertTrue(r.out().contains("* timed on the first 40 images of each epoch, scaled to 100"), r.out());
    }

    @Test
    void layersWithoutPathsTimesFastInBothPrecisionsAndANonSoftmaxEndIsQuadratic() {
        CliHarness.Result r = CliHarness.run("bench", "--data", data.toString(), "--layers", "dense 5 tanh, dense 10 sigmoid",
                "--batch", "10", "--epochs", "1", "--warmup", "0");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("network 4-5-10: 4 inputs -> dense 5 tanh, dense 10 sigmoid; quadratic cost (the last layer is"
                + " not softmax), eta 0.1,"), r.out());
        List<String> rows = r.out().lines().filter(l -> l.startsWith("4-5-10 ")).toList();
        assertEquals(2, rows.size(), r.out());
        assertTrue(rows.get(0).matches("4-5-10 +10 +fast +.*"), r.out());
        assertTrue(rows.get(1).matches("4-5-10 +10 +fast-float32 +.*"), r.out());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "--hidden|3|--layers and --hidden both give the network; use one, not both",
            "--paths|fast,user-cost|--paths with --layers takes per-example, matrix, fast, two-threads, fast-float32 (the user-* paths"
                    + " rebuild dense layers, products times dense layers' calls); got 'user-cost'",
            "--vs-numpy||--vs-numpy times the book's PIXELS-N-CLASSES sigmoid networks, not --layers; use --vs-torch with --layers",
            "--vs-torch|--vs-numpy|--vs-numpy times the book's PIXELS-N-CLASSES networks and --vs-torch a --layers network; give one of them"})
    void layersUsageErrors(String flag, String value, String message) {
        List<String> args = new java.util.ArrayList<>(List.of("bench", "--data", data.toString(), "--layers",
                "conv 3x1x1 relu, pool 2, softmax 10", flag));
        if (value != null) {
            args.add(value);
        }
        CliHarness.Result r = CliHarness.run(args.toArray(String[]::new));
        assertEquals(2, r.code(), r.out());
        assertEquals("purenet: " + message + "\nTry 'purenet bench --help' for more information.\n", r.err());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "conv 3x1x1 relu, pool 2, softmax 5|--layers: the last layer has 5 outputs, but the data has 10 classes; end with e.g. softmax 10",
            "conv 3x3x3 relu, softmax 10|--layers: layer item 1 \"conv 3x3x3 relu\": a 3x3 filter does not fit a 2x2 image"
                    + " (its input is 1x2x2)"})
    void layersThatDoNotFitTheDataAreUsageErrors(String layers, String message) {
        CliHarness.Result r = CliHarness.run("bench", "--data", data.toString(), "--layers", layers);
        assertEquals(2, r.code(), r.out());
        assertEquals("purenet: " + message + "\nTry 'purenet bench --help' for more information.\n", r.err());
    }

    @Test
    void vsTorchWithoutLayersIsAUsageError() {
        CliHarness.Result r = CliHarness.run("bench", "--data", data.toString(), "--vs-torch");
        assertEquals(2, r.code(), r.out());
        assertEquals("purenet: --vs-torch times a network given with --layers, e.g. --layers \"conv 20x5x5 sigmoid, pool 2, dense 100"
                + " sigmoid, softmax 10\"\nTry 'purenet bench --help' for more information.\n", r.err());
    }

    @Test
    void productFlopsCountAConvLayersProductsOverEveryFilterPosition() {
        var tiny = dev.purenet.Architecture.layers("conv 3x1x1 relu, pool 2, softmax 10", 1, 2, 2).scaled(dev.purenet.Seed.seed(1));
        // conv: 3 maps x 1 weight per filter x 2·2 positions, first layer so W·a and δ·aᵀ only; then 3·10 weights, three products.
        assertEquals(2.0 * (2 * 3 * 1 * 4 + 3 * 3 * 10) * 100, BenchCommand.productFlops(tiny, 100));
        var network3 = dev.purenet.Architecture.layers("conv 20x5x5 sigmoid, pool 2, dense 100 sigmoid, softmax 10", 1, 28, 28)
                .scaled(dev.purenet.Seed.seed(1));
        // 20 filters of 25 weights over 24·24 positions (two products); 2880·100 and 100·10 weights (three products).
        assertEquals(2.0 * (2 * 20 * 25 * 576 + 3 * 2880 * 100 + 3 * 100 * 10) * 50_000, BenchCommand.productFlops(network3, 50_000));
        assertEquals("784-C20x5p2-100-10", BenchCommand.label(network3));
    }
}
