package dev.purenet.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.purenet.Ensemble;
import dev.purenet.Network;
import dev.purenet.Seed;
import dev.purenet.data.Mnist;
import dev.purenet.io.Snapshots;
import dev.purenet.train.Evaluation;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** evaluate --network a.json,b.json,c.json: each network, then the ensemble. */
class EnsembleCommandTest {
    @TempDir
    Path dir;
    private Path data;

    @BeforeEach
    void tinyMnist() throws IOException {
        data = CliHarness.tinyMnist(dir);
    }

    private Path trained(int seed) {
        Path net = dir.resolve("net" + seed + ".json");
        CliHarness.Result r = CliHarness.run("train", "--data", data.toString(), "--sizes", "4,5,10", "--epochs", "2",
                "--seed", Integer.toString(seed), "--out", net.toString());
        assertEquals(0, r.code(), r.err());
        return net;
    }

    @Test
    void printsEachNetworkThenTheEnsembleByMeanAndByVote() {
        Path a = trained(1);
        Path b = trained(2);
        Path c = trained(3);
        CliHarness.Result r = CliHarness.run("evaluate", "--network", a + "," + b + "," + c, "--data", data.toString());
        assertEquals(0, r.code(), r.err());
        Mnist mnist = Mnist.load(data);
        Ensemble ensemble = Ensemble.of(Snapshots.read(a), Snapshots.read(b), Snapshots.read(c));
        assertEquals("Test, " + a + ": " + Evaluation.of(Snapshots.read(a), mnist.test()) + "\n"
                + "Test, " + b + ": " + Evaluation.of(Snapshots.read(b), mnist.test()) + "\n"
                + "Test, " + c + ": " + Evaluation.of(Snapshots.read(c), mnist.test()) + "\n"
                + "Test, ensemble of 3 (mean output): " + Evaluation.of(ensemble, mnist.test()) + "\n"
                + "Test, ensemble of 3 (majority vote): " + Evaluation.byVote(ensemble, mnist.test()) + "\n", r.out());
        // Each member's line is what evaluating it alone prints.
        CliHarness.Result alone = CliHarness.run("evaluate", "--network", b.toString(), "--data", data.toString());
        assertTrue(r.out().contains(alone.out().replace("Test: ", "Test, " + b + ": ")), alone.out());
    }

    @Test
    void aNetworkOfOtherSizesIsNamed() throws IOException {
        Path a = trained(1);
        Path odd = dir.resolve("odd.json");
        Snapshots.write(odd, Network.of(4, 5, 3).sigmoid().gaussian(Seed.seed(1)));
        CliHarness.Result r = CliHarness.run("evaluate", "--network", a + "," + odd, "--data", data.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().startsWith("purenet: --network: " + odd + " is 4-5-3 but " + a + " is 4-5-10; an ensemble's"
                + " networks must have the same numbers of inputs and outputs\n"), r.err());
    }

    @Test
    void networksThatDoNotFitTheDataAreNamed() throws IOException {
        Path wide = dir.resolve("wide.json");
        Snapshots.write(wide, Network.of(9, 5, 10).sigmoid().gaussian(Seed.seed(1)));
        CliHarness.Result r = CliHarness.run("evaluate", "--network", wide + "," + wide, "--data", data.toString());
        assertEquals(1, r.code());
        assertEquals("purenet: " + wide + ": the network is 9-5-10 but the data has 4 inputs and 10 classes\n", r.err());
    }

    private Path trainedOnCsv(Path csv, int seed, String... extra) {
        Path net = dir.resolve("iris" + seed + extra.length + ".json");
        java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of("train", "--data", csv.toString(), "--label",
                "species", "--hidden", "10", "--test", "0.2", "--cost", "cross-entropy", "--eta", "0.5", "--epochs", "5",
                "--seed", Integer.toString(seed), "--out", net.toString()));
        args.addAll(java.util.List.of(extra));
        CliHarness.Result r = CliHarness.run(args.toArray(String[]::new));
        assertEquals(0, r.code(), r.err());
        return net;
    }

    @Test
    void networksOnCsvDataMustReadTheRowsAlike() throws IOException {
        Path csv = java.nio.file.Files.writeString(dir.resolve("iris.csv"), CsvTest.irisLike(7));
        Path a = trainedOnCsv(csv, 1);
        Path b = trainedOnCsv(csv, 2);
        CliHarness.Result r = CliHarness.run("evaluate", "--network", a + "," + b, "--data", csv.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().startsWith("All 150 rows of " + csv + ", " + a + ": "), r.out());
        assertTrue(r.out().contains("All 150 rows of " + csv + ", ensemble of 2 (mean output): "), r.out());

        Path scaled = trainedOnCsv(csv, 3, "--standardize");
        CliHarness.Result refused = CliHarness.run("evaluate", "--network", a + "," + scaled, "--data", csv.toString());
        assertEquals(1, refused.code());
        assertEquals("purenet: " + scaled + " scales the features otherwise than " + a + " (with --standardize each network"
                + " keeps its own training part's statistics); an ensemble's networks must read the rows alike: train them"
                + " without --standardize\n",
                refused.err());
    }

    @Test
    void aMissingFileAmongSeveralIsNamed() {
        Path a = trained(1);
        Path missing = dir.resolve("nope.json");
        CliHarness.Result r = CliHarness.run("evaluate", "--network", a + "," + missing, "--data", data.toString());
        assertEquals(1, r.code());
        assertEquals("purenet: " + missing + ": no such file\n", r.err());
    }
}
