package dev.purenet.train;

import static dev.purenet.Seed.seed;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.purenet.Cost;
import dev.purenet.data.Dataset;
import dev.purenet.data.Synthetic;
import dev.purenet.io.Snapshots;
import io.vavr.collection.List;
import io.vavr.collection.Vector;
import io.vavr.control.Option;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An experiment fully determines its run: replay is bit-for-bit, and resuming from a snapshot changes nothing. */
class ExperimentTest {
    @TempDir
    Path dir;
    private final Dataset training = Synthetic.rings(300, seed(1));
    private final Dataset validation = Synthetic.rings(100, seed(2));
    private final Monitor monitor = Monitor.of(training, validation, Cost.crossEntropy()).measuring(true, false, false, true);

    private Experiment experiment(double momentum) {
        return new Experiment(Vector.of(2, 5, 3), "tanh", "sigmoid", "xavier", 7, "cross-entropy", 0.5, 7, 0.1, 0.0,
                momentum, 8, Option.none(), Option.none(), training.fingerprint());
    }

    @Test
    void replayIsBitForBitAtEveryEpoch() {
        Experiment e = experiment(0.5);
        List<Epoch> first = e.run(training, monitor, Sgd.ProgressListener.NONE).toList();
        List<Epoch> again = e.run(training, monitor, Sgd.ProgressListener.NONE).toList();
        assertEquals(9, first.size(), "epoch 0 and 8 trained epochs");
        assertEquals(first, again);
        assertEquals(e.initialNetwork(), first.head().network());
    }

    @Test
    void resumingFromASnapshotGivesTheSameLaterEpochs() {
        Experiment e = experiment(0.9); // momentum: the velocity must survive the snapshot too
        List<Epoch> uninterrupted = e.run(training, monitor, Sgd.ProgressListener.NONE).toList();
        Path file = dir.resolve("epoch-3.json");
        Snapshots.write(file, uninterrupted.get(3), e);
        Snapshots.Recorded recorded = Snapshots.readEpoch(file);
        assertEquals(e, recorded.experiment());
        assertEquals(uninterrupted.get(3), recorded.epoch());
        List<Epoch> resumed = recorded.experiment().resume(recorded.epoch(), training, monitor, Sgd.ProgressListener.NONE).toList();
        assertEquals(uninterrupted.drop(3), resumed);
    }

    @Test
    void theDataMustBeTheRecordedData() {
        Experiment e = experiment(0);
        Dataset other = Synthetic.rings(300, seed(9));
        var error = assertThrows(IllegalArgumentException.class, () -> e.run(other, monitor, Sgd.ProgressListener.NONE));
        assertTrue(error.getMessage().startsWith("the training data's SHA-256 is " + other.fingerprint()
                + " but the experiment was recorded with " + training.fingerprint()), error.getMessage());
    }

    @Test
    void earlyStoppingAndEpochLimitEndTheRun() {
        Experiment limited = new Experiment(Vector.of(2, 5, 3), "sigmoid", "sigmoid", "scaled", 7, "quadratic", 0.01, 10,
                0, 0, 0, 30, Option.some(2), Option.none(), training.fingerprint());
        List<Epoch> run = limited.run(training, monitor, Sgd.ProgressListener.NONE).toList();
        assertTrue(run.size() < 31, "stopped early at epoch " + run.last().index());
        int n = run.size();
        // The last two epochs did not beat the best before them.
        double bestBefore = run.take(n - 2).tail().map(Epoch::accuracy).max().get();
        assertTrue(run.get(n - 1).accuracy() <= bestBefore && run.get(n - 2).accuracy() <= bestBefore);
    }

    @Test
    void theFluentFormBuildsTheSameExperiment() {
        Experiment fluent = Experiment.of(dev.purenet.Network.of(2, 5, 3).activations(dev.purenet.Activation.tanh(),
                        dev.purenet.Activation.sigmoid()), dev.purenet.Init.xavier(), 7, training)
                .withCost(Cost.crossEntropy()).withEta(0.5).withMiniBatch(7).withL2(0.1).withMomentum(0.5).withEpochs(8);
        assertEquals(experiment(0.5), fluent);
        assertEquals(Option.some(3), fluent.withEarlyStopping(3).earlyStopping());
        assertEquals(Option.some(2), fluent.withHalving(2).halveAfter());
        assertEquals(0.01, fluent.withL1(0.01).l1());
        assertEquals(fluent.run(training, monitor).toList(), fluent.run(training, monitor, Sgd.ProgressListener.NONE).toList());
        var mixed = dev.purenet.Network.input(2).dense(3, dev.purenet.Activation.tanh()).dense(3, dev.purenet.Activation.relu())
                .dense(3, dev.purenet.Activation.sigmoid());
        assertEquals("an experiment records one activation for all hidden layers, got tanh, relu",
                assertThrows(IllegalArgumentException.class, () -> Experiment.of(mixed, dev.purenet.Init.he(), 1, training))
                        .getMessage());
    }

    @Test
    void penaltiesAndMomentumAreCheckedAtConstruction() {
        Experiment e = experiment(0);
        assertEquals("l2 strength lambda must be a finite number >= 0, got -1.0",
                assertThrows(IllegalArgumentException.class, () -> e.withL2(-1)).getMessage());
        assertEquals("l1 strength lambda must be a finite number >= 0, got NaN",
                assertThrows(IllegalArgumentException.class, () -> e.withL1(Double.NaN)).getMessage());
        assertEquals("momentum coefficient mu must be in [0, 1), got 1.0",
                assertThrows(IllegalArgumentException.class, () -> e.withMomentum(1)).getMessage());
    }

    @Test
    void badSettingsFailAtConstruction() {
        assertEquals("unknown activation 'swish', expected one of [sigmoid, tanh, relu, identity, softmax]",
                assertThrows(IllegalArgumentException.class, () -> new Experiment(Vector.of(2, 3), "swish", "sigmoid",
                        "scaled", 1, "quadratic", 1, 10, 0, 0, 0, 1, Option.none(), Option.none(), training.fingerprint()))
                        .getMessage());
        assertEquals("epochs must be at least 1, got 0", assertThrows(IllegalArgumentException.class, () -> new Experiment(
                Vector.of(2, 3), "sigmoid", "sigmoid", "scaled", 1, "quadratic", 1, 10, 0, 0, 0, 0, Option.none(),
                Option.none(), training.fingerprint())).getMessage());
    }
}
