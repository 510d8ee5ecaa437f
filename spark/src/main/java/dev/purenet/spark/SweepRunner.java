package dev.purenet.spark;

import dev.purenet.Architecture;
import dev.purenet.LayerForm;
import dev.purenet.data.Mnist;
import dev.purenet.io.Experiments;
import dev.purenet.train.Experiment;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;
import org.apache.spark.api.java.JavaFutureAction;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;

/**
 * Runs a {@link Sweep} on a {@link SparkSession}: one Spark job of one task per run, all submitted
 * at once so that the scheduler keeps every core busy, the longest runs first. Each task loads the
 * data once per executor JVM ({@link TrainingData#load}), rebuilds the experiment from its JSON and
 * trains it exactly as {@code purenet train} does. A failed task is retried by Spark (up to
 * {@code spark.task.maxFailures}; in local mode give the master as {@code local[N,F]}) and, the
 * run being a pure function of its experiment, gives the same result.
 *
 * <p>Results come back to the driver run by run, as each job ends, so that a caller can keep them
 * (the sweep command writes each run's directory then) before the whole sweep is done.
 */
public final class SweepRunner {
    /** What the monitor may measure besides the evaluation accuracy, which it always measures. */
    public static final List<String> MEASURES = List.of("train-cost", "train-acc", "eval-cost");

    private final SparkSession spark;
    private final TrainingData data;
    private final int epochs;
    private final Optional<Integer> earlyStopping;
    private final String evaluation;
    private final List<String> measure;
    private final Set<String> failing;
    private final int failingAttempts;

    /**
     * A runner measuring all costs and accuracies on the validation data.
     *
     * @param spark  the session whose executors train
     * @param data   where the data is, for the driver and the executors
     * @param epochs the most epochs per run, at least 1
     */
    public SweepRunner(SparkSession spark, TrainingData data, int epochs) {
        this(spark, data, epochs, Optional.empty(), "validation", MEASURES, Set.of(), 0);
    }

    private SweepRunner(SparkSession spark, TrainingData data, int epochs, Optional<Integer> earlyStopping, String evaluation,
                        List<String> measure, Set<String> failing, int failingAttempts) {
        if (epochs < 1) {
            throw new IllegalArgumentException("epochs must be at least 1, got " + epochs);
        }
        if (!evaluation.equals("validation") && !evaluation.equals("test")) {
            throw new IllegalArgumentException("evaluation data must be validation or test, got '" + evaluation + "'");
        }
        for (String m : measure) {
            if (!MEASURES.contains(m)) {
                throw new IllegalArgumentException("measure takes " + String.join(", ", MEASURES) + "; got '" + m + "'");
            }
        }
        this.spark = spark;
        this.data = data;
        this.epochs = epochs;
        this.earlyStopping = earlyStopping;
        this.evaluation = evaluation;
        this.measure = List.copyOf(measure);
        this.failing = Set.copyOf(failing);
        this.failingAttempts = failingAttempts;
    }

    /**
     * The same runner with early stopping.
     *
     * @param patience epochs without a better evaluation accuracy before a run stops, at least 1
     * @return the new runner
     */
    public SweepRunner withEarlyStopping(int patience) {
        return new SweepRunner(spark, data, epochs, Optional.of(patience), evaluation, measure, failing, failingAttempts);
    }

    /**
     * The same runner measuring accuracy on other data.
     *
     * @param newEvaluation {@code validation} (the default, for choosing hyperparameters) or {@code test}
     * @return the new runner
     */
    public SweepRunner evaluatingOn(String newEvaluation) {
        return new SweepRunner(spark, data, epochs, earlyStopping, newEvaluation, measure, failing, failingAttempts);
    }

    /**
     * The same runner measuring only these besides the evaluation accuracy.
     *
     * @param newMeasure any of {@link #MEASURES}
     * @return the new runner
     */
    public SweepRunner measuring(List<String> newMeasure) {
        return new SweepRunner(spark, data, epochs, earlyStopping, evaluation, newMeasure, failing, failingAttempts);
    }

    /** Fault injection for tests: these runs' tasks fail on their first {@code attempts} attempts. */
    SweepRunner failing(Set<String> runIds, int attempts) {
        return new SweepRunner(spark, data, epochs, earlyStopping, evaluation, measure, runIds, attempts);
    }

