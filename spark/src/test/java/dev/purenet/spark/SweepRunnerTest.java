package dev.purenet.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.purenet.Architecture;
import dev.purenet.data.Mnist;
import dev.purenet.io.Snapshots;
import dev.purenet.train.Epoch;
import dev.purenet.train.Experiment;
import dev.purenet.train.Monitor;
import java.lang.ref.WeakReference;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs of a small sweep in Spark against the same runs on the path {@code purenet train} takes. */
class SweepRunnerTest {
    static final TrainingData DATA = TrainingData.mnist(SharedSpark.MNIST).firstTraining(2000);
    static final int EPOCHS = 2;
    /** Two threads per run and both precisions, so that the experiment carries every setting that changes the bits. */
    static final Sweep SWEEP = Sweep.grid(RunSettings.defaults().withThreads(2), "eta=0.5,3.0;precision=float64,float32");

    @TempDir
    Path dir;

    /** The final and best networks of {@code purenet train}'s path: the experiment's stream, Snapshots.write. */
    private List<byte[]> trainedAlone(RunSettings settings) throws Exception {
        return trainedAlone(settings, DATA, EPOCHS);
    }

    private List<byte[]> trainedAlone(RunSettings settings, TrainingData data, int epochs) throws Exception {
        Mnist mnist = data.load();
        Experiment experiment = settings.experiment(epochs, Optional.empty(), mnist.training());
        Monitor monitor = Monitor.of(mnist.training(), mnist.validation(), experiment.sgd().cost());
        List<Epoch> trained = experiment.run(mnist.training(), monitor).drop(1).toJavaList();
        Epoch best = trained.get(0);
        for (Epoch e : trained) {
            if (e.metrics().evaluationAccuracy().get().correct() > best.metrics().evaluationAccuracy().get().correct()) {
                best = e;
            }
        }
        Path last = dir.resolve("final-" + settings.eta() + "-" + settings.precision() + "-" + settings.seed() + ".json");
        Path bestFile = dir.resolve("best-" + settings.eta() + "-" + settings.precision() + "-" + settings.seed() + ".json");
        Snapshots.write(last, trained.get(trained.size() - 1).network());
        Snapshots.write(bestFile, best.network());
        return List.of(Files.readAllBytes(last), Files.readAllBytes(bestFile));
    }

    @Test
    void everyRunEndsOnTheBytesOfASingleRun() throws Exception {
        SweepResult result = new SweepRunner(SharedSpark.session(), DATA, EPOCHS).run(SWEEP);
        List<Row> runs = result.runs().collectAsList();
        assertEquals(4, runs.size());
        for (Row run : runs) {
            RunSettings settings = SWEEP.runs().stream()
                    .filter(s -> s.eta() == run.<Double>getAs("eta") && s.precision().equals(run.getAs("precision")))
                    .findFirst().orElseThrow();
            List<byte[]> alone = trainedAlone(settings);
            String what = "run " + run.getAs("run_id") + " (" + SweepRunner.describe(settings) + ")";
            assertArrayEquals(alone.get(0), run.<String>getAs("final_network").getBytes(StandardCharsets.UTF_8), what);
            assertArrayEquals(alone.get(1), run.<String>getAs("best_network").getBytes(StandardCharsets.UTF_8), what);
            assertEquals(RunResult.FINISHED, run.getAs("status"));
        }
        assertEquals(4 * EPOCHS, result.epochs().count());
        // The runs differ from each other: equal bytes above are not equal by accident.
        assertEquals(4, runs.stream().map(r -> r.<String>getAs("final_network")).distinct().count());
    }

