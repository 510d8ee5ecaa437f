package dev.purenet.spark;

import dev.purenet.data.Mnist;
import dev.purenet.data.MnistFetch;
import dev.purenet.io.AtomicFiles;
import dev.purenet.io.Snapshots;
import dev.purenet.train.Footprint;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import java.util.function.UnaryOperator;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code purenet sweep}: a grid (or random samples) of {@code purenet train} runs on Spark, written
 * to one directory: every finished run's networks, the per-epoch rows as Parquet and CSV, a
 * summary per configuration and, with {@code --report}, a plot per swept name. Started again with
 * the same {@code --out}, it trains only the runs that have not finished. Also the main class of
 * the job jar for {@code spark-submit}.
 */
@Command(name = "sweep", mixinStandardHelpOptions = true, version = "purenet sweep 0.1.0",
        description = {"Train every combination of a grid of settings (or random samples of it) on Apache Spark, one task per run;"
                + " each run ends on the network purenet train gives with the same settings. Example:",
                "  sweep --grid \"eta=0.5,3.0;hidden=30,100;seed=1,2\" --epochs 10 --master local[2] --out sweeps/eta",
                "Grid names: " + "sizes (784-30-10), hidden (30 or 60-30), activation (sigmoid or relu/softmax), layers (networks"
                        + " in train --layers' grammar, separated by '|'), eta, lambda, optimizer, batch, seed, cost, init, threads,"
                        + " precision. Names the grid leaves out take the values of the options below. network3.py's ensemble:",
                "  sweep --grid \"seed=1,2,3,4,5\" --layers \"conv 20x5x5 relu, pool 2, conv 40x5x5 relu, pool 2, dense 1000 relu dropout"
                        + " 0.5, dense 1000 relu dropout 0.5, softmax 10 dropout 0.5\" --cost log-likelihood --eta 0.03 --lambda 1.0"
                        + " --init scaled --expand --epochs 40 --out sweeps/dropout"})
