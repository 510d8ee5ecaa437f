package dev.purenet.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.purenet.data.Mnist;
import java.io.BufferedWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What needs a process of its own: a small heap, to run out of memory without harming the test
 * JVM (review M2: a stack trace of 20-40 frames), and a process's own standard output as --out
 * (H2: /dev/stdout was replaced by a regular file as root, refused without a reason otherwise).
 */
class ChildProcessTest {
    @TempDir
    Path dir;

    /** A valid 4-N-2 network in purenet's format, written as text: about 4 bytes per parameter. */
    private static void network(Path file, int hidden) throws IOException {
        try (BufferedWriter w = Files.newBufferedWriter(file)) {
            w.write("{\"format\":\"purenet.network\",\"version\":1,\"sizes\":[4," + hidden + ",2],\"layers\":[");
            w.write("{\"activation\":\"sigmoid\",\"weights\":[");
            for (int i = 0; i < hidden; i++) {
                w.write(i == 0 ? "[0.5,0.5,0.5,0.5]" : ",[0.5,0.5,0.5,0.5]");
            }
            w.write("],\"biases\":[");
            for (int i = 0; i < hidden; i++) {
                w.write(i == 0 ? "0" : ",0");
            }
            w.write("]},{\"activation\":\"sigmoid\",\"weights\":[");
            for (int row = 0; row < 2; row++) {
                w.write(row == 0 ? "[" : ",[");
                for (int i = 0; i < hidden; i++) {
                    w.write(i == 0 ? "1" : ",1");
                }
                w.write("]");
            }
            w.write("],\"biases\":[0,0]}]}");
        }
    }

    @Test
    void runningOutOfMemoryReadingANetworkIsOneLine() throws Exception {
        Path data = CliHarness.tinyMnist(dir);
        Path big = dir.resolve("big.json");
        network(big, 300_000);
        ChildJvm.Result r = ChildJvm.run(dir, "evaluate", "-Xmx32m", "evaluate", "--network", big.toString(), "--data",
                data.toString());
        assertEquals(1, r.code(), r.err());
        assertTrue(r.err().startsWith("purenet: out of memory while reading the network in " + big + " ("), r.err());
        assertTrue(r.err().matches("[^\n]*; raise the limit with PURENET_JAVA_OPTS=-Xmx\\d+m \\(or more\\)\n"), r.err());
    }

    @Test
    void runningOutOfMemoryReadingDataNamesTheFileAndTheSize() throws Exception {
        Path data = CliHarness.tinyMnist(dir);
        // A header that promises 500,000 28x28 images (373 MB), and all of them: zeros, which
        // compress to a few hundred KB. (A header alone, over a few bytes, is refused as truncated
        // without allocating what it promises: IdxLimitsTest.)
        Files.delete(data.resolve(Mnist.TRAIN_IMAGES));
        Path gz = data.resolve(Mnist.TRAIN_IMAGES + ".gz");
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        try (OutputStream out = new GZIPOutputStream(buffer)) {
            out.write(ByteBuffer.allocate(16).putInt(0x803).putInt(500_000).putInt(28).putInt(28).array());
            byte[] zeros = new byte[1 << 20];
            for (long written = 0; written < 500_000L * 28 * 28; written += zeros.length) {
                out.write(zeros, 0, (int) Math.min(zeros.length, 500_000L * 28 * 28 - written));
            }
        }
        Files.write(gz, buffer.toByteArray());
        ChildJvm.Result r = ChildJvm.run(dir, "train", "-Xmx64m", "train", "--data", data.toString());
        assertEquals(1, r.code(), r.err());
        assertTrue(r.err().startsWith("purenet: out of memory while reading " + gz + ", whose header (500000x28x28) promises"
                + " 373 MB of images: the JVM may use at most "), r.err());
        assertEquals(1, r.err().lines().count(), r.err());
    }

    @Test
    void aNetworkTooLargeToWriteWithOutIsRefusedBeforeTraining() throws Exception {
        Path data = CliHarness.tinyMnist(dir);
        // 652,810 parameters: three epochs' networks and the workspace fit in 64 MB (37 MB by the estimate), but not with
        // the JSON of --out's file too (about 64 bytes a number, 42 MB more).
        ChildJvm.Result passed = ChildJvm.run(dir, "train", "-Xmx64m", "train", "--data", data.toString(), "--sizes", "4,800,800,10",
                "--epochs", "1");
        assertEquals(0, passed.code(), passed.err());
        assertTrue(passed.out().contains("Epoch 1: "), passed.out());
        ChildJvm.Result refused = ChildJvm.run(dir, "train", "-Xmx64m", "train", "--data", data.toString(), "--sizes", "4,800,800,10",
                "--epochs", "1", "--out", dir.resolve("net.json").toString());
        assertEquals(1, refused.code(), refused.out());
        assertTrue(refused.err().startsWith("purenet: training 4-800-800-10 with mini-batches of 10 for 1 epoch needs about "),
                refused.err());
        assertTrue(!refused.out().contains("Training 4-800-800-10"), refused.out());
        assertTrue(!Files.exists(dir.resolve("net.json")));
    }

    @Test
    void outOntoTheProcessesOwnStdoutWritesThereAndKeepsTheLink() throws Exception {
        Path data = CliHarness.tinyMnist(dir);
        Path stdout = Files.createSymbolicLink(dir.resolve("stdout"), Path.of("/proc/self/fd/1"));
        ChildJvm.Result r = ChildJvm.run(dir, "train", null, "train", "--data", data.toString(), "--sizes", "4,3,10",
                "--epochs", "1", "--out", stdout.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(Files.isSymbolicLink(stdout));
        int training = r.out().indexOf("Training 4-3-10");
        int network = r.out().indexOf("\"format\" : \"purenet.network\"");
        int wrote = r.out().indexOf("Wrote the final network (epoch 1) to " + stdout);
        assertTrue(training >= 0 && training < network && network < wrote, r.out());
        assertEquals("", r.err());
    }
}