    /** network3.py's kind of run: conv-pool layers given by --layers, on the expanded images. */
    @Test
    void aConvNetworkOnExpandedDataEndsOnTheBytesOfASingleRun() throws Exception {
        String layers = "conv 2x5x5 relu, pool 2, dense 20 relu dropout 0.5, softmax 10";
        TrainingData expanded = TrainingData.mnist(SharedSpark.MNIST).firstTraining(200).expanded();
        Sweep seeds = Sweep.grid(RunSettings.defaults().withLayers(layers).withCost("log-likelihood").withEta(0.1).withInit("scaled"),
                "seed=1,2");
        SweepRunner runner = new SweepRunner(SharedSpark.session(), expanded, 1);
        List<SweepRunner.PlannedRun> plan = runner.plan(seeds);
        Experiment first = plan.get(0).experiment();
        assertEquals(Architecture.layers(layers, 1, 28, 28), first.architecture(), "the layers over MNIST's 28x28 images");
        assertEquals(expanded.load().training().fingerprint(), first.dataFingerprint(), "trained on the 1000 expanded images");
        assertEquals(1000, expanded.load().training().size());
        List<RunResult> results = new ArrayList<>();
        List<RunResult> returned = runner.train(plan, results::add);
        List<String> order = plan.stream().map(SweepRunner.PlannedRun::runId).toList();
        results.sort(Comparator.comparingInt(r -> order.indexOf(r.runId())));
        assertEquals(results.stream().map(RunResult::withoutNetworks).toList(), returned, "the same results, in the plan's order");
        assertNull(returned.get(0).finalNetwork(), "only the consumer sees the networks: the runner keeps none");
        for (int k = 0; k < 2; k++) {
            List<byte[]> alone = trainedAlone(seeds.runs().get(k), expanded, 1);
            assertArrayEquals(alone.get(0), results.get(k).finalNetwork().getBytes(StandardCharsets.UTF_8), "seed " + (k + 1));
        }
        assertNotEquals(results.get(0).finalNetwork(), results.get(1).finalNetwork());
    }

    /** A sweep of large networks must not pile their JSON up on the driver: a result handed over is the caller's alone. */
    @Test
    void theRunnerKeepsNoNetworksItHasHandedOver() {
        SweepRunner runner = new SweepRunner(SharedSpark.session(), DATA, 1);
        List<SweepRunner.PlannedRun> plan = runner.plan(Sweep.grid(RunSettings.defaults(), "seed=5,6"));
        List<WeakReference<String>> handed = new ArrayList<>();
        List<Boolean> earlierCollected = new ArrayList<>();
        runner.train(plan, result -> {
            if (!handed.isEmpty()) {
                System.gc();
                earlierCollected.add(handed.get(0).get() == null);
            }
            handed.add(new WeakReference<>(result.finalNetwork()));
        });
        assertEquals(List.of(true), earlierCollected, "the first run's network was collected while the second was handed over");
    }

    @Test
    void aTaskThatFailsIsRetriedAndGivesTheSameRun() {
        SweepRunner runner = new SweepRunner(SharedSpark.session(), DATA, 1);
        Sweep two = Sweep.grid(RunSettings.defaults(), "seed=3,4");
        List<SweepRunner.PlannedRun> plan = runner.plan(two);
        String failing = plan.get(0).runId();
        Map<String, RunResult> clean = new HashMap<>();
        runner.train(plan, r -> clean.put(r.runId(), r));
        Map<String, RunResult> retried = new HashMap<>();
        runner.failing(Set.of(failing), 1).train(plan, r -> retried.put(r.runId(), r));
        assertEquals(1, retried.get(failing).attempt(), "the failing run's result comes from its second attempt");
        assertEquals(0, clean.get(failing).attempt());
        for (String id : clean.keySet()) {
            assertEquals(clean.get(id).finalNetwork(), retried.get(id).finalNetwork(), "run " + id);
            assertEquals(clean.get(id).epochs().get(0).evaluationCorrect(), retried.get(id).epochs().get(0).evaluationCorrect());
        }
        assertNotEquals(clean.get(plan.get(0).runId()).finalNetwork(), clean.get(plan.get(1).runId()).finalNetwork());
    }

}
