package dev.purenet.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OwnPartsTest {

    @Test
    void userPartsTrainSaveAndResumeBitForBit(@TempDir Path dir) throws IOException {
        OwnParts.Result result = OwnParts.run("--data", ExampleData.MNIST, "--epochs", "4", "--train-size", "5000",
                "--out", dir.toString());

        assertTrue(result.final_().accuracy() > 0.8, "test accuracy " + result.final_());
        String json = Files.readString(result.snapshot());
        assertTrue(json.contains("\"swish\""), "the activation is named");
        assertTrue(json.contains("\"clipped-rate\"") && json.contains("\"limit\" : 0.05"), "the rule is named with its parameter");
        assertEquals(result.epochs().drop(2), result.resumed(), "resumed epochs equal the uninterrupted ones");
    }
}
