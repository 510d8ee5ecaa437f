package dev.purenet.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.purenet.io.Experiments;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** train --expand: the expanded training images, recorded so that replay and --resume make them again. */
class ExpandTest {
    @TempDir
    Path dir;
    private Path data;
    private Path run;

    @BeforeEach
    void tinyMnist() throws IOException {
        data = CliHarness.tinyMnist(dir);
        run = dir.resolve("run");
    }

    private CliHarness.Result train(Path into, String... extra) {
        List<String> args = new ArrayList<>(List.of("train", "--data", data.toString(), "--sizes", "4,5,10", "--epochs", "3",
                "--eta", "0.5", "--snapshots", into.toString()));
        args.addAll(List.of(extra));
        return CliHarness.run(args.toArray(String[]::new));
    }

    @Test
    void trainsOnFiveTimesTheImagesAndSaysSo() throws IOException {
        CliHarness.Result r = train(run, "--expand");
        assertEquals(0, r.code(), r.err());
        assertEquals("Training 4-5-10 (sigmoid) on 500 images (100 expanded with their one-pixel moves down, up, right and"
                + " left): 3 epochs, mini-batch 10, eta 0.5, quadratic cost, gaussian init, seed 1; evaluating on test data",
                r.out().lines().findFirst().orElseThrow());
        assertTrue(Files.readString(run.resolve("run.json")).contains("\"expand\" : true"));
    }

    @Test
    void theRecordedDataIsTheExpandedSet() throws IOException {
        assertEquals(0, train(run, "--expand").code());
        Path plain = dir.resolve("plain");
        assertEquals(0, train(plain).code());
        assertFalse(Files.readString(plain.resolve("run.json")).contains("expand"));
        assertNotEquals(Experiments.read(plain.resolve("experiment.json")).dataFingerprint(),
                Experiments.read(run.resolve("experiment.json")).dataFingerprint());
    }

    @Test
    void replayAndResumeExpandTheDataAgain() throws IOException {
        assertEquals(0, train(run, "--expand").code());
        CliHarness.Result replay = CliHarness.run("replay", run.toString(), "--verify");
        assertEquals(0, replay.code(), replay.err());
        assertTrue(replay.out().endsWith("Verified: all 4 snapshots (epochs 0-3) reproduced bit for bit.\n"), replay.out());

        byte[] third = Files.readAllBytes(run.resolve("epoch-0003.json"));
        Files.delete(run.resolve("epoch-0003.json"));
        CliHarness.Result resumed = CliHarness.run("train", "--resume", run.toString());
        assertEquals(0, resumed.code(), resumed.err());
        assertTrue(resumed.out().contains(" on 500 images (100 expanded"), resumed.out());
        assertEquals(new String(third), Files.readString(run.resolve("epoch-0003.json")));
    }

    @Test
    void aRunWhoseRecordLosesTheExpansionIsRefusedByItsFingerprint() throws IOException {
        assertEquals(0, train(run, "--expand").code());
        Path runJson = run.resolve("run.json");
        Files.writeString(runJson, Files.readString(runJson).replace(",\n  \"expand\" : true", ""));
        CliHarness.Result replay = CliHarness.run("replay", run.toString(), "--verify");
        assertEquals(1, replay.code());
        assertTrue(replay.err().startsWith("purenet: the data in " + data.toAbsolutePath().normalize() + " is not the run's: "),
                replay.err());
    }

    @Test
    void aMalformedExpandFieldIsNamed() throws IOException {
        assertEquals(0, train(run, "--expand").code());
        Path runJson = run.resolve("run.json");
        Files.writeString(runJson, Files.readString(runJson).replace("\"expand\" : true", "\"expand\" : \"yes\""));
        CliHarness.Result replay = CliHarness.run("replay", run.toString());
        assertEquals(1, replay.code());
        assertEquals("purenet: " + runJson + ": expected \"expand\" to be true or false, got \"yes\"\n", replay.err());
    }

    @Test
    void resumeTakesTheExpansionFromTheRun() throws IOException {
        assertEquals(0, train(run, "--expand").code());
        CliHarness.Result r = CliHarness.run("train", "--resume", run.toString(), "--expand");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("; drop --expand"), r.err());
    }

    @Test
    void csvDataIsRefusedBeforeItIsRead() throws IOException {
        Path csv = Files.writeString(dir.resolve("iris.csv"), "a,b,species\n1,2,x\n3,4,y\n");
        CliHarness.Result r = CliHarness.run("train", "--data", csv.toString(), "--label", "species", "--expand");
        assertEquals(2, r.code());
        assertTrue(r.err().startsWith("purenet: --expand moves MNIST-format images by a pixel; " + csv + " is a CSV file,"
                + " whose rows are not images: train on it without --expand\n"), r.err());
    }
}
