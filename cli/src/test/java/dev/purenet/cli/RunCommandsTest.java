package dev.purenet.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** train --snapshots / --resume / --report, replay and report on a tiny data set. */
class RunCommandsTest {
    @TempDir
    Path dir;
    private Path data;
    private Path run;

    @BeforeEach
    void tinyMnist() throws IOException {
        data = CliHarness.tinyMnist(dir);
        run = dir.resolve("run");
    }

    private CliHarness.Result train(String... extra) {
        List<String> args = new java.util.ArrayList<>(List.of("train", "--data", data.toString(), "--sizes", "4,5,10",
                "--epochs", "4", "--eta", "0.5", "--momentum", "0.5", "--snapshots", run.toString(),
                "--monitor", "eval-acc,train-cost"));
        args.addAll(List.of(extra));
        return CliHarness.run(args.toArray(String[]::new));
    }

    private List<String> files(Path d) throws IOException {
        try (var s = Files.list(d)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void snapshotsAreRecordedAndReplayVerifiesThem() throws IOException {
        assertEquals(0, train().code());
        assertEquals(List.of(".lock", "epoch-0000.json", "epoch-0001.json", "epoch-0002.json", "epoch-0003.json", "epoch-0004.json",
                "experiment.json", "run.json"), files(run));
        CliHarness.Result replay = CliHarness.run("replay", run.toString(), "--verify");
        assertEquals(0, replay.code(), replay.err());
        assertTrue(replay.out().endsWith("Verified: all 5 snapshots (epochs 0-4) reproduced bit for bit.\n"), replay.out());
    }

    @Test
    void aRunOnThreeThreadsRecordsThemAndReplaysBitForBit() throws IOException {
        CliHarness.Result r = train("--batch", "30", "--threads", "3");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("mini-batch 30, eta 0.5") && r.out().contains(", 3 threads, seed 1"), r.out());
        assertTrue(Files.readString(run.resolve("experiment.json")).contains("\"threads\" : 3"));
        CliHarness.Result replay = CliHarness.run("replay", run.toString(), "--verify");
        assertEquals(0, replay.code(), replay.err());
        assertTrue(replay.out().endsWith("Verified: all 5 snapshots (epochs 0-4) reproduced bit for bit.\n"), replay.out());
    }

    @Test
    void autoThreadsKeepSmallMiniBatchesInOnePiece() throws IOException {
        assertEquals(0, train("--batch", "10").code());
        assertTrue(Files.readString(run.resolve("experiment.json")).contains("\"threads\" : 1"));
    }

    @Test
    void aBadThreadCountIsAUsageError() {
        CliHarness.Result r = train("--threads", "0");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("--threads takes auto or a count from 1 to 64, got '0'"), r.err());
    }

    @Test
    void replayFindsATamperedSnapshot() throws IOException {
        train();
        Path second = run.resolve("epoch-0002.json");
        String json = Files.readString(second);
        int at = json.indexOf("\"weights\" : [ [ ") + "\"weights\" : [ [ ".length();
        Files.writeString(second, json.substring(0, at) + "1" + json.substring(at)); // e.g. 0.25 becomes 10.25
        CliHarness.Result replay = CliHarness.run("replay", run.toString(), "--verify");
        assertEquals(1, replay.code());
        assertTrue(replay.err().startsWith("purenet: epoch 2 differs from " + second + ": layer 1 weights differ by up to "),
                replay.err());
    }

    @Test
    void resumeContinuesExactlyFromTheLastGoodSnapshot() throws IOException {
        train();
        byte[] third = Files.readAllBytes(run.resolve("epoch-0003.json"));
        byte[] fourth = Files.readAllBytes(run.resolve("epoch-0004.json"));
        Files.delete(run.resolve("epoch-0004.json"));
        Files.write(run.resolve("epoch-0003.json"), "{ broken".getBytes()); // a damaged file is skipped, not trusted
        CliHarness.Result resumed = CliHarness.run("train", "--resume", run.toString(), "--data", data.toString());
        assertEquals(0, resumed.code(), resumed.err());
        assertTrue(resumed.out().startsWith("Resuming " + run + " from epoch 2\n"), resumed.out());
        assertTrue(resumed.err().contains("skipping " + run.resolve("epoch-0003.json") + ": not valid JSON"), resumed.err());
        assertEquals(new String(third), Files.readString(run.resolve("epoch-0003.json")));
        assertEquals(new String(fourth), Files.readString(run.resolve("epoch-0004.json")));
    }

