package dev.purenet.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.purenet.io.Snapshots;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The command line end to end on a tiny MNIST-format data set (2x2 images) in a temporary directory. */
class CliTest {
    @TempDir
    Path dir;
    private Path data;

    private static CliHarness.Result run(String... args) {
        return CliHarness.run(args);
    }

    @BeforeEach
    void tinyMnist() throws IOException {
        data = CliHarness.tinyMnist(dir);
    }

    @Test
    void trainEvaluateAndPredict() {
        Path net = dir.resolve("net.json");
        CliHarness.Result train = run("train", "--data", data.toString(), "--sizes", "4,5,10", "--epochs", "2", "--seed", "3",
                "--out", net.toString());
        assertEquals(0, train.code(), train.err());
        String[] lines = train.out().split("\n");
        assertEquals("Training 4-5-10 (sigmoid) on 100 images: 2 epochs, mini-batch 10, eta 3.0, quadratic cost, gaussian init,"
                + " seed 3; evaluating on test data", lines[0]);
        assertTrue(lines[1].matches("Epoch 1: \\d+ / 50 \\(\\d+\\.\\d\\d%\\)  \\d+\\.\\d\\d s"), lines[1]);
        assertTrue(lines[2].startsWith("Epoch 2: "), lines[2]);
        assertTrue(lines[3].matches("Best: epoch [12], \\d+ / 50 \\(\\d+\\.\\d\\d%\\) on the test set"), lines[3]);
        assertTrue(Files.exists(net));
        assertEquals(java.util.List.of(4, 5, 10), Snapshots.read(net).sizes());

        CliHarness.Result evaluate = run("evaluate", "--network", net.toString(), "--data", data.toString());
        assertEquals(0, evaluate.code(), evaluate.err());
        assertTrue(evaluate.out().matches("Test: \\d+ / 50 \\(\\d+\\.\\d\\d%\\)\n"), evaluate.out());

        CliHarness.Result predict = run("predict", "--network", net.toString(), "--image", "3", "--data", data.toString());
        assertEquals(0, predict.code(), predict.err());
        assertTrue(predict.out().contains("  9: "), predict.out());
        assertTrue(predict.out().contains("Test image 3: label 3, network says "), predict.out());
    }

