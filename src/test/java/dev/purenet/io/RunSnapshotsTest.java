package dev.purenet.io;

import static dev.purenet.Seed.seed;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.purenet.Cost;
import dev.purenet.Network;
import dev.purenet.Init;
import dev.purenet.Activation;
import dev.purenet.data.Dataset;
import dev.purenet.data.Synthetic;
import dev.purenet.train.Epoch;
import dev.purenet.train.Experiment;
import dev.purenet.train.Monitor;
import dev.purenet.train.Sgd;
import io.vavr.collection.Vector;
import io.vavr.control.Option;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Snapshots of a training run and experiment.json: exact round trips and clear errors. */
class RunSnapshotsTest {
    @TempDir
    Path dir;
    private final Dataset data = Synthetic.rings(100, seed(1));
    private final Experiment experiment = Experiment.of(Network.of(2, 4, 3).activations(Activation.relu(), Activation.softmax()),
            Init.he(), -5, data).withCost(Cost.logLikelihood()).withEta(0.3).withMiniBatch(9).withL1(0.01).withL2(0.2)
            .withMomentum(0.8).withEpochs(3).withEarlyStopping(4);

    private Epoch trained() {
        return experiment.run(data, Monitor.of(data, data, Cost.logLikelihood()).measuring(true, true, true, true),
                Sgd.ProgressListener.NONE).last();
    }

    @Test
    void aRunsSnapshotRoundTripsExactly() throws IOException {
        Epoch epoch = trained();
        Path a = dir.resolve("a.json");
        Path b = dir.resolve("b.json");
        Snapshots.write(a, epoch, experiment);
        Snapshots.Recorded read = Snapshots.readEpoch(a);
        assertEquals(epoch, read.epoch());
        assertEquals(experiment, read.experiment());
        Snapshots.write(b, read.epoch(), read.experiment());
        assertArrayEquals(Files.readAllBytes(a), Files.readAllBytes(b));
        assertEquals(epoch.network(), Snapshots.read(a), "a run's snapshot is also a plain network file");
    }

    @Test
    void anEpochWithANonFiniteCostIsNotWritten() {
        Epoch diverged = trained().withMetrics(dev.purenet.train.Metrics.NONE.withTrainingCost(Double.NaN));
        Path file = dir.resolve("e.json");
        assertEquals("epoch 3 has a NaN or infinite cost (training diverged?); refusing to write it",
                assertThrows(IllegalArgumentException.class, () -> Snapshots.write(file, diverged, experiment)).getMessage());
        assertTrue(Files.notExists(file));
    }

    @Test
    void experimentFilesRoundTrip() throws IOException {
        Path file = dir.resolve("experiment.json");
        Experiments.write(file, experiment);
        assertEquals(experiment, Experiments.read(file));
        assertTrue(Files.readString(file).contains("\"halveAfter\" : null"));
    }

    @Test
    void aPlainNetworkFileIsNotARunSnapshot() {
        Path file = dir.resolve("net.json");
        Snapshots.write(file, trained().network());
        assertEquals(file + ": training: missing field",
                assertThrows(SnapshotException.class, () -> Snapshots.readEpoch(file)).getMessage());
    }

    @Test
    void anUnknownExperimentVersionNamesTheSupportedOne() throws IOException {
        Path file = dir.resolve("experiment.json");
        Experiments.write(file, experiment);
        Files.writeString(file, Files.readString(file).replace("\"version\" : 2", "\"version\" : 4"));
        assertEquals(file + ": version: unsupported version 4; this purenet reads versions 1 to 3",
                assertThrows(SnapshotException.class, () -> Experiments.read(file)).getMessage());
    }

    @Test
    void badExperimentValuesAreNamed() throws IOException {
        Path file = dir.resolve("experiment.json");
        Experiments.write(file, experiment);
        Files.writeString(file, Files.readString(file).replace("\"miniBatch\" : 9", "\"miniBatch\" : 0"));
        assertEquals(file + ": mini-batch size must be at least 1, got 0",
                assertThrows(SnapshotException.class, () -> Experiments.read(file)).getMessage());
        Files.writeString(file, Files.readString(file).replace("\"eta\" : 0.3", "\"eta\" : \"fast\""));
        assertEquals(file + ": eta: expected a finite number, got string \"fast\"",
                assertThrows(SnapshotException.class, () -> Experiments.read(file)).getMessage());
    }

    @Test
    void velocityOfTheWrongShapeIsRefused() throws IOException {
        Path file = dir.resolve("epoch.json");
        Snapshots.write(file, trained(), experiment);
        String json = Files.readString(file);
        int at = json.indexOf("\"optimizerState\"");
        String broken = json.substring(0, at) + json.substring(at).replaceFirst("\"biases\" : \\[ ([^,\\]]+), ", "\"biases\" : [ ");
        Files.writeString(file, broken);
        String message = assertThrows(SnapshotException.class, () -> Snapshots.readEpoch(file)).getMessage();
        assertEquals(file + ": training.optimizerState[0][0].biases: expected 4x1 like layer 1's biases, got 3x1", message);
    }
}
