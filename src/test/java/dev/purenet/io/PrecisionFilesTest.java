package dev.purenet.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.purenet.Fixtures;
import dev.purenet.Init;
import dev.purenet.Network;
import dev.purenet.Precision;
import dev.purenet.data.Dataset;
import dev.purenet.data.Synthetic;
import dev.purenet.train.Experiment;
import org.junit.jupiter.api.Test;

/** Files record a float32 network's precision; float64 files are written as before, and files without the field are float64. */
class PrecisionFilesTest {
    private final Network float32 = Fixtures.network(3, 4, 5, 2).withPrecision(Precision.FLOAT32);
    private final Dataset data = Synthetic.rings(20, dev.purenet.Seed.seed(1));
    private final Experiment experiment = Experiment.of(Network.of(2, 3, 3), Init.scaled(), 1, data).withEpochs(2)
            .withPrecision(Precision.FLOAT32);

    @Test
    void aFloat32NetworkReadsBackAsTheSameFloat32Network() {
        String json = Snapshots.toJson(float32);
        assertTrue(json.contains("\"sizes\" : [ 4, 5, 2 ],\n  \"precision\" : \"float32\",\n  \"layers\""), json);
        assertEquals(float32, Snapshots.fromJson(json));
        assertEquals(Precision.FLOAT32, Snapshots.fromJson(json).precision());
    }

    @Test
    void float64FilesHaveNoPrecisionAndAFileWithoutItIsFloat64() {
        Network float64 = float32.withPrecision(Precision.FLOAT64);
        String json = Snapshots.toJson(float64);
        assertFalse(json.contains("precision"), json);
        assertEquals(json, Snapshots.toJson(float32).replace("  \"precision\" : \"float32\",\n", ""));
        assertEquals(float64, Snapshots.fromJson(json));
    }

    @Test
    void anUnknownPrecisionIsRefusedWithTheKnownOnes() {
        String json = Snapshots.toJson(float32).replace("\"float32\"", "\"float16\"");
        var error = assertThrows(SnapshotException.class, () -> Snapshots.fromJson(json));
        assertEquals("<string>: precision: unknown precision 'float16', known: [float64, float32]", error.getMessage());
    }

    @Test
    void anExperimentRecordsItsPrecision() {
        String json = Experiments.toJson(experiment);
        assertTrue(json.contains("\"precision\" : \"float32\""), json);
        assertEquals(experiment, Experiments.fromJson(json));
        Experiment float64 = experiment.withPrecision(Precision.FLOAT64);
        assertFalse(Experiments.toJson(float64).contains("precision"));
        assertEquals(Precision.FLOAT64, Experiments.fromJson(Experiments.toJson(float64)).precision());
    }

    @Test
    void aSnapshotWhoseNetworkAndExperimentDisagreeIsRefused() {
        String json = Snapshots.toJson(experiment.start(), experiment).replaceFirst("\"precision\" : \"float32\",\n", "");
        var error = assertThrows(SnapshotException.class, () -> Snapshots.epochFromJson(json));
        assertEquals("<string>: training.experiment.precision: the experiment computes in float32 but the network is float64",
                error.getMessage());
    }
}