    /** The closing Best: line of a resumed run judges the recorded epochs too, as the uninterrupted run's does. */
    @Test
    void aResumedRunsBestEpochIsTheUninterruptedRunsBest() throws IOException {
        CliHarness.Result whole = train();
        assertEquals(0, whole.code(), whole.err());
        String best = whole.out().lines().filter(line -> line.startsWith("Best: ")).findFirst().orElseThrow();
        int bestEpoch = Integer.parseInt(best.replaceAll("Best: epoch (\\d+),.*", "$1"));
        assertTrue(bestEpoch < 4, "the test needs a best epoch before the last: " + best);
        for (int k = bestEpoch + 1; k <= 4; k++) {
            Files.delete(run.resolve("epoch-000" + k + ".json"));
        }
        CliHarness.Result resumed = CliHarness.run("train", "--resume", run.toString(), "--data", data.toString());
        assertEquals(0, resumed.code(), resumed.err());
        assertTrue(resumed.out().startsWith("Resuming " + run + " from epoch " + bestEpoch + "\n"), resumed.out());
        assertTrue(resumed.out().contains("\n" + best + "\n"), resumed.out());
    }

    /** A damaged snapshot before the resume point is read once, left out of the report and the best epoch, and named once. */
    @Test
    void aResumeWithAReportNamesADamagedEarlierSnapshotOnce() throws IOException {
        assertEquals(0, train().code());
        Files.delete(run.resolve("epoch-0004.json"));
        Files.write(run.resolve("epoch-0001.json"), "{ broken".getBytes());
        Path report = dir.resolve("report");
        CliHarness.Result resumed = CliHarness.run("train", "--resume", run.toString(), "--data", data.toString(), "--report",
                report.toString());
        assertEquals(0, resumed.code(), resumed.err());
        assertTrue(resumed.out().startsWith("Resuming " + run + " from epoch 3\n"), resumed.out());
        String warning = "purenet: leaving out of the report and the best epoch " + run.resolve("epoch-0001.json");
        assertEquals(1, resumed.err().lines().filter(line -> line.startsWith(warning)).count(), resumed.err());
        assertEquals(1, resumed.err().lines().count(), resumed.err());
        assertTrue(Files.exists(report.resolve("index.html")));
    }

    /** Without a report, the warning names only what the damaged snapshot is left out of: the best epoch. */
    @Test
    void aResumeWithoutAReportLeavesADamagedSnapshotOutOfTheBestEpochOnly() throws IOException {
        assertEquals(0, train().code());
        Files.delete(run.resolve("epoch-0004.json"));
        Files.write(run.resolve("epoch-0001.json"), "{ broken".getBytes());
        CliHarness.Result resumed = CliHarness.run("train", "--resume", run.toString(), "--data", data.toString());
        assertEquals(0, resumed.code(), resumed.err());
        assertEquals(1, resumed.err().lines().count(), resumed.err());
        assertTrue(resumed.err().startsWith("purenet: leaving out of the best epoch " + run.resolve("epoch-0001.json")),
                resumed.err());
    }

    /** A complete run asked for a report only reports: a damaged snapshot is left out of the report alone. */
    @Test
    void aCompleteRunsReportLeavesADamagedSnapshotOutOfTheReportOnly() throws IOException {
        assertEquals(0, train().code());
        Files.write(run.resolve("epoch-0001.json"), "{ broken".getBytes());
        Path report = dir.resolve("report");
        CliHarness.Result resumed = CliHarness.run("train", "--resume", run.toString(), "--data", data.toString(), "--report",
                report.toString());
        assertEquals(0, resumed.code(), resumed.err());
        assertTrue(resumed.out().contains("The run already has all 4 epochs."), resumed.out());
        String warning = "purenet: leaving out of the report " + run.resolve("epoch-0001.json");
        assertEquals(1, resumed.err().lines().count(), resumed.err());
        assertTrue(resumed.err().startsWith(warning), resumed.err());
        assertTrue(Files.exists(report.resolve("index.html")));
    }

    @Test
    void aFloat32RunIsRecordedAsSuchReplayedAndResumedInFloat32() throws IOException {
        CliHarness.Result trained = train("--precision", "float32");
        assertEquals(0, trained.code(), trained.err());
        assertTrue(trained.out().contains(", gaussian init, float32, update "), trained.out());
        assertTrue(Files.readString(run.resolve("experiment.json")).contains("\"precision\" : \"float32\""));
        assertTrue(Files.readString(run.resolve("epoch-0004.json")).contains("\"precision\" : \"float32\""));
        CliHarness.Result replay = CliHarness.run("replay", run.toString(), "--verify");
        assertEquals(0, replay.code(), replay.err());
        assertTrue(replay.out().endsWith("Verified: all 5 snapshots (epochs 0-4) reproduced bit for bit.\n"), replay.out());
        byte[] fourth = Files.readAllBytes(run.resolve("epoch-0004.json"));
        Files.delete(run.resolve("epoch-0004.json"));
        CliHarness.Result resumed = CliHarness.run("train", "--resume", run.toString(), "--data", data.toString());
        assertEquals(0, resumed.code(), resumed.err());
        assertEquals(new String(fourth), Files.readString(run.resolve("epoch-0004.json")));
    }

