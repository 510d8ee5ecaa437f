package dev.purenet.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.purenet.ConvPool;
import dev.purenet.Dense;
import dev.purenet.Network;
import dev.purenet.io.Experiments;
import dev.purenet.io.Snapshots;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** train --layers: networks with convolutions and dropout from the command line, recorded and replayed like any run. */
class LayersOptionTest {
    /** On the tiny data's 2x2 images: a 1x1 convolution into 3 maps, pooled 2x2, then dense layers with dropout. */
    private static final String LAYERS = "conv 3x1x1 relu, pool 2, dense 6 tanh dropout 0.5, softmax 10 dropout 0.25";
    @TempDir
    Path dir;
    private Path data;

    @BeforeEach
    void tinyMnist() throws IOException {
        data = CliHarness.tinyMnist(dir);
    }

    private CliHarness.Result train(String... extra) {
        List<String> args = new ArrayList<>(List.of("train", "--data", data.toString(), "--epochs", "3", "--eta", "0.1",
                "--cost", "log-likelihood"));
        args.addAll(List.of(extra));
        return CliHarness.run(args.toArray(String[]::new));
    }

    @Test
    void trainsTheDescribedNetworkAndSaysWhichItIs() throws IOException {
        Path out = dir.resolve("net.json");
        CliHarness.Result r = train("--layers", LAYERS, "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().startsWith("Training 4 -> " + LAYERS + " on 100 images: 3 epochs"), r.out());
        Network network = Snapshots.read(out);
        assertEquals(List.of(4, 3, 6, 10), network.sizes());
        assertEquals(new ConvPool(network.layers().get(0).parameters().get(0), network.layers().get(0).parameters().get(1),
                dev.purenet.Activation.relu(), 1, 2, 2, 1, 2), network.layers().get(0));
        assertEquals(0.5, ((Dense) network.layers().get(1)).dropout());
        assertTrue(Files.readString(out).contains("\"version\" : 3"));
    }

    @Test
    void aRunWithConvolutionsAndDropoutReplaysAndResumesBitForBit() throws IOException {
        Path run = dir.resolve("run");
        assertEquals(0, train("--layers", LAYERS, "--snapshots", run.toString(), "--threads", "2", "--batch", "7").code());
        assertEquals(LAYERS, Experiments.read(run.resolve("experiment.json")).architecture().describeLayers());
        CliHarness.Result replay = CliHarness.run("replay", run.toString(), "--verify");
        assertEquals(0, replay.code(), replay.err());
        assertTrue(replay.out().endsWith("Verified: all 4 snapshots (epochs 0-3) reproduced bit for bit.\n"), replay.out());
        byte[] third = Files.readAllBytes(run.resolve("epoch-0003.json"));
        Files.delete(run.resolve("epoch-0003.json"));
        CliHarness.Result resumed = CliHarness.run("train", "--resume", run.toString());
        assertEquals(0, resumed.code(), resumed.err());
        assertEquals(new String(third), Files.readString(run.resolve("epoch-0003.json")));
    }

    @Test
    void network2sFormatIsRefusedForTheNewLayersAndNothingIsWritten() throws IOException {
        Path out = dir.resolve("net.json");
        assertEquals(0, train("--layers", LAYERS, "--out", out.toString()).code());
        Path exported = dir.resolve("n2.json");
        CliHarness.Result r = CliHarness.run("export", "--network", out.toString(), "--format", "network2", "--out", exported.toString());
        assertTrue(r.code() != 0, r.out());
        assertTrue(r.err().contains("layer 1 is a conv-pool layer: network2.py's format has only dense sigmoid layers"), r.err());
        assertFalse(Files.exists(exported));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "--sizes 4,5,10|--layers describes every layer with its activation; drop --sizes",
            "--hidden 5|--layers describes every layer with its activation; drop --hidden",
            "--activation relu|--layers describes every layer with its activation; drop --activation"})
    void theDenseOptionsCannotBeMixedIn(String option, String message) {
        String[] words = option.split(" ");
        CliHarness.Result r = train("--layers", "dense 5 relu, softmax 10", words[0], words[1]);
        assertEquals(2, r.code());
        assertTrue(r.err().startsWith("purenet: " + message), r.err());
    }

    @Test
    void aBadDescriptionIsAUsageErrorNamingTheItem() {
        CliHarness.Result r = train("--layers", "conv 3x5x5 relu, softmax 10");
        assertEquals(2, r.code());
        assertTrue(r.err().startsWith("purenet: --layers: layer item 1 \"conv 3x5x5 relu\": a 5x5 filter does not fit a 2x2 image"),
                r.err());
        r = train("--layers", "dense 5 relu, softmax 7");
        assertEquals(2, r.code());
        assertTrue(r.err().startsWith("purenet: --layers: the last layer has 7 outputs, but the data has 10 classes; end with e.g."
                + " softmax 10"), r.err());
    }
}