    /**
     * One run of the plan: its id, settings and experiment.
     *
     * @param runId      {@link #runId} of the experiment
     * @param settings   the hyperparameters
     * @param experiment what the run trains
     */
    public record PlannedRun(String runId, RunSettings settings, Experiment experiment) {}

    /**
     * The sweep's runs as experiments on this runner's data, checked on the driver before any
     * task starts; a run listed twice (random samples may draw it again) is kept once.
     *
     * @param sweep the sweep
     * @return the runs, in the sweep's order
     * @throws IllegalArgumentException naming the run and the setting that is wrong
     */
    public List<PlannedRun> plan(Sweep sweep) {
        return plan(sweep, data, epochs, earlyStopping);
    }

    /**
     * {@link #plan(Sweep)} without a runner, for checking a sweep before Spark starts: the data
     * loaded here is the data the driver's runs share later (one load per JVM).
     *
     * @param sweep         the sweep
     * @param data          where the data is
     * @param epochs        the most epochs per run
     * @param earlyStopping the patience, if the runs stop early
     * @return the runs, in the sweep's order
     * @throws IllegalArgumentException naming the run and the setting that is wrong
     */
    public static List<PlannedRun> plan(Sweep sweep, TrainingData data, int epochs, Optional<Integer> earlyStopping) {
        Mnist mnist = data.load();
        Map<String, PlannedRun> runs = new LinkedHashMap<>();
        for (RunSettings settings : sweep.runs()) {
            Experiment experiment;
            try {
                experiment = settings.experiment(epochs, earlyStopping, mnist.training());
                List<Integer> sizes = experiment.sizes();
                if (!settings.layers().isEmpty() && sizes.get(sizes.size() - 1) != mnist.training().classes()) {
                    throw new IllegalArgumentException("layers: the last layer has " + sizes.get(sizes.size() - 1) + " outputs, but the"
                            + " data has " + mnist.training().classes() + " classes");
                }
                if (sizes.get(0) != mnist.training().features() || sizes.get(sizes.size() - 1) != mnist.training().classes()) {
                    throw new IllegalArgumentException("sizes must start with " + mnist.training().features() + " (pixels per image)"
                            + " and end with " + mnist.training().classes() + " (classes) for this data, got " + settings.sizesText());
                }
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("run " + describe(settings) + ": " + e.getMessage(), e);
            }
            String id = runId(experiment);
            runs.putIfAbsent(id, new PlannedRun(id, settings, experiment));
        }
        return List.copyOf(runs.values());
    }

    /**
     * Trains every run of the sweep and returns their results as tables. The driver holds every
     * run's two networks until the table is made; a sweep of large networks writes them as they
     * come with {@link #train} instead, as {@code purenet sweep} does.
     *
     * @param sweep the sweep
     * @return per-epoch rows and one row per run with its networks
     * @throws SweepException if a run failed on every attempt; the others have finished then
     */
    public SweepResult run(Sweep sweep) {
        List<PlannedRun> runs = plan(sweep);
        Map<String, RunResult> results = new LinkedHashMap<>();
        train(runs, result -> results.put(result.runId(), result));
        return SweepTables.of(spark, runs.stream().map(r -> results.get(r.runId())).toList());
    }