    @Test
    void sameSeedSameNetwork() throws IOException {
        Path a = dir.resolve("a.json");
        Path b = dir.resolve("b.json");
        for (Path p : new Path[] {a, b}) {
            assertEquals(0, run("train", "--data", data.toString(), "--sizes", "4,3,10", "--epochs", "1", "--out", p.toString()).code());
        }
        assertEquals(Files.readString(a), Files.readString(b));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "--epochs|-1|--epochs must be at least 1, got -1",
            "--epochs|0|--epochs must be at least 1, got 0",
            "--eta|0|--eta must be a positive number, got 0.0",
            "--eta|-3|--eta must be a positive number, got -3.0",
            "--batch|0|--batch must be at least 1, got 0",
            "--sizes|784,30,9|--sizes must start with 4 (pixels per image) and end with 10 (classes) for this data, got 784,30,9",
            "--sizes|4|--sizes needs at least two positive sizes, got 4",
            "--epochs|ten|Invalid value for option '--epochs': 'ten' is not an int",
            "--cost|hinge|--cost: unknown cost 'hinge', known: [cross-entropy, log-likelihood, quadratic] (register your own with Cost.registry().register(...))",
            "--activation|softmax|--activation: softmax is for the output layer only, e.g. sigmoid,softmax; got it on layer 1",
            "--activation|relu/swish|--activation: unknown activation 'swish', known: [identity, relu, sigmoid, softmax, tanh] (register your own with Activation.registry().register(...))",
            "--init|zeros|--init: unknown initialiser 'zeros', known: [gaussian, he, network3, scaled, xavier] (register your own with Init.registry().register(...))",
            "--lambda|-1|--lambda must be a number >= 0, got -1.0",
            "--momentum|1|--momentum must be in [0, 1), got 1.0",
            "--monitor|loss|--monitor takes train-cost, train-acc, eval-cost, eval-acc; got 'loss'",
            "--eval|train|--eval must be validation or test, got 'train'",
            "--precision|float16|--precision: unknown precision 'float16', known: [float64, float32]"})
    void badFlagsGiveOneClearLineAndExitCode2(String flag, String value, String message) {
        CliHarness.Result r = run("train", "--data", data.toString(), flag, value);
        assertEquals(2, r.code());
        assertEquals("purenet: " + message + "\nTry 'purenet train --help' for more information.\n", r.err());
        assertFalse(r.err().contains("Exception"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"train", "evaluate", "predict", "demo"})
    void everyCommandHasHelp(String command) {
        CliHarness.Result r = run(command, "--help");
        assertEquals(0, r.code());
        assertTrue(r.out().startsWith("Usage: purenet " + command), r.out());
    }

    @Test
    void aMissingNetworkFileIsOneLineAndExitCode1() {
        CliHarness.Result r = run("evaluate", "--network", dir.resolve("nope.json").toString(), "--data", data.toString());
        assertEquals(1, r.code());
        assertEquals("purenet: " + dir.resolve("nope.json") + ": no such file\n", r.err());
    }

    @Test
    void predictRejectsAnImageOutOfRange() {
        Path net = dir.resolve("net.json");
        run("train", "--data", data.toString(), "--sizes", "4,3,10", "--epochs", "1", "--out", net.toString());
        CliHarness.Result r = run("predict", "--network", net.toString(), "--image", "50", "--data", data.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().startsWith("purenet: --image must be between 0 and 49, got 50\n"), r.err());
    }

    @Test
    void divergingTrainingStopsWithoutWritingANetwork() {
        Path net = dir.resolve("net.json");
        CliHarness.Result r = run("train", "--data", data.toString(), "--sizes", "4,8,10", "--activation", "relu/identity",
                "--init", "he", "--eta", "1000", "--epochs", "5", "--out", net.toString());
        assertEquals(1, r.code(), r.out());
        assertTrue(r.err().startsWith("purenet: training diverged at epoch 1: "), r.err());
        assertTrue(r.err().endsWith("; no network was written. Try a smaller --eta.\n"), r.err());
        assertFalse(Files.exists(net));
    }

    @Test
    void oneActivationPerLayerAndEveryOptimizerWithItsParameters() {
        CliHarness.Result r = run("train", "--data", data.toString(), "--sizes", "4,6,5,10", "--activation", "tanh,relu,softmax",
                "--cost", "log-likelihood", "--init", "he", "--optimizer", "adam", "--beta1", "0.8", "--eta", "0.01",
                "--epochs", "2", "--lambda", "0.5");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().startsWith("Training 4-6-5-10 (tanh, relu, softmax) on 100 images: 2 epochs, mini-batch 10, eta 0.01,"
                + " log-likelihood cost, he init, update l2(lambda=0.5) -> adam(beta1=0.8, beta2=0.999, epsilon=1.0E-8), seed 1"), r.out());
        for (String[] optimizer : new String[][] {{"momentum"}, {"nesterov", "--momentum", "0.5"}, {"rmsprop", "--rho", "0.95"},
                {"sgd", "--momentum", "0.3"}}) {
            java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of("train", "--data", data.toString(),
                    "--sizes", "4,5,10", "--epochs", "1", "--optimizer"));
            args.addAll(java.util.List.of(optimizer));
            CliHarness.Result each = run(args.toArray(String[]::new));
            assertEquals(0, each.code(), each.err());
        }
        CliHarness.Result legacy = run("train", "--data", data.toString(), "--sizes", "4,6,5,10", "--activation", "relu/softmax",
                "--epochs", "1");
        assertTrue(legacy.out().startsWith("Training 4-6-5-10 (relu, relu, softmax)"), legacy.out());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "--activation|relu,softmax,sigmoid|--activation: 4,30,10 has 2 layers; give one activation for all of them or one per layer, got 3 (relu,softmax,sigmoid)",
            "--optimizer|lbfgs|--optimizer takes sgd, momentum, nesterov, adam or rmsprop; got 'lbfgs'",
            "--beta1|0.5|--beta1 applies to adam, not sgd",
            "--rho|0.5|--rho applies to rmsprop, not sgd",
            "--epsilon|1e-8|--epsilon applies to adam or rmsprop, not sgd"})
    void optimizerAndActivationMistakesAreUsageErrors(String flag, String value, String message) {
        CliHarness.Result r = run("train", "--data", data.toString(), "--sizes", "4,30,10", flag, value);
        assertEquals(2, r.code(), r.out());
        assertEquals("purenet: " + message + "\nTry 'purenet train --help' for more information.\n", r.err());
    }

    @Test
    void adamsParametersAreCheckedAsFlags() {
        CliHarness.Result r = run("train", "--data", data.toString(), "--optimizer", "adam", "--beta2", "1");
        assertEquals(2, r.code(), r.out());
        assertTrue(r.err().startsWith("purenet: --beta2 must be in [0, 1), got 1.0"), r.err());
    }

    @Test
    void chapter3FlagsAndMonitors() {
        CliHarness.Result r = run("train", "--data", data.toString(), "--sizes", "4,5,10", "--epochs", "1", "--cost", "cross-entropy",
                "--init", "scaled", "--eta", "0.5", "--lambda", "5", "--momentum", "0.5", "--eval", "validation",
                "--monitor", "train-cost,train-acc,eval-cost,eval-acc");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("cross-entropy cost, scaled init, update l2(lambda=5.0) -> learning-rate -> momentum(mu=0.5), seed 1; evaluating on validation data"),
                r.out());
        assertTrue(r.out().lines().anyMatch(l -> l.matches("Epoch 1: validation \\d+ / 10000 \\(.*%\\)  validation cost \\d+\\.\\d{4}"
                + "  training \\d+ / 100 \\(.*%\\)  training cost \\d+\\.\\d{4}  \\d+\\.\\d\\d s")), r.out());
    }

    @Test
    void demoTrainsOnGeneratedData() {
        CliHarness.Result r = run("demo", "--epochs", "3");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("Epoch 3: "), r.out());
    }
}
