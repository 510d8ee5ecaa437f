package dev.purenet.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.purenet.io.Snapshots;
import dev.purenet.train.Epoch;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QuickstartTest {

    @Test
    void trainsEvaluatesAndSavesANetworkThatReadsBackTheSame(@TempDir Path dir) {
        Path out = dir.resolve("net.json");
        Quickstart.Result result = Quickstart.run("--data", ExampleData.MNIST, "--epochs", "2", "--train-size", "10000",
                "--out", out.toString());

        assertEquals(io.vavr.collection.List.of(1, 2), result.epochs().map(Epoch::index).toList());
        Epoch last = result.epochs().last();
        assertTrue(last.accuracy() > 0.6, "far above chance (10%) after 2 epochs on 10,000 images: " + last.evaluation());
        assertEquals(out, result.saved());
        assertEquals(last.network(), Snapshots.read(out));
        assertEquals(last.evaluation(), result.reloaded());
    }
}
