package dev.purenet.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.purenet.io.Experiments;
import dev.purenet.io.Snapshots;
import dev.purenet.train.Epoch;
import io.vavr.collection.Stream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReplayAndResumeTest {

    @Test
    void replayAndResumeReproduceTheUninterruptedRun(@TempDir Path dir) {
        ReplayAndResume.Result result = ReplayAndResume.run("--data", ExampleData.MNIST, "--epochs", "4",
                "--train-size", "2000", "--resume-from", "2", "--dir", dir.toString());
        Stream<Epoch> original = result.original();

        assertEquals(io.vavr.collection.List.of(0, 1, 2, 3, 4), original.map(Epoch::index).toList());
        assertTrue(original.last().accuracy() > 0.5, "trained: " + original.last().evaluation());
        assertEquals(original, result.replayed());
        assertEquals(original.drop(2), result.resumed());

        assertEquals(original.get(0).network(), Experiments.read(dir.resolve("experiment.json")).initialNetwork());
        for (Epoch e : original) {
            Path file = ReplayAndResume.snapshot(dir, e.index());
            assertTrue(Files.isRegularFile(file), file + " written");
            assertEquals(e, Snapshots.readEpoch(file).epoch());
        }
    }
}
