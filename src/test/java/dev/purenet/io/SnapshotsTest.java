package dev.purenet.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.purenet.Dense;
import dev.purenet.Fixtures;
import dev.purenet.Layer;
import dev.purenet.Network;
import dev.purenet.math.Matrix;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SnapshotsTest {
    @TempDir
    Path dir;

    @Test
    void roundTripsExactlyAndRewritesByteForByte() throws IOException {
        Network network = Fixtures.network(17, 5, 4, 3);
        Path a = dir.resolve("a.json");
        Path b = dir.resolve("b.json");
        Snapshots.write(a, network);
        Network read = Snapshots.read(a);
        assertEquals(network, read);
        Snapshots.write(b, read);
        assertArrayEquals(Files.readAllBytes(a), Files.readAllBytes(b));
    }

    @Test
    void writesRowsAndAFlatBiasList() throws IOException {
        Network network = new Network(io.vavr.collection.Vector.of(new Dense(
                Matrix.of(new double[][] {{0.1, -2}, {3e-17, 4}}), Matrix.column(0.5, -0.25), dev.purenet.Activation.sigmoid())));
        Path file = dir.resolve("n.json");
        Snapshots.write(file, network);
        String json = Files.readString(file).replaceAll("\\s+", "");
        assertEquals("{\"format\":\"purenet.network\",\"version\":2,\"sizes\":[2,2],\"layers\":[{\"kind\":\"dense\",\"activation\":\"sigmoid\","
                + "\"weights\":[[0.1,-2.0],[3.0E-17,4.0]],\"biases\":[0.5,-0.25]}]}", json);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "syntax|{\"format\": |not valid JSON: Unexpected end-of-input",
            "missing field|{\"format\":\"purenet.network\",\"version\":1,\"sizes\":[2,1]}|layers: missing field",
            "wrong type|{\"format\":\"purenet.network\",\"version\":\"1\",\"sizes\":[2,1],\"layers\":[]}|version: expected an integer, got string \"1\"",
            "unknown version|{\"format\":\"purenet.network\",\"version\":7,\"sizes\":[2,1],\"layers\":[]}|version: unsupported version 7; this purenet reads versions 1 to 3",
            "other format|{\"format\":\"keras\",\"version\":1}|format: expected \"purenet.network\", got \"keras\"",
            "ragged rows|{\"format\":\"purenet.network\",\"version\":1,\"sizes\":[2,2],\"layers\":[{\"activation\":\"sigmoid\",\"weights\":[[1,2],[3]],\"biases\":[0,0]}]}|layers[0].weights[1]: ragged rows: expected 2 numbers like row 0, got 1",
            "NaN as a string|{\"format\":\"purenet.network\",\"version\":1,\"sizes\":[2,2],\"layers\":[{\"activation\":\"sigmoid\",\"weights\":[[1,2],[3,\"NaN\"]],\"biases\":[0,0]}]}|layers[0].weights[1][1]: expected a number, got string \"NaN\" (NaN and Infinity are not allowed in a snapshot)",
            "unknown activation|{\"format\":\"purenet.network\",\"version\":1,\"sizes\":[1,1],\"layers\":[{\"activation\":\"swish\",\"weights\":[[1]],\"biases\":[0]}]}|layers[0].activation: unknown activation 'swish', known: [identity, relu, sigmoid, softmax, tanh] (register your own with Activation.registry().register(...))",
            "shapes that do not chain|{\"format\":\"purenet.network\",\"version\":1,\"sizes\":[1,1,1],\"layers\":[{\"activation\":\"sigmoid\",\"weights\":[[1]],\"biases\":[0]},{\"activation\":\"sigmoid\",\"weights\":[[1,2]],\"biases\":[0]}]}|layers: layer 2 (2 -> 1, sigmoid) takes 2 inputs but layer 1 has 1 outputs",
            "biases of the wrong length|{\"format\":\"purenet.network\",\"version\":1,\"sizes\":[1,1],\"layers\":[{\"activation\":\"sigmoid\",\"weights\":[[1]],\"biases\":[0,1]}]}|layers[0]: biases must be 1x1 to match weights 1x1, got 2x1",
            "sizes that disagree|{\"format\":\"purenet.network\",\"version\":1,\"sizes\":[1,2],\"layers\":[{\"activation\":\"sigmoid\",\"weights\":[[1]],\"biases\":[0]}]}|sizes: declares [1, 2] but the layers have sizes [1, 1]"})
    void badJsonNamesTheFileThePathAndTheProblem(String name, String json, String problem) throws IOException {
        Path file = Files.writeString(dir.resolve("bad.json"), json);
        String message = assertThrows(SnapshotException.class, () -> Snapshots.read(file)).getMessage();
        assertTrue(dev.purenet.Fixtures.withoutTestParts(message).startsWith(file + ": " + problem), message);
    }

    @Test
    void tryReadReturnsTheNetworkOrTheFailureAsAValue() {
        Network network = Fixtures.network(2, 3, 2);
        Path file = dir.resolve("n.json");
        Snapshots.write(file, network);
        assertEquals(network, Snapshots.tryRead(file).get());
        var missing = Snapshots.tryRead(dir.resolve("nope.json"));
        assertTrue(missing.isFailure());
        assertEquals(dir.resolve("nope.json") + ": no such file", missing.getCause().getMessage());
    }

    @Test
    void writtenFilesAreReadableByOthersLikeAnyNewFile() throws IOException {
        Path file = dir.resolve("n.json");
        Snapshots.write(file, Fixtures.network(1, 2, 2));
        var permissions = Files.getPosixFilePermissions(file);
        assertTrue(permissions.contains(java.nio.file.attribute.PosixFilePermission.OTHERS_READ), permissions.toString());
    }

    @Test
    void bareNaNAndEmptyFilesGetPlainMessages() throws IOException {
        Path nan = Files.writeString(dir.resolve("nan.json"), "{\"format\":\"purenet.network\",\"version\":1,\"x\":NaN}");
        assertEquals(nan + ": not valid JSON: 'NaN' is not a number in JSON, and every parameter must be a finite number"
                + " at line 1, column 48", assertThrows(SnapshotException.class, () -> Snapshots.read(nan)).getMessage());
        Path empty = Files.writeString(dir.resolve("empty.json"), "");
        assertEquals(empty + ": the file is empty; expected a JSON object",
                assertThrows(SnapshotException.class, () -> Snapshots.read(empty)).getMessage());
        Path truncated = Files.writeString(dir.resolve("t.json"), "{\"format\": [1, 2");
        String message = assertThrows(SnapshotException.class, () -> Snapshots.read(truncated)).getMessage();
        assertTrue(!message.contains("Source") && !message.contains("enable"), message);
    }

    @Test
    void aDivergedNetworkIsNotWritten() {
        Network good = Fixtures.network(1, 2, 2);
        Dense l = (Dense) good.layers().head();
        Network diverged = good.withLayer(0, l.withParameters(l.weights().map(x -> Double.NaN), l.biases()));
        Path file = dir.resolve("n.json");
        assertEquals("layer 1 has NaN or infinite parameters (training diverged?); refusing to write it",
                assertThrows(IllegalArgumentException.class, () -> Snapshots.write(file, diverged)).getMessage());
        assertEquals(false, Files.exists(file));
    }

    @Test
    void aFailedWriteKeepsTheGoodFileAndLeavesNoTemporaryFile() throws IOException {
        Path file = dir.resolve("net.json");
        Snapshots.write(file, Fixtures.network(1, 3, 2));
        byte[] good = Files.readAllBytes(file);
        assertThrows(IllegalStateException.class, () -> AtomicFiles.write(file, out -> {
            out.write("{\"half\": ".getBytes(StandardCharsets.UTF_8));
            throw new IllegalStateException("disk full, say");
        }));
        assertArrayEquals(good, Files.readAllBytes(file));
        try (var files = Files.list(dir)) {
            assertEquals(List.of(file), files.toList());
        }
    }
}
