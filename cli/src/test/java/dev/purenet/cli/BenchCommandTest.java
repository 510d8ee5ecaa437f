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
                for (String path : List.of("matrix", "user-sigmoid", "user-cost", "user-rule")) {
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
            "--paths|fastest|--paths takes per-example, matrix, fast, two-threads, user-sigmoid, user-cost, user-rule, fast-float32; got 'fastest'"})
    void badFlagsAreUsageErrors(String flag, String value, String message) {
        CliHarness.Result r = CliHarness.run("bench", "--data", data.toString(), flag, value);
        assertEquals(2, r.code(), r.out());
        assertEquals("purenet: " + message + "\nTry 'purenet bench --help' for more information.\n", r.err());
    }

    @Test
    void productFlopsCountThreeProductsAboveTheFirstLayer() {
        var network = dev.purenet.Network.of(784, 30, 10).sigmoid().gaussian(dev.purenet.Seed.seed(1));
        // 784·30 weights with two products (W·a and δ·aᵀ), 30·10 with three; 2 flops each; 50,000 examples.
        assertEquals(2.0 * (2 * 784 * 30 + 3 * 30 * 10) * 50_000, BenchCommand.productFlops(network, 50_000));
    }
}
