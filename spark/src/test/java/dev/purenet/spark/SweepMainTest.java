package dev.purenet.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.purenet.Ensemble;
import dev.purenet.Network;
import dev.purenet.io.Snapshots;
import dev.purenet.train.Evaluation;
import dev.purenet.train.UpdateRule;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.apache.spark.SparkConf;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;

/** {@code purenet sweep}: usage errors, and a sweep interrupted and started again. */
class SweepMainTest {
    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private CommandLine command() {
        return new CommandLine(new SweepMain()).setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "eta=0.5,abc            | --grid: eta expected a positive number, found 'abc'",
        "etta=0.5               | --grid: expected a name out of sizes, hidden, activation, layers, eta, lambda, optimizer, momentum, beta1, beta2, epsilon, rho, batch, seed, cost, init, threads, precision; found 'etta'",
        "momentum=0.5,1.5       | --grid: momentum expected a number in [0, 1), found '1.5'",
        "beta2=x                | --grid: beta2 expected a number in [0, 1), found 'x'",
        "epsilon=0              | --grid: epsilon expected a positive number, found '0'",
        "eta                    | --grid: expected NAME=V1,V2 (parts separated by ';'), found 'eta'",
        "hidden=30,x            | --grid: hidden expected a positive whole number per layer (e.g. 30 or 60-30), found 'x'",
        "layers=dense 30 relu, softmax 10;hidden=30 | --grid: layers describes each network with its activations, so it replaces hidden; use one, not both",
        "activation=relu;layers=softmax 10          | --grid: layers describes each network with its activations, so it replaces activation",
        "'layers=softmax 10 ||dense 30 relu, softmax 10' | '--grid: layers expected values separated by ''|'', found an empty one'",
        "eta=1;eta=2            | --grid: eta is given twice",
        "eta=0.1..1             | --grid: eta=0.1..1 is a range; ranges are for random samples",
        "optimizer=sgd,adamw    | --grid: optimizer expected one of sgd, momentum, nesterov, adam, rmsprop; found 'adamw'",
        "eta=0.5,,3             | --grid: eta expected values separated by ',', found an empty one",
        "batch=0                | --grid: batch expected a positive whole number, found '0'",
        "hidden=30;sizes=784-10 | --grid: hidden gives the hidden layers and sizes all of them; use one, not both",
        "cost=hinge             | --grid: cost=hinge: ",
        "threads=0              | --grid: threads expected a positive whole number, found '0'",
        "precision=float16      | --grid: precision=float16: "})
    void aBadGridIsAUsageErrorNamingWhatWasExpectedAndFound(String grid, String message) {
        int code = command().execute("--grid", grid, "--out", dir.resolve("out").toString());
        assertEquals(2, code, err.toString());
        assertTrue(err.toString().contains(message.strip()), err.toString());
        assertFalse(Files.exists(dir.resolve("out")), "nothing is written for a usage error");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "--layers;softmax 10;--sizes;784,10;--grid;seed=1,2        | --layers describes every layer with its activation; drop --sizes",
        "--activation;relu;--grid;layers=softmax 10                | --grid's layers describes every layer with its activation; drop --activation",
        "--layers;softmax 10;--grid;hidden=30,100                  | --grid: hidden describes a dense network, but the layers are given (--layers softmax 10)",
        "--layers; ;--grid;seed=1                                  | --layers expects the layers"})
    void layersAndADenseNetworkAreNotGivenTogether(String arguments, String message) {
        List<String> args = new ArrayList<>(List.of(arguments.split(";")));
        args.addAll(List.of("--out", dir.resolve("out").toString()));
        int code = command().execute(args.toArray(String[]::new));
        assertEquals(2, code, err.toString());
        assertTrue(err.toString().contains(message.strip()), err.toString());
        assertFalse(Files.exists(dir.resolve("out")), "nothing is written for a usage error");
    }

    /** Settings that only the data can check (the layers' grammar needs the image size), and runs that cannot fit, are refused before Spark starts. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "conv 20x5x5 relux, pool 2, softmax 10 | run [conv 20x5x5 relux, pool 2, softmax 10] eta 3.0",
        "conv 20x5x5 relux, pool 2, softmax 10 | layers: layer item 1 \"conv 20x5x5 relux\": unknown activation",
        "conv 20x5x5 relu, pool 2, softmax 9   | layers: the last layer has 9 outputs, but the data has 10 classes",
        "conv 20x30x30 relu, softmax 10        | 30x30",
        "dense 3000000 relu, softmax 10        | layer 1 (784 -> 3000000) would have 2352000000 weights, more than a Java array holds",
        "dense 2000000 relu, softmax 10        | the sweep's 2 runs, 2 at a time, need about",
        "dense 2000000 relu, softmax 10        | train fewer at a time (--master local[N]) or raise the limit with PURENET_JAVA_OPTS=-Xmx"})
    void layersThatDoNotFitTheDataOrTheMemoryAreRefusedBeforeSparkStarts(String layers, String message) {
        assertRefusedBeforeSparkStarts(message, "--layers", layers, "--master", "local[2]");
    }

    /** The command with a two-seed grid over the test data exits 2 with {@code message}, writes nothing and never asks for Spark. */
    private void assertRefusedBeforeSparkStarts(String message, String... arguments) {
        SweepMain main = new SweepMain();
        main.sessions = plan -> {
            throw new AssertionError("Spark started");
        };
        List<String> args = new ArrayList<>(List.of(arguments));
        args.addAll(List.of("--grid", "seed=1,2", "--data", SharedSpark.MNIST.toString(), "--out", dir.resolve("out").toString()));
        int code = new CommandLine(main).setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true)).execute(args.toArray(String[]::new));
        assertEquals(2, code, err.toString());
        assertTrue(err.toString().contains(message.strip()), err.toString());
        assertFalse(Files.exists(dir.resolve("out")), "nothing is written for a usage error");
    }

    /**
     * A result larger than a given spark.driver.maxResultSize would be dropped after its run had
     * trained (a 784-100-10 run's is 3.1 MB, measured): refused before Spark starts.
     */
    @Test
    void aResultLargerThanTheDriversLimitIsRefusedBeforeSparkStarts() {
        System.setProperty("spark.driver.maxResultSize", "1m");
        try {
            assertRefusedBeforeSparkStarts("run 784-100-10 sigmoid eta 3.0 lambda 0.0 sgd batch 10 seed 1 quadratic gaussian comes back to"
                    + " the driver as about 4 MB of JSON (its best and final networks, 79510 parameters), more than"
                    + " spark.driver.maxResultSize=1 MB, so Spark would drop it after it had trained; set spark.driver.maxResultSize to"
                    + " at least 128m, or 0 for no limit", "--sizes", "784,100,10", "--master", "local[1]");
        } finally {
            System.clearProperty("spark.driver.maxResultSize");
        }
    }

    /** A standalone worker gives its executor all its cores unless spark.executor.cores is set, which the memory check cannot know. */
    @ParameterizedTest
    @CsvSource({"spark://head:7077, , true", "spark://head:7077, 1, false", "yarn, , false"})
    void aStandaloneMasterWithoutExecutorCoresIsWarnedOf(String master, @Nullable String cores, boolean warned) {
        SweepMain main = new SweepMain();
        List<String> asked = new ArrayList<>();
        main.sessions = plan -> {
            asked.add("spark");
            throw new IllegalStateException("a stand-in for Spark");
        };
        if (cores != null) {
            System.setProperty("spark.executor.cores", cores);
        }
        try {
            new CommandLine(main).setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true)).execute("--grid", "seed=1,2",
                    "--master", master, "--data", SharedSpark.MNIST.toString(), "--out", dir.resolve("out").toString());
        } finally {
            System.clearProperty("spark.executor.cores");
        }
        assertEquals(List.of("spark"), asked, "the checks passed: " + err);
        assertEquals(warned, err.toString().contains("purenet: spark.executor.cores is not set, so a standalone worker gives its executor"
                + " all its cores"), err.toString());
    }

    /** The sweep raises Spark's 1 GB result limit for a run whose result may not fit it, and keeps a limit given. */
    @Test
    void theDriversResultLimitIsRaisedForLargeRunsUnlessGiven() {
        SweepMain main = new SweepMain();
        new CommandLine(main).parseArgs("--grid", "seed=1", "--master", "local[2]", "--out", dir.resolve("out").toString());
        TrainingData data = TrainingData.mnist(SharedSpark.MNIST).firstTraining(1000);
        List<SweepRunner.PlannedRun> wide = SweepRunner.plan(Sweep.grid(RunSettings.defaults().withLayers("dense 30000 relu, softmax 10"),
                "seed=1"), data, 1, java.util.Optional.empty());
        assertEquals(Map.of("spark.master", "local[2]", "spark.driver.maxResultSize", "2g", "spark.ui.enabled", "false"),
                main.sessionSettings(new SparkConf(false), wide));
        assertEquals(Map.of("spark.master", "local[2]", "spark.ui.enabled", "false"),
                main.sessionSettings(new SparkConf(false).set("spark.driver.maxResultSize", "0"), wide), "a limit given is kept");
        List<SweepRunner.PlannedRun> small = SweepRunner.plan(Sweep.grid(RunSettings.defaults(), "seed=1"), data, 1, java.util.Optional.empty());
        assertEquals(Map.of("spark.master", "local[2]", "spark.ui.enabled", "false"), main.sessionSettings(new SparkConf(false), small),
                "Spark's default holds a 784-30-10 run's result");
    }

    /** The optimizer's coefficients, swept or given as options, build the rule purenet train builds from the same options. */
    @Test
    void optimizerCoefficientsAreSweptAsTrainTakesThem() {
        Sweep sweep = Sweep.grid(RunSettings.defaults().withOptimizer("nesterov").withLambda(1.0), "momentum=0.5,0.8");
        assertEquals(List.of("momentum"), sweep.swept());
        TrainingData data = TrainingData.mnist(SharedSpark.MNIST).firstTraining(1000);
        List<SweepRunner.PlannedRun> plan = SweepRunner.plan(sweep, data, 1, java.util.Optional.empty());
        for (int k = 0; k < 2; k++) {
            double mu = k == 0 ? 0.5 : 0.8;
            assertEquals(UpdateRule.l2(1.0).then(UpdateRule.optimizer("nesterov", Map.of("momentum", mu))), plan.get(k).experiment().rule());
            RunSettings settings = plan.get(k).settings();
            assertEquals("784-30-10 sigmoid eta 3.0 lambda 1.0 nesterov(momentum=" + mu + ") batch 10 seed 1 quadratic gaussian",
                    SweepRunner.describe(settings));
            List<Object> columns = SweepTables.settings(settings);
            List<String> names = SweepTables.SETTINGS.stream().map(org.apache.spark.sql.types.StructField::name).toList();
            assertEquals(mu, columns.get(names.indexOf("momentum")));
            assertEquals(null, columns.get(names.indexOf("beta1")), "a coefficient left at its default is empty");
            assertEquals(Double.toString(mu), SweepReport.value(settings, "momentum"));
            assertEquals("default", SweepReport.value(settings, "rho"));
        }
        assertTrue(!plan.get(0).runId().equals(plan.get(1).runId()), "the coefficient is part of the experiment, so of the run's id");
        assertEquals(UpdateRule.learningRate().then(UpdateRule.momentum(0.9)), SweepRunner.plan(Sweep.grid(RunSettings.defaults()
                .withOptimizer("momentum"), "seed=1"), data, 1, java.util.Optional.empty()).get(0).experiment().rule(), "the default");

        IllegalArgumentException refused = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> SweepRunner.plan(Sweep.grid(RunSettings.defaults(), "optimizer=momentum,adam;momentum=0.5"), data, 1,
                        java.util.Optional.empty()));
        assertEquals("run 784-30-10 sigmoid eta 3.0 lambda 0.0 adam(momentum=0.5) batch 10 seed 1 quadratic gaussian: momentum applies"
                + " to sgd, momentum or nesterov, not adam", refused.getMessage());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "--optimizer;adam;--momentum;0.5 | adam(momentum=0.5) batch 10 seed 1 quadratic gaussian: momentum applies to sgd, momentum or nesterov, not adam",
        "--optimizer;rmsprop;--rho;1     | rho must be in [0, 1), got 1.0",
        "--optimizer;sgd;--beta1;0.8     | beta1 applies to adam, not sgd"})
    void optimizerCoefficientOptionsAreCheckedBeforeSparkStarts(String arguments, String message) {
        assertRefusedBeforeSparkStarts(message, arguments.strip().split(";"));
    }

    /** result.json files written before a setting existed read with that setting empty, so a sweep started again skips their runs. */
    @Test
    void resultsFromBeforeLayersAndCoefficientsStillRead() throws Exception {
        RunResult result = new RunResult("0123456789ab", RunSettings.defaults(), RunResult.FINISHED, 0, List.of(), 0, null, null, 1.0);
        Path sweepDir = dir.resolve("old");
        new SweepDirectory(sweepDir).write(result, dev.purenet.train.Experiment.of(dev.purenet.Architecture.of(784, 30, 10),
                dev.purenet.Init.gaussian(), 1, TrainingData.mnist(SharedSpark.MNIST).firstTraining(1000).load().training()));
        Path file = new SweepDirectory(sweepDir).run(result.runId()).resolve(SweepDirectory.RESULT);
        var json = (com.fasterxml.jackson.databind.node.ObjectNode) new com.fasterxml.jackson.databind.ObjectMapper().readTree(file.toFile());
        var settings = (com.fasterxml.jackson.databind.node.ObjectNode) json.get("settings");
        assertTrue(settings.has("layers") && settings.has("coefficients"), settings.toString());
        settings.remove(List.of("layers", "coefficients"));
        Files.writeString(file, json.toString());
        RunResult read = new SweepDirectory(sweepDir).finished().get(result.runId());
        assertEquals(RunSettings.defaults(), read.settings());
        assertEquals("", read.settings().layers());
        assertEquals(Map.of(), read.settings().coefficients());
    }

    @Test
    void layersAreSweptAsNetworksSeparatedByBars() {
        String conv = "conv 20x5x5 relu, pool 2, dense 100 relu, softmax 10";
        Sweep sweep = Sweep.grid(RunSettings.defaults(), "layers=" + conv + " | dense 30 relu dropout 0.5, softmax 10;seed=1,2");
        assertEquals(List.of("layers", "seed"), sweep.swept());
        assertEquals(List.of(conv, conv, "dense 30 relu dropout 0.5, softmax 10", "dense 30 relu dropout 0.5, softmax 10"),
                sweep.runs().stream().map(RunSettings::layers).toList());
        assertTrue(sweep.runs().stream().allMatch(r -> r.sizes().isEmpty() && r.activation().isEmpty()),
                "the layers replace the dense network's sizes and activation");
        assertEquals("[" + conv + "] eta 3.0 lambda 0.0 sgd batch 10 seed 2 quadratic gaussian", SweepRunner.describe(sweep.runs().get(1)));
    }

    @Test
    void randomSamplesAreDrawnFromRangesBySeed() {
        Sweep a = Sweep.random(RunSettings.defaults(), "eta=0.1..10:log;hidden=30,100", 20, 7);
        Sweep b = Sweep.random(RunSettings.defaults(), "eta=0.1..10:log;hidden=30,100", 20, 7);
        Sweep c = Sweep.random(RunSettings.defaults(), "eta=0.1..10:log;hidden=30,100", 20, 8);
        assertEquals(a, b);
        assertFalse(a.equals(c));
        assertTrue(a.runs().stream().allMatch(r -> r.eta() >= 0.1 && r.eta() <= 10));
        assertEquals(Set.of(30, 100), Set.copyOf(a.runs().stream().map(r -> r.sizes().get(1)).toList()));
    }

    @Test
    void aGridIsItsCartesianProductLastNameFastest() {
        Sweep sweep = Sweep.grid(RunSettings.defaults(), "eta=0.5,3.0;hidden=30,100-20;seed=1,2");
        assertEquals(8, sweep.runs().size());
        assertEquals(List.of("eta", "hidden", "seed"), sweep.swept());
        assertEquals(List.of(784, 100, 20, 10), sweep.runs().get(2).sizes());
        assertEquals(2L, sweep.runs().get(1).seed());
        assertEquals(3.0, sweep.runs().get(4).eta());
    }

    @Test
    void aRunIsDescribedWithEverySettingThatChangesItsBits() {
        assertEquals("784-30-10 sigmoid eta 3.0 lambda 0.0 sgd batch 10 seed 1 quadratic gaussian",
                SweepRunner.describe(RunSettings.defaults()));
        assertEquals("784-30-10 sigmoid eta 3.0 lambda 0.0 sgd batch 10 seed 1 quadratic gaussian threads 2 float32",
                SweepRunner.describe(RunSettings.defaults().withThreads(2).withPrecision("float32")));
    }

    /** A sweep whose third run fails on every attempt, then the same command again without the fault. */
    @Test
    void aSweepStartedAgainSkipsTheRunsThatFinished() throws Exception {
        Path sweepDir = dir.resolve("sweep");
        String[] args = {"--grid", "seed=1,2,3", "--epochs", "1", "--train-size", "1000", "--monitor", "eval-acc",
            "--out", sweepDir.toString(), "--report"};
        String failing = new SweepRunner(SharedSpark.session(), TrainingData.mnist(SharedSpark.MNIST).firstTraining(1000), 1)
                .plan(Sweep.grid(RunSettings.defaults(), "seed=3")).get(0).runId();

        assertEquals(SweepMain.FAILED, run(args, r -> r.failing(Set.of(failing), Integer.MAX_VALUE)), err.toString());
        assertTrue(err.toString().contains("1 of 3 runs failed on every attempt (" + failing + ")"), err.toString());
        Map<Path, byte[]> kept = new HashMap<>();
        Map<Path, FileTime> times = new HashMap<>();
        try (var files = Files.walk(sweepDir.resolve(SweepDirectory.RUNS))) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                kept.put(f, Files.readAllBytes(f));
                times.put(f, Files.getLastModifiedTime(f));
            }
        }
        assertEquals(2 * 4, kept.size(), "two finished runs of four files each: " + kept.keySet());
        assertFalse(Files.exists(sweepDir.resolve(SweepDirectory.RUNS).resolve(failing).resolve(SweepDirectory.RESULT)));
        assertEquals(1 + 2, Files.readAllLines(sweepDir.resolve("epochs.csv")).size(), "the finished runs' rows are written");

        out.getBuffer().setLength(0);
        assertEquals(0, run(args, UnaryOperator.identity()), err.toString());
        assertTrue(out.toString().contains("2 already finished in " + sweepDir + ", training 1"), out.toString());
        for (var f : kept.entrySet()) {
            assertArrayEquals(f.getValue(), Files.readAllBytes(f.getKey()), f.getKey() + " is kept");
            assertEquals(times.get(f.getKey()), Files.getLastModifiedTime(f.getKey()), f.getKey() + " is not written again");
        }
        assertTrue(Files.isRegularFile(sweepDir.resolve(SweepDirectory.RUNS).resolve(failing).resolve(SweepDirectory.FINAL)));
        assertEquals(1 + 3, Files.readAllLines(sweepDir.resolve("epochs.csv")).size());
        assertEquals(3, SharedSpark.session().read().parquet(sweepDir.resolve("epochs.parquet").toString()).count());
        List<String> summary = Files.readAllLines(sweepDir.resolve("summary.csv"));
        assertEquals(2, summary.size(), "one configuration over three seeds: " + summary);
        assertTrue(summary.get(0).endsWith("seeds,best_epoch,mean_accuracy,std_accuracy,ensemble_accuracy"), summary.get(0));
        assertTrue(summary.get(1).contains(",3,1,"), summary.get(1));
        // The seeds' final networks as one ensemble, as purenet evaluate --network a,b,c evaluates them (by mean).
        List<Network> finals = new ArrayList<>();
        try (var runs = Files.list(sweepDir.resolve(SweepDirectory.RUNS))) {
            for (Path run : runs.sorted().toList()) {
                finals.add(Snapshots.read(run.resolve(SweepDirectory.FINAL)));
            }
        }
        assertEquals(3, finals.size());
        double ensemble = Evaluation.of(Ensemble.of(finals), TrainingData.mnist(SharedSpark.MNIST).firstTraining(1000).load().validation())
                .accuracy();
        String[] columns = summary.get(1).split(",");
        assertEquals(ensemble, Double.parseDouble(columns[columns.length - 1]), 0.0, summary.get(1));
        assertTrue(Files.size(sweepDir.resolve("report").resolve("accuracy-vs-seed.png")) > 1000);
    }

    private int run(String[] args, UnaryOperator<SweepRunner> adjust) {
        CommandLine command = command();
        command.parseArgs(args);
        return ((SweepMain) command.getCommand()).sweep(SharedSpark.session(), adjust);
    }
}
