package dev.purenet.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.purenet.data.Mnist;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The review's failures of run directories and output paths, each reproduced on a tiny data
 * set: concurrent runs (M1), unwritable outputs (M4), dead-end directories (M5), verify and
 * stray snapshots (M6), a finished run's --out and --report (M7), fetching into a recorded path
 * (L6), messages (L3) and sizes past memory or int (M2).
 */
class RunFaultsTest {
    @TempDir
    Path dir;
    private Path data;
    private Path run;

    @BeforeEach
    void tinyMnist() throws IOException {
        data = CliHarness.tinyMnist(dir);
        run = dir.resolve("run");
    }

    private static List<String> args(Path data, Path run, String... extra) {
        List<String> args = new ArrayList<>(List.of("train", "--data", data.toString(), "--sizes", "4,5,10", "--epochs", "3",
                "--eta", "0.5", "--momentum", "0.5", "--snapshots", run.toString()));
        args.addAll(List.of(extra));
        return args;
    }

    private CliHarness.Result train(String... extra) {
        return CliHarness.run(args(data, run, extra).toArray(String[]::new));
    }

    private CliHarness.Result resume(String... extra) {
        List<String> args = new ArrayList<>(List.of("train", "--resume", run.toString()));
        args.addAll(List.of(extra));
        return CliHarness.run(args.toArray(String[]::new));
    }

