package dev.purenet.train;

import static dev.purenet.Seed.seed;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.purenet.Activation;
import dev.purenet.Architecture;
import dev.purenet.Cost;
import dev.purenet.Init;
import dev.purenet.Network;
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
        UpdateRule rule = UpdateRule.l2(0.1).then(UpdateRule.learningRate());
        return new Experiment(new Architecture(Vector.of(2, 5, 3), Vector.of(Activation.tanh(), Activation.sigmoid())),
                Init.xavier(), 7, Cost.crossEntropy(), 0.5, 7, momentum > 0 ? rule.then(UpdateRule.momentum(momentum)) : rule,
                8, java.util.Optional.empty(), java.util.Optional.empty(), training.fingerprint());
    }

    @Test
    void changingThePrecisionOrTheArchitectureKeepsEveryOtherSetting() {
        Experiment e = experiment(0.5).withThreads(3);
        Experiment float32 = e.withPrecision(dev.purenet.Precision.FLOAT32);
        assertEquals(3, float32.threads(), "threads survive a change of precision");
        assertEquals(e, float32.withPrecision(dev.purenet.Precision.FLOAT64));
        Architecture wider = Network.of(2, 9, 3);
        Experiment other = e.withArchitecture(wider);
        assertEquals(wider, other.architecture());
        assertEquals(e, other.withArchitecture(e.architecture()));
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
        Experiment limited = Experiment.of(Network.of(2, 5, 3), Init.scaled(), 7, training).withEta(0.01).withEpochs(30)
                .withEarlyStopping(2);
        List<Epoch> run = limited.run(training, monitor, Sgd.ProgressListener.NONE).toList();
        assertTrue(run.size() < 31, "stopped early at epoch " + run.last().index());
        int n = run.size();
        // The last two epochs did not beat the best before them.
        double bestBefore = run.take(n - 2).tail().map(Epoch::accuracy).max().get();
        assertTrue(run.get(n - 1).accuracy() <= bestBefore && run.get(n - 2).accuracy() <= bestBefore);
    }

    @Test
    void theFluentFormBuildsTheSameExperiment() {
        Experiment fluent = Experiment.of(Network.of(2, 5, 3).activations(Activation.tanh(),
                        Activation.sigmoid()), Init.xavier(), 7, training)
                .withCost(Cost.crossEntropy()).withEta(0.5).withMiniBatch(7).withL2(0.1).withMomentum(0.5).withEpochs(8);
        assertEquals(experiment(0.5), fluent);
        assertEquals(java.util.Optional.of(3), fluent.withEarlyStopping(3).earlyStopping());
        assertEquals(java.util.Optional.of(2), fluent.withHalving(2).halveAfter());
        assertEquals(0.01, fluent.withL1(0.01).l1());
        assertEquals(fluent.run(training, monitor).toList(), fluent.run(training, monitor, Sgd.ProgressListener.NONE).toList());
    }

    @Test
    void everyLayerKeepsItsOwnActivationAndAdamItsMomentsThroughASnapshot() {
        var mixed = Network.input(2).dense(5, Activation.tanh()).dense(4, Activation.relu()).dense(3, Activation.softmax());
        Experiment e = Experiment.of(mixed, Init.he(), 3, training).withCost(Cost.logLikelihood()).withEta(0.01)
                .withRule(UpdateRule.l2(0.5).then(UpdateRule.adam(0.8, 0.99, 1e-7))).withEpochs(4);
        List<Epoch> uninterrupted = e.run(training, monitor, Sgd.ProgressListener.NONE).toList();
        assertEquals(mixed.activations(), uninterrupted.last().network().layers().map(dev.purenet.Layer::activation));
        Path file = dir.resolve("epoch-2.json");
        Snapshots.write(file, uninterrupted.get(2), e);
        Snapshots.Recorded recorded = Snapshots.readEpoch(file);
        assertEquals(e, recorded.experiment());
        assertEquals(uninterrupted.get(2), recorded.epoch());
        assertEquals(2 * 30, recorded.epoch().steps(), "two epochs of 30 mini-batches");
        assertEquals(uninterrupted.drop(2), recorded.experiment().resume(recorded.epoch(), training, monitor).toList());
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
        Experiment e = experiment(0);
        assertEquals("epochs must be at least 1, got 0",
                assertThrows(IllegalArgumentException.class, () -> e.withEpochs(0)).getMessage());
        assertEquals("mini-batch size must be at least 1, got 0",
                assertThrows(IllegalArgumentException.class, () -> e.withMiniBatch(0)).getMessage());
    }
}
