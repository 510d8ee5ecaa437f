package dev.purenet.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.purenet.Cost;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Network2InteropTest {

    @Test
    void exportsReadsBackAndPredicts(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("network2.json");
        Network2Interop.Result result = Network2Interop.run("--data", ExampleData.MNIST, "--epochs", "1",
                "--train-size", "5000", "--digits", "20", "--out", out.toString(), "--tiny", ExampleData.NETWORK2_TINY);

        assertTrue(Files.readString(out).startsWith("{\"sizes\": [784, 30, 10], \"weights\": [[["), "network2.py's layout");
        assertEquals(result.trained(), result.exported().network());
        assertEquals(Cost.crossEntropy(), result.exported().cost());
        assertTrue(result.accuracy().accuracy() > 0.6, "test accuracy " + result.accuracy());

        assertEquals(20, result.predicted().length);
        int correct = 0;
        for (int i = 0; i < 20; i++) {
            correct += result.predicted()[i] == result.labels()[i] ? 1 : 0;
        }
        assertTrue(correct >= 12, correct + " of the first 20 test digits right");
    }

    /** The outputs numpy computes for this network and input (src/test/resources/golden/network2_tiny.py). */
    @Test
    void readsTheNetworkThatNetwork2PyWroteAndPredictsWhatNumpyPredicts(@TempDir Path dir) {
        Network2Interop.Result result = Network2Interop.run("--data", ExampleData.MNIST, "--epochs", "1",
                "--train-size", "100", "--digits", "1", "--out", dir.resolve("n.json").toString(),
                "--tiny", ExampleData.NETWORK2_TINY);

        assertEquals(java.util.List.of(3, 4, 2), result.tiny().network().sizes());
        assertEquals(Cost.crossEntropy(), result.tiny().cost());
        assertArrayEquals(new double[] {0.7522711827658541, 0.5728094663205698},
                result.tinyOutput().toColumnMajorArray(), 1e-15);
    }
}