    private List<String> files(Path d) throws IOException {
        try (var s = Files.list(d)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    // M1 ---------------------------------------------------------------------------------------

    @Test
    void aSecondRunIntoALockedDirectoryStopsAtOnce() throws IOException {
        Files.createDirectories(run);
        try (FileChannel channel = FileChannel.open(run.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock ignored = channel.lock()) {
            CliHarness.Result second = train("--seed", "2");
            assertEquals(1, second.code());
            assertEquals("purenet: " + run + " is being written by another purenet run (it holds " + run.resolve(".lock")
                    + "); wait for that run to end, or choose another directory\n", second.err());
            assertEquals("", second.out(), "nothing was trained");
            CliHarness.Result resumed = resume();
            assertEquals(1, resumed.code());
            assertTrue(resumed.err().startsWith("purenet: " + run + " is being written by another purenet run"), resumed.err());
        }
        assertEquals(List.of(".lock"), files(run));
        assertEquals(0, train().code(), "free again once the first run ends");
    }

    // M4 ---------------------------------------------------------------------------------------

    @Test
    void readOnlyOutputsAreFoundBeforeTraining() throws Exception {
        Path ro = Files.createDirectory(dir.resolve("ro"));
        try (var ignored = ReadOnlyDirectory.make(ro)) {
            for (String flag : List.of("--out", "--report", "--snapshots")) {
                Path target = ro.resolve(flag.equals("--out") ? "net.json" : "dir");
                CliHarness.Result r = CliHarness.run("train", "--data", data.toString(), "--sizes", "4,3,10", "--epochs", "2",
                        flag, target.toString());
                assertEquals(1, r.code(), flag);
                assertEquals("", r.out(), flag + ": nothing was trained");
                assertTrue(r.err().startsWith("purenet: " + flag + ": cannot write " + target + ": cannot create files in " + ro
                        + ": "), r.err());
            }
        }
    }

    // M5 ---------------------------------------------------------------------------------------

    @Test
    void aUsageErrorLeavesNoRunDirectory() {
        CliHarness.Result r = train("--early-stop", "2", "--monitor", "train-cost");
        assertEquals(2, r.code());
        assertTrue(r.err().startsWith("purenet: --early-stop and --halve-after judge the evaluation accuracy"), r.err());
        assertFalse(Files.exists(run), "the directory was not created");
        assertEquals(0, train("--early-stop", "2").code(), "the corrected command runs");
    }

    @Test
    void aRecordingStoppedBeforeItsFirstSnapshotCanBeStartedAgain() throws IOException {
        assertEquals(0, train().code());
        byte[] finished = Files.readAllBytes(run.resolve("epoch-0003.json"));
        // The old order's disk-full or crash states: experiment.json alone, or with run.json.
        for (String keep : List.of("experiment.json", "experiment.json run.json")) {
            for (String name : files(run)) {
                if (!keep.contains(name) && !name.equals(".lock")) {
                    Files.delete(run.resolve(name));
                }
            }
            CliHarness.Result again = train();
            assertEquals(0, again.code(), keep + ": " + again.err());
            assertArrayEquals(finished, Files.readAllBytes(run.resolve("epoch-0003.json")));
        }
        // The new order's crash window: run.json and epoch 0, no experiment.json yet.
        Files.delete(run.resolve("experiment.json"));
        for (int k = 1; k <= 3; k++) {
            Files.delete(run.resolve("epoch-000" + k + ".json"));
        }
        CliHarness.Result rerun = train();
        assertEquals(0, rerun.code(), rerun.err());
        assertArrayEquals(finished, Files.readAllBytes(run.resolve("epoch-0003.json")));
    }

    @Test
    void resumeStartsFromEpochZeroWhenThereIsNoSnapshot() throws IOException {
        assertEquals(0, train().code());
        byte[] finished = Files.readAllBytes(run.resolve("epoch-0003.json"));
        for (int k = 0; k <= 3; k++) {
            Files.delete(run.resolve("epoch-000" + k + ".json"));
        }
        CliHarness.Result r = resume();
        assertEquals(0, r.code(), r.err());
        assertEquals("purenet: " + run + " has no snapshot yet; starting from epoch 0\n", r.err());
        assertTrue(r.out().startsWith("Resuming " + run + " from epoch 0\n"), r.out());
        assertArrayEquals(finished, Files.readAllBytes(run.resolve("epoch-0003.json")));
    }

    @Test
    void withoutRunJsonResumeSaysToStartAgain() throws IOException {
        assertEquals(0, train().code());
        for (String name : files(run)) {
            if (!name.equals("experiment.json")) {
                Files.delete(run.resolve(name));
            }
        }
        CliHarness.Result r = resume();
        assertEquals(1, r.code());
        assertEquals("purenet: " + run + " has experiment.json but no run.json (what the run watched): its recording stopped"
                + " before the first snapshot; start it again with 'purenet train --snapshots " + run + "'\n", r.err());
    }

    @Test
    void leftoversOfAKilledWriterAreRemovedOnResume() throws IOException {
        assertEquals(0, train().code());
        Files.delete(run.resolve("epoch-0003.json"));
        Path leftover = Files.writeString(run.resolve(".epoch-0003.json.1234567890.tmp"), "{ half a snap");
        assertEquals(0, resume().code());
        assertFalse(Files.exists(leftover));
    }

    // M6 ---------------------------------------------------------------------------------------

    @Test
    void verifyFailsOnASnapshotItDidNotCheck() throws IOException {
        assertEquals(0, train().code());
        Path stray = Files.copy(run.resolve("epoch-0002.json"), run.resolve("epoch-0042.json"));
        CliHarness.Result r = CliHarness.run("replay", "--verify", run.toString());
        assertEquals(1, r.code(), r.out());
        assertTrue(r.err().contains("purenet: not verified: 1 of 5 snapshots were not reproduced by the run (" + stray + ")"),
                r.err());
        assertFalse(r.out().contains("Verified"), r.out());
    }

    @Test
    void anEpochNumberPastIntIsNamedNotAStackTrace() throws IOException {
        assertEquals(0, train().code());
        Path stray = Files.copy(run.resolve("epoch-0002.json"), run.resolve("epoch-99999999999.json"));
        CliHarness.Result verify = CliHarness.run("replay", "--verify", run.toString());
        assertEquals(1, verify.code());
        assertTrue(verify.err().startsWith("purenet: cannot verify " + stray + ": this run has epochs 0 to 3\n"), verify.err());
        CliHarness.Result resumed = resume("--out", dir.resolve("net.json").toString());
        assertEquals(0, resumed.code(), resumed.err());
        assertEquals("purenet: ignoring " + stray + ": this run has epochs 0 to 3\n", resumed.err());
    }

    // M7 ---------------------------------------------------------------------------------------

    @Test
    void resumingAFinishedRunWritesOutAndReport() throws IOException {
        assertEquals(0, train().code());
        Path net = dir.resolve("net.json");
        Path report = dir.resolve("report");
        CliHarness.Result r = resume("--out", net.toString(), "--report", report.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("The run already has all 3 epochs.\nWrote the final network (epoch 3) to " + net), r.out());
        assertEquals(dev.purenet.io.Snapshots.read(run.resolve("epoch-0003.json")), dev.purenet.io.Snapshots.read(net));
        assertTrue(Files.readString(report.resolve("index.html")).contains("curves.png"));
    }

    // L6 and L3 --------------------------------------------------------------------------------

    @Test
    void replayDoesNotFetchIntoAPathOnlyRunJsonNames() throws IOException {
        assertEquals(0, train().code());
        Path moved = dir.resolve("moved");
        String json = Files.readString(run.resolve("run.json")).replace(data.toString(), moved.resolve("mnist").toString());
        Files.writeString(run.resolve("run.json"), json);
        for (String[] command : List.of(new String[] {"replay", run.toString()}, new String[] {"report", run.toString()},
                new String[] {"train", "--resume", run.toString()})) {
            CliHarness.Result r = CliHarness.run(command);
            assertEquals(1, r.code(), String.join(" ", command));
            assertEquals("purenet: the run was recorded with the data in " + moved.resolve("mnist") + ", which does not exist;"
                    + " give the data with --data DIR\n", r.err());
        }
        assertFalse(Files.exists(moved), "nothing was fetched");
        CliHarness.Result given = CliHarness.run("replay", "--verify", "--data", data.toString(), run.toString());
        assertEquals(0, given.code(), given.err());
    }

    @Test
    void otherDataIsNamedByItsDirectory() throws IOException {
        assertEquals(0, train().code());
        Path other = CliHarness.tinyMnist(dir.resolve("other"));
        byte[] labels = Files.readAllBytes(other.resolve(Mnist.TRAIN_LABELS));
        labels[8] = 3;
        Files.write(other.resolve(Mnist.TRAIN_LABELS), labels);
        CliHarness.Result r = CliHarness.run("replay", "--data", other.toString(), run.toString());
        assertEquals(1, r.code());
        assertTrue(r.err().startsWith("purenet: the data in " + other + " is not the run's: the training data's SHA-256 is "),
                r.err());
    }

    @Test
    void aBadLabelIsNamedWithItsFileAndOffset() throws IOException {
        byte[] labels = Files.readAllBytes(data.resolve(Mnist.TRAIN_LABELS));
        labels[8 + 7] = (byte) 255;
        Files.write(data.resolve(Mnist.TRAIN_LABELS), labels);
        CliHarness.Result r = CliHarness.run("train", "--data", data.toString(), "--sizes", "4,3,10");
        assertEquals(2, r.code());
        assertTrue(r.err().startsWith("purenet: --sizes must start with 4 (pixels per image) and end with 256 (classes) for this"
                + " data, got 4,3,10; the classes come from the labels: the largest, 255, is example 7 (offset 15) of "
                + data.resolve(Mnist.TRAIN_LABELS) + "\n"), r.err());
    }

    // M2 ---------------------------------------------------------------------------------------

    @Test
    void sizesPastAnArrayAreRefusedBeforeAllocating() {
        CliHarness.Result r = CliHarness.run("train", "--data", data.toString(), "--sizes", "4,2000000000,10");
        assertEquals(1, r.code());
        assertEquals("purenet: layer 1 (4 -> 2000000000) would have 8000000000 weights, more than a Java array holds"
                + " (2147483639)\n", r.err());
        assertFalse(r.out().contains("Epoch"), r.out());
    }

    @Test
    void sizesPastTheHeapAreRefusedBeforeAllocating() {
        assumeTrue(Runtime.getRuntime().maxMemory() < (16L << 30), "a heap of 16 GB or more would hold this network");
        CliHarness.Result r = CliHarness.run("train", "--data", data.toString(), "--sizes", "4,20000,20000,10", "--epochs", "1");
        assertEquals(1, r.code());
        assertTrue(r.err().startsWith("purenet: training 4-20000-20000-10 with mini-batches of 10 for 1 epoch needs about "),
                r.err());
        assertTrue(r.err().contains(" but the JVM may use at most "), r.err());
        assertEquals("", r.out());
    }

    // H2 ---------------------------------------------------------------------------------------

    @Test
    void outOntoDevicesAndLinksNeverReplacesThem() throws Exception {
        Path full = dir.resolve("full");
        Path devNull = dir.resolve("null");
        assumeTrue(new ProcessBuilder("mknod", full.toString(), "c", "1", "7").start().waitFor() == 0
                && new ProcessBuilder("mknod", devNull.toString(), "c", "1", "3").start().waitFor() == 0, "mknod needs root");
        CliHarness.Result toFull = CliHarness.run("train", "--data", data.toString(), "--sizes", "4,3,10", "--epochs", "1",
                "--out", full.toString());
        assertEquals(1, toFull.code());
        assertEquals("purenet: cannot write " + full + ": No space left on device\n", toFull.err());
        CliHarness.Result toNull = CliHarness.run("train", "--data", data.toString(), "--sizes", "4,3,10", "--epochs", "1",
                "--out", devNull.toString());
        assertEquals(0, toNull.code(), toNull.err());
        for (Path device : List.of(full, devNull)) {
            assertEquals(0020000, ((Integer) Files.getAttribute(device, "unix:mode", java.nio.file.LinkOption.NOFOLLOW_LINKS))
                    & 0170000, device + " is still a character device");
        }
        Files.writeString(dir.resolve("t.json"), "keep");
        Path link = Files.createSymbolicLink(dir.resolve("link.json"), Path.of("t.json"));
        assertEquals(0, CliHarness.run("train", "--data", data.toString(), "--sizes", "4,3,10", "--epochs", "1",
                "--out", link.toString()).code());
        assertTrue(Files.isSymbolicLink(link));
        assertTrue(Files.readString(dir.resolve("t.json")).contains("\"purenet.network\""));
    }

    // M2 and L3 on recorded runs ---------------------------------------------------------------

    @Test
    void aRecordedExperimentPastAnArrayIsRefusedBeforeAllocating() throws IOException {
        assertEquals(0, train().code());
        Path experiment = run.resolve("experiment.json");
        Files.writeString(experiment, Files.readString(experiment).replaceFirst("\"sizes\" : \\[ 4, 5, 10 \\]",
                "\"sizes\" : [ 4, 2000000000, 10 ]"));
        CliHarness.Result r = CliHarness.run("replay", run.toString());
        assertEquals(1, r.code(), r.out());
        assertEquals("purenet: layer 1 (4 -> 2000000000) would have 8000000000 weights, more than a Java array holds"
                + " (2147483639)\n", r.err());
    }

    @Test
    void aRunJsonCutShortIsNamedWithoutParserNoise() throws IOException {
        assertEquals(0, train().code());
        Path runJson = run.resolve("run.json");
        String json = Files.readString(runJson);
        Files.writeString(runJson, json.substring(0, json.length() / 2));
        CliHarness.Result r = CliHarness.run("replay", run.toString());
        assertEquals(1, r.code());
        assertTrue(r.err().startsWith("purenet: " + runJson + ": not valid JSON: Unexpected end-of-input"), r.err());
        assertFalse(r.err().contains("Source"), r.err());
        assertEquals(1, r.err().lines().count(), r.err());
    }
}
