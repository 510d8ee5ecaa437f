package dev.purenet.spark;

import dev.purenet.data.Dataset;
import dev.purenet.data.Mnist;
import dev.purenet.io.Experiments;
import dev.purenet.io.Snapshots;
import dev.purenet.train.DivergenceException;
import dev.purenet.train.Epoch;
import dev.purenet.train.Experiment;
import dev.purenet.train.Metrics;
import dev.purenet.train.Monitor;
import io.vavr.collection.Stream;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.TaskContext;

/**
 * One run as a Spark task: the experiment as JSON (purenet's values are not {@code Serializable},
 * so numbers and strings cross the wire), where the data is and what to measure. {@link #train}
 * runs the experiment's epoch stream as {@code purenet train} does.
 *
 * @param runId            the run's id
 * @param settings         its hyperparameters, carried into the result
 * @param experimentJson   the experiment in purenet's JSON format
 * @param data             where the data is; loaded once per executor JVM
 * @param evaluation       {@code validation} or {@code test}: the data accuracy is measured on
 * @param measure          which of train-cost, train-acc, eval-cost to measure besides eval-acc
 * @param failingAttempts  fault injection for tests: attempts numbered below this throw (0 for none)
 */
record RunTask(String runId, RunSettings settings, String experimentJson, TrainingData data, String evaluation,
               List<String> measure, int failingAttempts) implements Serializable {
    private static final long serialVersionUID = 1L;

    RunResult train() {
        long started = System.nanoTime();
        int attempt = TaskContext.get() == null ? 0 : TaskContext.get().attemptNumber();
        if (attempt < failingAttempts) {
            throw new IllegalStateException("run " + runId + ": failing attempt " + attempt + " on purpose (fault injection)");
        }
        Mnist mnist = data.load();
        Experiment experiment = Experiments.fromJson(experimentJson);
        Dataset evaluated = evaluation.equals("test") ? mnist.test() : mnist.validation();
        // The monitor of purenet train: the reported costs include the regularisation terms.
        Monitor monitor = Monitor.of(mnist.training(), evaluated, experiment.sgd().cost())
                .withL2(experiment.l2()).withL1(experiment.l1())
                .measuring(measure.contains("train-cost"), measure.contains("train-acc"), measure.contains("eval-cost"), true);
        long[] monitorNanos = {0};
        Stream<Epoch> rest = experiment.run(mnist.training(), e -> {
            long t0 = System.nanoTime();
            Epoch measured = monitor.apply(e);
            monitorNanos[0] += System.nanoTime() - t0;
            return measured;
        });
        List<EpochRecord> epochs = new ArrayList<>();
        Epoch best = null;
        Epoch last = rest.head();
        String status = RunResult.FINISHED;
        while (true) {
            monitorNanos[0] = 0;
            long t0 = System.nanoTime();
            try {
                rest = rest.tail(); // lazy: this trains and measures the next epoch
            } catch (DivergenceException e) {
                status = RunResult.DIVERGED;
                break;
            }
            if (rest.isEmpty()) {
                break;
            }
            Epoch e = rest.head();
            double seconds = (System.nanoTime() - t0 - monitorNanos[0]) / 1e9;
            epochs.add(record(e, seconds));
            if (e.metrics().diverged() || !e.network().layers().forAll(l -> l.parameters().forAll(p -> p.isFinite()))) {
                status = RunResult.DIVERGED;
                break;
            }
            if (best == null || e.metrics().evaluationAccuracy().get().correct() > best.metrics().evaluationAccuracy().get().correct()) {
                best = e;
            }
            last = e;
        }
        boolean finished = status.equals(RunResult.FINISHED);
        String bestJson = best == null ? null : Snapshots.toJson(best.network());
        String finalJson = finished ? Snapshots.toJson(last.network()) : null;
        return new RunResult(runId, settings, status, attempt, epochs, best == null ? 0 : best.index(), bestJson, finalJson,
                (System.nanoTime() - started) / 1e9);
    }

    private static EpochRecord record(Epoch e, double seconds) {
        Metrics m = e.metrics();
        var accuracy = m.evaluationAccuracy().get();
        return new EpochRecord(e.index(), e.eta(), accuracy.correct(), accuracy.total(), m.evaluationCost().orElse(null),
                m.trainingAccuracy().map(a -> a.accuracy()).orElse(null), m.trainingCost().orElse(null), seconds);
    }
}