    @Test
    void verifyingARunWithoutSnapshotsFails() throws IOException {
        train();
        for (int k = 0; k <= 4; k++) {
            Files.delete(run.resolve("epoch-000" + k + ".json"));
        }
        CliHarness.Result r = CliHarness.run("replay", run.toString(), "--verify");
        assertEquals(1, r.code());
        assertEquals("purenet: " + run + " has no snapshots (epoch-NNNN.json); there is nothing to verify\n", r.err());
    }

    @Test
    void verificationListsTheEpochsItChecked() throws IOException {
        train();
        Files.delete(run.resolve("epoch-0002.json"));
        CliHarness.Result r = CliHarness.run("replay", run.toString(), "--verify");
        assertTrue(r.out().endsWith("Verified: all 4 snapshots (epochs 0-1, 3-4) reproduced bit for bit.\n"), r.out());
    }

    @Test
    void aDirectoryWithoutARunIsNamedAsSuch() throws IOException {
        Path empty = Files.createDirectories(dir.resolve("empty"));
        CliHarness.Result r = CliHarness.run("replay", empty.toString());
        assertEquals("purenet: " + empty + " is not a directory holding a run (expected experiment.json there)\n", r.err());
    }

    @Test
    void badOutputPathsAreRefusedBeforeTraining() throws IOException {
        Path file = Files.writeString(dir.resolve("afile"), "x");
        CliHarness.Result out = CliHarness.run("train", "--data", data.toString(), "--sizes", "4,3,10", "--out", dir.toString());
        assertEquals(2, out.code());
        assertTrue(out.err().startsWith("purenet: --out takes a file, but " + dir + " is a directory\n"), out.err());
        CliHarness.Result report = CliHarness.run("train", "--data", data.toString(), "--sizes", "4,3,10", "--report",
                file.resolve("rep").toString());
        assertTrue(report.err().startsWith("purenet: --report: " + file + " is a file, expected a directory\n"), report.err());
        assertEquals("", report.out(), "nothing was trained");
    }

    @Test
    void resumeTakesItsSettingsFromTheRun() {
        train();
        CliHarness.Result r = CliHarness.run("train", "--resume", run.toString(), "--eta", "9");
        assertEquals(2, r.code());
        assertTrue(r.err().startsWith("purenet: --resume takes the run's settings from " + run.resolve("experiment.json")
                + " and run.json; drop --eta\n"), r.err());
    }

    @Test
    void aDirectoryWithARunIsNotOverwritten() throws IOException {
        train();
        byte[] experiment = Files.readAllBytes(run.resolve("experiment.json"));
        CliHarness.Result again = train("--seed", "2");
        assertEquals(1, again.code());
        assertEquals("purenet: " + run + " already holds a run (experiment.json); continue it with --resume " + run
                + " or choose another directory\n", again.err());
        assertEquals(new String(experiment), Files.readString(run.resolve("experiment.json")));
    }

    @Test
    void reportsFromTrainAndFromARecordedRun() throws IOException {
        Path report = dir.resolve("report");
        assertEquals(0, train("--report", report.toString()).code());
        assertTrue(files(report).containsAll(List.of("index.html", "curves.png", "curves.svg", "confusion.csv",
                "confusion.png")), files(report).toString());
        CliHarness.Result later = CliHarness.run("report", run.toString());
        assertEquals(0, later.code(), later.err());
        assertEquals("Wrote the report of " + run + " (epochs 1 to 4) to " + run.resolve("report").resolve("index.html") + "\n",
                later.out());
        assertEquals(Files.readString(report.resolve("confusion.csv")), Files.readString(run.resolve("report/confusion.csv")));
    }

    @Test
    void earlyStoppingAndHalvingEndTheRun() {
        CliHarness.Result stopped = CliHarness.run("train", "--data", data.toString(), "--sizes", "4,3,10", "--epochs", "40",
                "--eta", "0.001", "--early-stop", "2");
        assertEquals(0, stopped.code(), stopped.err());
        assertTrue(stopped.out().contains("Stopped after epoch "), stopped.out());
        CliHarness.Result halved = CliHarness.run("train", "--data", data.toString(), "--sizes", "4,3,10", "--epochs", "100",
                "--eta", "0.001", "--halve-after", "1");
        assertEquals(0, halved.code(), halved.err());
        assertTrue(halved.out().contains("(the learning rate fell below eta/128)"), halved.out());
        CliHarness.Result needsAccuracy = CliHarness.run("train", "--data", data.toString(), "--sizes", "4,3,10",
                "--early-stop", "2", "--monitor", "train-cost");
        assertEquals(2, needsAccuracy.code());
        assertTrue(needsAccuracy.err().startsWith("purenet: --early-stop and --halve-after judge the evaluation accuracy;"
                + " add eval-acc to --monitor"), needsAccuracy.err());
    }
}