    /**
     * Trains {@code runs}, handing each result to {@code finished} on the calling thread as soon as
     * its job ends, and waits for all of them. Only {@code finished} sees a result's networks: this
     * method keeps none, so the driver holds no more networks than the results on their way to it
     * (a sweep of 1.7-million-parameter networks brings back about 80 MB of JSON a run).
     *
     * @param runs     runs from {@link #plan}
     * @param finished told of each result, in the order the runs end
     * @return the results {@linkplain RunResult#withoutNetworks() without their networks}, in the
     *         order of {@code runs}
     * @throws SweepException if a run failed on every attempt, after the others have finished
     *         and been handed to {@code finished}
     */
    public List<RunResult> train(List<PlannedRun> runs, Consumer<RunResult> finished) {
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        // Longest first, so that the last task to start is a short one.
        List<PlannedRun> order = new ArrayList<>(runs);
        order.sort(Comparator.comparingLong(SweepRunner::work).reversed());
        Map<String, JavaFutureAction<List<RunResult>>> jobs = new LinkedHashMap<>();
        for (PlannedRun run : order) {
            RunTask task = new RunTask(run.runId(), run.settings(), Experiments.toJson(run.experiment()), data, evaluation, measure,
                    failing.contains(run.runId()) ? failingAttempts : 0);
            jsc.setJobDescription("purenet run " + run.runId() + " (" + describe(run.settings()) + ")");
            jobs.put(run.runId(), jsc.parallelize(List.of(task), 1).map(RunTask::train).collectAsync());
        }
        jsc.setJobDescription(null);
        int submitted = jobs.size();
        Map<String, RunResult> results = new LinkedHashMap<>();
        Map<String, Throwable> failures = new LinkedHashMap<>();
        while (!jobs.isEmpty()) {
            boolean any = false;
            // A finished job leaves the map: its future holds the result, networks and all.
            for (var job = jobs.entrySet().iterator(); job.hasNext(); ) {
                var entry = job.next();
                if (!entry.getValue().isDone()) {
                    continue;
                }
                any = true;
                String id = entry.getKey();
                try {
                    RunResult result = entry.getValue().get().get(0);
                    job.remove();
                    results.put(id, result.withoutNetworks());
                    finished.accept(result);
                } catch (ExecutionException e) {
                    job.remove();
                    failures.put(id, e.getCause());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    jobs.values().forEach(j -> j.cancel(true));
                    throw new SweepException("interrupted while waiting for the runs; " + results.size() + " of " + submitted
                            + " finished", e);
                }
            }
            if (!any) {
                sleep();
            }
        }
        if (!failures.isEmpty()) {
            var first = failures.entrySet().iterator().next();
            throw new SweepException(failures.size() + " of " + submitted + " runs failed on every attempt (" + String.join(", ",
                    failures.keySet()) + "); the " + results.size() + " others finished. First failure, run " + first.getKey() + ": "
                    + first.getValue().getMessage(), first.getValue());
        }
        return runs.stream().map(r -> results.get(r.runId())).toList();
    }

    private static void sleep() {
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SweepException("interrupted while waiting for the runs", e);
        }
    }

    /**
     * Multiply-adds per example of the forward products, times epochs: what orders runs longest
     * first. A conv layer's are its filters' at every position of the convolution.
     */
    private static long work(PlannedRun run) {
        Architecture architecture = run.experiment().architecture();
        long multiplyAdds = 0;
        for (int k = 0; k < architecture.forms().size(); k++) {
            multiplyAdds += architecture.forms().get(k) instanceof LayerForm.ConvPool c
                    ? (long) c.maps() * c.channels() * c.kernel() * c.kernel() * (c.height() - c.kernel() + 1) * (c.width() - c.kernel() + 1)
                    : (long) architecture.sizes().get(k) * architecture.sizes().get(k + 1);
        }
        return multiplyAdds * run.experiment().epochs();
    }

    /**
     * The id of a run: the first 12 hex digits of the SHA-256 of its experiment's JSON, so the same
     * experiment (settings, epochs, data) has the same id in every sweep, and a sweep started again
     * finds the runs it has already finished.
     *
     * @param experiment the run's experiment
     * @return 12 lower-case hex digits
     */
    public static String runId(Experiment experiment) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(Experiments.toJson(experiment).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this Java runtime has no SHA-256", e);
        }
    }

    /**
     * The settings in a few words, for messages.
     *
     * @param s the settings
     * @return e.g. {@code 784-30-10 sigmoid eta 3.0 lambda 0.0 sgd batch 10 seed 1 quadratic gaussian}, with
     *         the optimizer's coefficients after it when they are not the defaults ({@code
     *         nesterov(momentum=0.5)}), {@code threads N} and {@code float32} at the end when they are not 1 and float64; the
     *         layers in brackets in place of sizes and activation when the settings give layers
     */
    public static String describe(RunSettings s) {
        String coefficients = s.coefficients().isEmpty() ? "" : s.coefficients().entrySet().stream()
                .map(c -> c.getKey() + "=" + c.getValue()).collect(java.util.stream.Collectors.joining(", ", "(", ")"));
        return (s.layers().isEmpty() ? s.sizesText() + " " + s.activation() : "[" + s.layers() + "]") + " eta " + s.eta() + " lambda "
                + s.lambda() + " " + s.optimizer() + coefficients + " batch " + s.miniBatch() + " seed " + s.seed() + " " + s.cost() + " "
                + s.init() + (s.threads() == 1 ? "" : " threads " + s.threads()) + (s.precision().equals("float64") ? "" : " " + s.precision());
    }
}