public final class SweepMain implements Callable<Integer> {
    static final int FAILED = 1;
    /** The largest result a job may bring back to the driver; Spark checks it only when the run has trained. */
    private static final String MAX_RESULT_SIZE = "spark.driver.maxResultSize";

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--grid", required = true, paramLabel = "NAME=V1,V2;...",
            description = "The settings to sweep, e.g. \"eta=0.5,3.0;hidden=30,100;seed=1,2\". With --sample, eta and lambda may be"
                    + " ranges LO..HI or LO..HI:log.")
    String grid;

    @Option(names = "--sample", paramLabel = "N", description = "Train N random draws from the grid instead of every combination.")
    @Nullable Integer sample;

    @Option(names = "--sample-seed", paramLabel = "N", defaultValue = "1", description = "Seed of the random draws. Default: ${DEFAULT-VALUE}")
    long sampleSeed;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Where the results go; a sweep started again with"
            + " the same DIR skips the runs that finished.")
    Path out;

    @Option(names = "--master", paramLabel = "URL", description = "Spark master: local[N] (N task threads), local[N,F] (F attempts"
            + " per task), spark://HOST:7077. Default: spark-submit's, else local[*]")
    @Nullable String master;

    @Option(names = "--report", description = "Also plot the best accuracy against each swept setting (DIR/report/*.png).")
    boolean report;

    @Option(names = "--epochs", paramLabel = "N", defaultValue = "30", description = "Epochs per run. Default: ${DEFAULT-VALUE}")
    int epochs;

    @Option(names = "--early-stop", paramLabel = "N", description = "Stop a run after N epochs without a better evaluation accuracy.")
    @Nullable Integer earlyStop;

    @Option(names = "--sizes", split = ",", paramLabel = "N", defaultValue = "784,30,10", description = "Layer sizes. Default: ${DEFAULT-VALUE}")
    int[] sizes;

    @Option(names = "--activation", paramLabel = "NAME", defaultValue = "sigmoid", description = "NAME or HIDDEN/OUTPUT. Default: ${DEFAULT-VALUE}")
    String activation;

    @Option(names = "--layers", paramLabel = "LAYERS",
            description = "The network layer by layer, as purenet train --layers (e.g. \"conv 20x5x5 relu, pool 2, dense 100 relu,"
                    + " softmax 10\"), instead of --sizes and --activation.")
    @Nullable String layers;

    @Option(names = "--expand", description = "Train on the expanded MNIST, as purenet train --expand: each training image and its"
            + " copies moved one pixel down, up, right and left (after --train-size's cut).")
    boolean expand;

    @Option(names = "--eta", paramLabel = "X", defaultValue = "3.0", description = "Learning rate. Default: ${DEFAULT-VALUE}")
    double eta;

    @Option(names = "--lambda", paramLabel = "X", defaultValue = "0", description = "L2 regularisation. Default: ${DEFAULT-VALUE}")
    double lambda;

    @Option(names = "--optimizer", paramLabel = "NAME", defaultValue = "sgd", description = "sgd, momentum, nesterov, adam or rmsprop. Default: ${DEFAULT-VALUE}")
    String optimizer;

    @Option(names = "--momentum", paramLabel = "MU", description = "Momentum coefficient in [0, 1), as purenet train --momentum:"
            + " with sgd it adds momentum. Default: 0.9 for momentum and nesterov")
    @Nullable Double momentum;

    @Option(names = "--beta1", paramLabel = "X", description = "Adam's beta1. Default: 0.9")
    @Nullable Double beta1;

    @Option(names = "--beta2", paramLabel = "X", description = "Adam's beta2. Default: 0.999")
    @Nullable Double beta2;

    @Option(names = "--epsilon", paramLabel = "X", description = "Adam's and RMSProp's epsilon. Default: 1e-8")
    @Nullable Double epsilon;

    @Option(names = "--rho", paramLabel = "X", description = "RMSProp's decay rate rho. Default: 0.9")
    @Nullable Double rho;

    @Option(names = "--batch", paramLabel = "M", defaultValue = "10", description = "Mini-batch size. Default: ${DEFAULT-VALUE}")
    int batch;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "1", description = "Seed. Default: ${DEFAULT-VALUE}")
    long seed;

    @Option(names = "--cost", paramLabel = "NAME", defaultValue = "quadratic", description = "quadratic, cross-entropy or log-likelihood. Default: ${DEFAULT-VALUE}")
    String cost;

    @Option(names = "--init", paramLabel = "NAME", defaultValue = "gaussian", description = "gaussian, scaled, xavier, he or network3. Default: ${DEFAULT-VALUE}")
    String init;

    @Option(names = "--threads", paramLabel = "N", defaultValue = "1",
            description = "Blocks each mini-batch is split into, trained on as many threads (as purenet train --threads N)."
                    + " A sweep already runs one task per core, so 1 unless executors have cores to spare. Default: ${DEFAULT-VALUE}")
    int threads;

    @Option(names = "--precision", paramLabel = "P", defaultValue = "float64",
            description = "float64 or float32 (as purenet train --precision). Default: ${DEFAULT-VALUE}")
    String precision;

    @Option(names = "--eval", paramLabel = "DATA", defaultValue = "validation",
            description = "Data the accuracy is measured on: validation (for choosing settings) or test. Default: ${DEFAULT-VALUE}")
    String eval;

    @Option(names = "--monitor", split = ",", paramLabel = "WHAT", defaultValue = "train-cost,train-acc,eval-cost,eval-acc",
            description = "What each epoch measures; eval-acc always. Default: ${DEFAULT-VALUE}")
    List<String> monitor;

    @Option(names = "--data", paramLabel = "DIR", defaultValue = "data/mnist",
            description = "The four MNIST-format IDX files (fetched there when absent); on a cluster they are shipped to the"
                    + " executors. Default: ${DEFAULT-VALUE}")
    Path data;

    @Option(names = "--train-size", paramLabel = "N", description = "Train on the first N training examples only (quick sweeps).")
    @Nullable Integer trainSize;

    /** Starts Spark, after every check; tests replace it to see that a refusal never gets this far. */
    java.util.function.Function<List<SweepRunner.PlannedRun>, SparkSession> sessions = this::session;

    /**
     * Runs the command and exits with its code: 0 done, 1 a run failed on every attempt, 2 a usage error.
     *
     * @param args the command line
     */
    public static void main(String[] args) {
        System.exit(new CommandLine(new SweepMain()).execute(args));
    }

    @Override
    public Integer call() {
        check();
        List<SweepRunner.PlannedRun> plan = plan(); // settings that do not fit the data are usage errors before Spark starts
        SparkSession spark = sessions.apply(plan);
        try {
            return sweep(spark, plan, UnaryOperator.identity());
        } finally {
            spark.stop();
        }
    }

    /** Usage errors before Spark starts: they should cost nothing. */
    private void check() {
        if (epochs < 1) {
            throw usage("--epochs must be at least 1, got " + epochs);
        }
        if (sample != null && sample < 1) {
            throw usage("--sample must be at least 1, got " + sample);
        }
        if (earlyStop != null && earlyStop < 1) {
            throw usage("--early-stop must be at least 1 epoch, got " + earlyStop);
        }
        if (trainSize != null && trainSize < 1) {
            throw usage("--train-size must be at least 1, got " + trainSize);
        }
        if (!eval.equals("validation") && !eval.equals("test")) {
            throw usage("--eval must be validation or test, got '" + eval + "'");
        }
        if (threads < 1 || threads > dev.purenet.train.Sgd.MAX_THREADS) {
            throw usage("--threads must be 1 to " + dev.purenet.train.Sgd.MAX_THREADS + ", got " + threads);
        }
        if (!precision.equals("float64") && !precision.equals("float32")) {
            throw usage("--precision takes float64 or float32, got '" + precision + "'");
        }
        if (!monitor.contains("eval-acc")) {
            throw usage("--monitor must include eval-acc: the summary and the best network are chosen by it; got " + monitor);
        }
        for (String m : monitor) {
            if (!m.equals("eval-acc") && !SweepRunner.MEASURES.contains(m)) {
                throw usage("--monitor takes train-cost, train-acc, eval-cost, eval-acc; got '" + m + "'");
            }
        }
        if (layers != null && layers.isBlank()) {
            throw usage("--layers expects the layers, e.g. \"conv 20x5x5 relu, pool 2, dense 100 relu, softmax 10\"; got nothing");
        }
        if (Files.exists(out) && !Files.isDirectory(out)) {
            throw usage("--out takes a directory, but " + out + " is a file");
        }
        Sweep sweep = sweepOf(); // a bad grid is reported now, naming what was expected and found
        for (String dense : List.of("--sizes", "--activation")) {
            if (spec.commandLine().getParseResult().hasMatchedOption(dense) && (layers != null || sweep.swept().contains("layers"))) {
                throw usage((layers != null ? "--layers" : "--grid's layers") + " describes every layer with its activation; drop "
                        + dense);
            }
        }
        io.vavr.control.Try.run(() -> AtomicFiles.requireWritableDirectory(out)).getOrElseThrow(e -> usage("--out: " + e.getMessage()));
    }

    private Sweep sweepOf() {
        Map<String, Double> coefficients = new java.util.HashMap<>(); // an option not given is null: RunSettings drops it
        coefficients.put("momentum", momentum);
        coefficients.put("beta1", beta1);
        coefficients.put("beta2", beta2);
        coefficients.put("epsilon", epsilon);
        coefficients.put("rho", rho);
        RunSettings dense = new RunSettings(Arrays.stream(sizes).boxed().toList(), activation, "", eta, lambda, optimizer, coefficients,
                batch, seed, cost, init, threads, precision);
        RunSettings base = layers == null ? dense : dense.withLayers(layers);
        try {
            return sample != null ? Sweep.random(base, grid, sample, sampleSeed) : Sweep.grid(base, grid);
        } catch (IllegalArgumentException e) {
            throw usage("--" + e.getMessage());
        }
    }

    private SparkSession session(List<SweepRunner.PlannedRun> plan) {
        SparkSession.Builder builder = SparkSession.builder().appName("purenet sweep");
        sessionSettings(new SparkConf(), plan).forEach(builder::config);
        return builder.getOrCreate();
    }

    /**
     * What the sweep adds to the Spark configuration it was started with ({@code spark-submit}'s, or
     * {@code spark.*} system properties): the master, a result limit that holds the largest run's
     * result, and on a cluster what the executors need; a setting given is kept.
     *
     * @param submitted the configuration given
     * @param plan      the sweep's runs
     * @return the settings to add, in order
     */
    Map<String, String> sessionSettings(SparkConf submitted, List<SweepRunner.PlannedRun> plan) {
        Map<String, String> settings = new LinkedHashMap<>();
        String url = masterUrl(submitted);
        settings.put("spark.master", url);
        if (!submitted.contains(MAX_RESULT_SIZE)) {
            SweepMemory.resultSizeSetting(plan).ifPresent(size -> settings.put(MAX_RESULT_SIZE, size));
        }
        if (url.startsWith("local") && !submitted.contains("spark.ui.enabled")) {
            settings.put("spark.ui.enabled", "false"); // 2-3 s of start-up for a page nobody opens on a laptop
        }
        if (!url.startsWith("local")) {
            // Executors of a cluster get purenet's classes, the data files and a one-thread BLAS (docs/spark.md).
            if (!submitted.contains("spark.jars")) {
                settings.put("spark.jars", jobJar().toString());
            }
            if (!submitted.contains("spark.files")) {
                settings.put("spark.files", String.join(",", trainingData().files().stream().map(p -> p.toAbsolutePath().toString()).toList()));
            }
            settings.put("spark.executorEnv.OPENBLAS_NUM_THREADS", submitted.get("spark.executorEnv.OPENBLAS_NUM_THREADS", "1"));
        }
        return settings;
    }

    /** --master, else spark-submit's, else every core of this machine. */
    private String masterUrl(SparkConf submitted) {
        return master != null ? master : submitted.get("spark.master", "local[*]");
    }

    /** The job jar beside this module's classes or jar (target/purenet-spark-job.jar), or this jar when it is that one. */
    private static Path jobJar() {
        try {
            Path code = Path.of(SweepMain.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path jar = code.getFileName().toString().equals("purenet-spark-job.jar") ? code : code.getParent().resolve("purenet-spark-job.jar");
            if (!Files.isRegularFile(jar)) {
                throw new IllegalStateException("a cluster's executors need " + jar + "; build it with: mvn package -pl spark -am");
            }
            return jar;
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException("cannot locate the job jar: " + e.getMessage(), e);
        }
    }

    private TrainingData trainingData() {
        TrainingData all = TrainingData.mnist(data);
        TrainingData cut = trainSize == null ? all : all.firstTraining(trainSize);
        return expand ? cut.expanded() : cut;
    }

    /**
     * The sweep on {@code spark}: skips the runs finished in {@code --out}, trains the others and
     * writes the tables, the summary and the report.
     *
     * @param spark  the session
     * @param adjust changes the runner before it trains (tests inject faults with it)
     * @return the exit code
     */
    int sweep(SparkSession spark, UnaryOperator<SweepRunner> adjust) {
        return sweep(spark, plan(), adjust);
    }

    /**
     * The sweep's runs on the data, fetched first when missing (as purenet train does); the data
     * stays loaded for the runs of this JVM.
     *
     * @throws CommandLine.ParameterException naming the run and the setting that does not fit the data
     */
    private List<SweepRunner.PlannedRun> plan() {
        if (!Mnist.isPresent(data)) {
            MnistFetch.fetch(data, message -> spec.commandLine().getErr().println("purenet: " + message));
        }
        List<SweepRunner.PlannedRun> plan;
        try {
            plan = SweepRunner.plan(sweepOf(), trainingData(), epochs, Optional.ofNullable(earlyStop));
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage());
        }
        requireFits(plan);
        return plan;
    }

    /**
     * Refuses runs whose arrays Java cannot hold, runs that cannot train side by side in the
     * memory of the JVM that trains them (this one in local mode, an executor's on a cluster),
     * results the driver (this JVM) cannot hold as they arrive, and a result larger than a given
     * {@code spark.driver.maxResultSize}: each of those would fail a run after it had trained.
     */
    private void requireFits(List<SweepRunner.PlannedRun> plan) {
        int trainingSize = trainingData().load().training().size();
        for (SweepRunner.PlannedRun run : plan) {
            String problem = Footprint.arrayProblem(run.experiment().architecture(), Math.min(run.experiment().miniBatch(), trainingSize));
            if (problem != null) {
                throw usage("run " + SweepRunner.describe(run.settings()) + ": " + problem);
            }
        }
        SparkConf conf = new SparkConf();
        OptionalInt local = SweepMemory.localTasks(masterUrl(conf), Runtime.getRuntime().availableProcessors());
        String problem;
        if (local.isPresent()) {
            Runtime runtime = Runtime.getRuntime();
            problem = SweepMemory.localProblem(plan, trainingSize, local.getAsInt(), free(runtime), runtime.maxMemory());
            if (problem != null) {
                System.gc(); // garbage from reading the data counts as used until collected
                problem = SweepMemory.localProblem(plan, trainingSize, local.getAsInt(), free(runtime), runtime.maxMemory());
            }
        } else {
            if (masterUrl(conf).startsWith("spark://") && !conf.contains("spark.executor.cores")) {
                spec.commandLine().getErr().println("purenet: spark.executor.cores is not set, so a standalone worker gives its executor"
                        + " all its cores, each training a run at the same time; the memory check assumes 1 core an executor. Set"
                        + " spark.executor.cores (docs/spark.md uses 1) for the check to hold.");
            }
            problem = SweepMemory.executorProblem(plan, trainingSize, conf.getInt("spark.executor.cores", 1),
                    conf.getSizeAsMb("spark.executor.memory", "1g") << 20);
            if (problem == null) {
                Runtime runtime = Runtime.getRuntime();
                int arriving = conf.getInt("spark.resultGetter.threads", SweepMemory.SPARK_RESULT_THREADS);
                problem = SweepMemory.driverProblem(plan, arriving, free(runtime), runtime.maxMemory());
                if (problem != null) {
                    System.gc();
                    problem = SweepMemory.driverProblem(plan, arriving, free(runtime), runtime.maxMemory());
                }
            }
        }
        if (problem == null && conf.contains(MAX_RESULT_SIZE)) {
            problem = SweepMemory.resultSizeProblem(plan, conf.getSizeAsBytes(MAX_RESULT_SIZE));
        }
        if (problem != null) {
            throw usage(problem);
        }
    }

    private static long free(Runtime runtime) {
        return runtime.maxMemory() - (runtime.totalMemory() - runtime.freeMemory());
    }

    private int sweep(SparkSession spark, List<SweepRunner.PlannedRun> plan, UnaryOperator<SweepRunner> adjust) {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter stderr = spec.commandLine().getErr();
        Sweep sweep = sweepOf();
        SweepRunner runner = new SweepRunner(spark, trainingData(), epochs).evaluatingOn(eval)
                .measuring(monitor.stream().filter(m -> !m.equals("eval-acc")).toList());
        if (earlyStop != null) {
            runner = runner.withEarlyStopping(earlyStop);
        }
        runner = adjust.apply(runner);
        SweepDirectory directory = new SweepDirectory(out);
        Map<String, RunResult> done = directory.finished();
        List<SweepRunner.PlannedRun> todo = plan.stream().filter(r -> !done.containsKey(r.runId())).toList();
        stdout.println("Sweep of " + plan.size() + (plan.size() == 1 ? " run" : " runs") + " (" + String.join(", ", sweep.swept())
                + "), " + epochs + " epochs each, on " + spark.sparkContext().master() + ": " + (plan.size() - todo.size())
                + " already finished in " + out + ", training " + todo.size());
        Map<String, SweepRunner.PlannedRun> byId = new java.util.HashMap<>();
        plan.forEach(r -> byId.put(r.runId(), r));
        int[] count = {plan.size() - todo.size()};
        int code = 0;
        long started = System.nanoTime();
        List<RunResult> trained = new ArrayList<>();
        try {
            runner.train(todo, result -> {
                directory.write(result, byId.get(result.runId()).experiment());
                trained.add(result.withoutNetworks()); // written: the driver need not hold them
                count[0]++;
                EpochRecord best = result.best();
                stdout.println("[" + count[0] + "/" + plan.size() + "] run " + result.runId() + " " + SweepRunner.describe(result.settings())
                        + ": " + result.status() + (best == null ? "" : ", best epoch " + best.epoch() + " " + best.evaluationCorrect() + " / "
                        + best.evaluationTotal()) + (result.attempt() > 0 ? " (attempt " + (result.attempt() + 1) + ")" : ""));
                stdout.flush();
            });
        } catch (SweepException e) {
            stderr.println("purenet: " + e.getMessage() + "; run the same command again to train the missing runs.");
            code = FAILED;
        }
        if (!trained.isEmpty()) {
            // Wall time against the time tasks spent training: the difference is Spark's overhead (docs/spark.md).
            double inTasks = trained.stream().mapToDouble(RunResult::taskSeconds).sum();
            stdout.println("Trained " + trained.size() + (trained.size() == 1 ? " run" : " runs") + " in " + seconds(System.nanoTime() - started)
                    + " s of wall time; the tasks took " + seconds((long) (inTasks * 1e9)) + " s together");
        }
        Map<String, RunResult> finished = directory.finished();
        List<RunResult> results = plan.stream().map(r -> finished.get(r.runId())).filter(r -> r != null).toList();
        if (!results.isEmpty()) {
            writeTables(spark, results, sweep.swept(), stdout);
        }
        return code;
    }

    private void writeTables(SparkSession spark, List<RunResult> results, List<String> swept, PrintWriter stdout) {
        List<String> settings = SweepTables.SETTINGS.stream().map(f -> f.name()).toList();
        List<String> epochHeader = new ArrayList<>(List.of("run_id"));
        epochHeader.addAll(settings);
        epochHeader.addAll(List.of("epoch", "eta_used", "eval_correct", "eval_total", "eval_accuracy", "eval_cost", "train_accuracy",
                "train_cost", "seconds"));
        Csv.write(out.resolve("epochs.csv"), epochHeader, SweepTables.epochRows(results).stream().map(SweepMain::values).toList());
        List<String> runHeader = new ArrayList<>(List.of("run_id"));
        runHeader.addAll(settings);
        runHeader.addAll(List.of("status", "attempt", "epochs", "best_epoch", "best_accuracy", "seconds", "task_seconds"));
        Csv.write(out.resolve("runs.csv"), runHeader, SweepTables.runRows(results).stream()
                .map(row -> values(row).subList(0, runHeader.size())).toList());
        Mnist mnist = trainingData().load();
        SweepDirectory directory = new SweepDirectory(out);
        List<Summary> summary = Summary.of(results, r -> {
            Path network = directory.run(r.runId()).resolve(SweepDirectory.FINAL);
            return Files.isRegularFile(network) ? Optional.of(Snapshots.read(network)) : Optional.empty();
        }, eval.equals("test") ? mnist.test() : mnist.validation());
        List<String> summaryHeader = new ArrayList<>(settings);
        summaryHeader.remove("seed");
        summaryHeader.addAll(List.of("seeds", "best_epoch", "mean_accuracy", "std_accuracy", "ensemble_accuracy"));
        Csv.write(out.resolve("summary.csv"), summaryHeader, summary.stream().map(s -> {
            List<Object> row = new ArrayList<>(SweepTables.configuration(s.settings()));
            row.addAll(List.of(s.seeds(), s.bestEpoch(), s.meanAccuracy(), s.stdAccuracy(), s.ensembleAccuracy()));
            return row;
        }).toList());
        writeParquet(spark, results);
        stdout.println("Best configurations (" + eval + " accuracy at the best epoch, mean over seeds):");
        for (Summary s : summary.subList(0, Math.min(10, summary.size()))) {
            stdout.println("  " + percent(s.meanAccuracy()) + (Double.isNaN(s.stdAccuracy()) ? "" : " ± " + percent(s.stdAccuracy()))
                    + "  epoch " + s.bestEpoch() + ", " + s.seeds() + (s.seeds() == 1 ? " seed" : " seeds")
                    + (Double.isNaN(s.ensembleAccuracy()) ? "" : " (their final networks as one ensemble: " + percent(s.ensembleAccuracy()) + ")")
                    + ": "
                    + SweepRunner.describe(s.settings()).replaceAll(" seed -?[0-9]+", ""));
        }
        stdout.println("Wrote " + out.resolve("epochs.parquet") + ", epochs.csv, runs.csv, summary.csv and runs/ID/{best,final}.json");
        if (report) {
            List<Path> plots = SweepReport.write(out.resolve("report"), swept, results, eval);
            plots.forEach(p -> stdout.println("Wrote " + p));
        }
    }

    /** The per-epoch rows as Parquet: written beside, then moved over the old directory. */
    private void writeParquet(SparkSession spark, List<RunResult> results) {
        Path target = out.resolve("epochs.parquet");
        Path staged = out.resolve(".epochs.parquet.tmp");
        SweepTables.of(spark, results).epochs().coalesce(1).write().mode(SaveMode.Overwrite).parquet(staged.toString());
        try {
            deleteTree(target);
            Files.move(staged, target, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot move " + staged + " to " + target + ": " + AtomicFiles.reason(e), e);
        }
    }

    private static void deleteTree(Path dir) throws java.io.IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private static List<Object> values(org.apache.spark.sql.Row row) {
        List<Object> values = new ArrayList<>();
        for (int i = 0; i < row.size(); i++) {
            values.add(row.get(i));
        }
        return values;
    }

    private static String seconds(long nanos) {
        return java.math.BigDecimal.valueOf(nanos / 1e9).setScale(2, java.math.RoundingMode.HALF_EVEN).toPlainString();
    }

    private static String percent(double fraction) {
        return java.math.BigDecimal.valueOf(100 * fraction).setScale(2, java.math.RoundingMode.HALF_EVEN).toPlainString() + "%";
    }

    private CommandLine.ParameterException usage(String message) {
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }
}
