package dev.purenet.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.purenet.Network;
import dev.purenet.Seed;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * JSON past the parser's limits (review M3: a NullPointerException, because Jackson's
 * StreamConstraintsException has no location), content after the network (L4: ignored), and a
 * file of zeros too big for one array (M2: read whole before parsing, an OutOfMemoryError).
 */
class JsonLimitsTest {
    @TempDir
    Path dir;

    private SnapshotException refused(String name, String content) throws IOException {
        Path file = Files.writeString(dir.resolve(name), content);
        return assertThrows(SnapshotException.class, () -> Snapshots.read(file));
    }

    @Test
    void nestingTooDeepIsNamed() throws IOException {
        SnapshotException e = refused("deep.json", "{\"a\":".repeat(2000) + "1" + "}".repeat(2000));
        assertTrue(e.getMessage().startsWith(dir.resolve("deep.json") + ": not read: Document nesting depth (1001) exceeds"
                + " the maximum allowed"), e.getMessage());
        assertTrue(e.getMessage().endsWith("; purenet reads JSON nested at most 1000 deep, numbers of at most 1000 characters"
                + " and strings of at most 20000000 characters"), e.getMessage());
    }

    @Test
    void aNumberTooLongIsNamed() throws IOException {
        SnapshotException e = refused("long.json", "{\"version\": 1" + "0".repeat(2000) + "}");
        assertTrue(e.getMessage().startsWith(dir.resolve("long.json") + ": not read: Number value length"), e.getMessage());
    }

    @Test
    void aStringTooLongIsNamed() throws IOException {
        SnapshotException e = refused("string.json", "{\"format\": \"" + "x".repeat(20_000_001) + "\"}");
        assertTrue(e.getMessage().startsWith(dir.resolve("string.json") + ": not read: String value length"), e.getMessage());
    }

    @Test
    void contentAfterTheNetworkIsRefused() throws IOException {
        Network network = Network.of(2, 3, 2).sigmoid().gaussian(Seed.seed(1));
        Path one = dir.resolve("one.json");
        Snapshots.write(one, network);
        String json = Files.readString(one);
        SnapshotException e = refused("garbage.json", json + " trailing garbage }{");
        assertTrue(e.getMessage().startsWith(dir.resolve("garbage.json") + ": not valid JSON: Unrecognized token 'trailing'"),
                e.getMessage());
        e = refused("two.json", json + json);
        assertTrue(e.getMessage().startsWith(dir.resolve("two.json") + ": not valid JSON: Trailing token"), e.getMessage());
        assertEquals(network, Snapshots.read(one));
    }

    @Test
    void aHugeFileOfZerosFailsAtItsFirstByte() throws IOException {
        Path zeros = dir.resolve("zeros.json");
        try (RandomAccessFile f = new RandomAccessFile(zeros.toFile(), "rw")) {
            f.setLength(3L << 30); // sparse: 3 GB that take no disk space
        }
        SnapshotException e = assertThrows(SnapshotException.class, () -> Snapshots.read(zeros));
        assertTrue(e.getMessage().startsWith(zeros + ": not valid JSON: "), e.getMessage());
    }
}
