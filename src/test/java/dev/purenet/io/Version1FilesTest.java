package dev.purenet.io;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.purenet.Activation;
import dev.purenet.Architecture;
import dev.purenet.Cost;
import dev.purenet.Init;
import dev.purenet.data.Dataset;
import dev.purenet.data.Mnist;
import dev.purenet.train.Epoch;
import dev.purenet.train.Experiment;
import dev.purenet.train.UpdateRule;
import io.vavr.collection.List;
import io.vavr.collection.Vector;
import io.vavr.control.Option;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run recorded by purenet 0.1.0 (format version 1; src/test/resources/golden/v1-run, with the
 * command that made it): its experiment reads as the same typed experiment, its snapshots and
 * network file load, and resuming it with today's engine gives the recorded epochs bit for bit.
 */
class Version1FilesTest {
    private static final Path RUN = Path.of("src/test/resources/golden/v1-run");

    @TempDir
    Path dir;

    @Test
    void theExperimentReadsAsTheSameChain() {
        Experiment e = Experiments.read(RUN.resolve("experiment.json"));
        Experiment expected = new Experiment(new Architecture(Vector.of(4, 5, 10), Vector.of(Activation.tanh(), Activation.sigmoid())),
                Init.xavier(), 3, Cost.crossEntropy(), 0.5, 10,
                UpdateRule.l2(0.1).then(UpdateRule.learningRate()).then(UpdateRule.momentum(0.5)), 3, java.util.Optional.empty(), java.util.Optional.empty(),
                "f9c2a7e44597a89327cc314e1107ce49138421d8959cfca4785f4d296ed88204");
        assertEquals(expected, e);
    }

    @Test
    void resumingEveryRecordedEpochGivesTheRecordedLaterEpochsBitForBit() throws IOException {
        Dataset training = Mnist.load(tinyMnist(dir)).training();
        List<Snapshots.Recorded> recorded = List.range(0, 4).map(k -> Snapshots.readEpoch(RUN.resolve("epoch-000" + k + ".json")));
        Experiment experiment = recorded.head().experiment();
        experiment.requireData(training);
        for (int k = 0; k < 3; k++) {
            List<Epoch> resumed = experiment.resume(recorded.get(k).epoch(), training, e -> e).toList();
            for (int later = k + 1; later <= 3; later++) {
                Epoch expected = recorded.get(later).epoch();
                Epoch actual = resumed.get(later - k);
                assertEquals(expected.network(), actual.network(), "epoch " + later + " resumed from " + k);
                assertEquals(expected.optimizerState(), actual.optimizerState(), "velocity of epoch " + later + " resumed from " + k);
            }
        }
        assertEquals(recorded.last().epoch().network(), Snapshots.read(RUN.resolve("net.json")));
    }

    /** The 2x2-pixel MNIST-format data the v1 run trained on: 10,100 training images (the last 10,000 validation), 50 test. */
    static Path tinyMnist(Path dir) throws IOException {
        Path data = Files.createDirectories(dir.resolve("data"));
        Files.write(data.resolve(Mnist.TRAIN_IMAGES), idx(0x803, new int[] {10_100, 2, 2}, 40_400, 251));
        Files.write(data.resolve(Mnist.TRAIN_LABELS), idx(0x801, new int[] {10_100}, 10_100, 10));
        Files.write(data.resolve(Mnist.TEST_IMAGES), idx(0x803, new int[] {50, 2, 2}, 200, 253));
        Files.write(data.resolve(Mnist.TEST_LABELS), idx(0x801, new int[] {50}, 50, 10));
        return data;
    }

    private static byte[] idx(int magic, int[] dims, int count, int modulo) {
        ByteBuffer b = ByteBuffer.allocate(4 + 4 * dims.length + count);
        b.putInt(magic);
        for (int d : dims) {
            b.putInt(d);
        }
        for (int i = 0; i < count; i++) {
            b.put((byte) (i % modulo));
        }
        return b.array();
    }
}
