package dev.purenet.fuzz;

import static dev.purenet.Seed.seed;

import dev.purenet.Activation;
import dev.purenet.Cost;
import dev.purenet.Init;
import dev.purenet.Network;
import dev.purenet.data.Dataset;
import dev.purenet.data.Synthetic;
import dev.purenet.io.Experiments;
import dev.purenet.io.Network2Format;
import dev.purenet.io.Snapshots;
import dev.purenet.train.Epoch;
import dev.purenet.train.Experiment;
import dev.purenet.train.Monitor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes the fuzzers' seed inputs: one valid file per reader, made by purenet's own writers.
 * Run after a format change: {@code java -cp target/test-classes:target/classes:CLASSPATH
 * dev.purenet.fuzz.SeedCorpus src/test/resources/dev/purenet/fuzz/ReadersFuzzTestInputs}.
 */
final class SeedCorpus {
    private SeedCorpus() {}

    public static void main(String[] args) throws IOException {
        Path root = Path.of(args[0]);
        Path tmp = Files.createTempDirectory("purenet-seeds");
        Network network = Network.of(3, 4, 2).activations(Activation.tanh(), Activation.softmax()).initialize(Init.scaled(), seed(5));
        Snapshots.write(tmp.resolve("network.json"), network);
        Network2Format.write(tmp.resolve("network2.json"), Network.of(3, 4, 2).sigmoid().initialize(Init.scaled(), seed(6)),
                Cost.crossEntropy());
        Dataset data = Synthetic.rings(30, seed(1));
        Experiment experiment = Experiment.of(Network.of(2, 3, 3).sigmoid(), Init.scaled(), 7, data).withEpochs(1).withMomentum(0.5);
        Experiments.write(tmp.resolve("experiment.json"), experiment);
        Epoch epoch = experiment.run(data, Monitor.of(data, data, Cost.quadratic()).measuring(true, true, true, true)).last();
        Snapshots.write(tmp.resolve("epoch.json"), epoch, experiment);
        byte[] images = Readers.idx(3, new int[] {2, 2, 2}, 8);
        byte[] labels = Readers.idx(1, new int[] {3}, 3);
        for (String method : new String[] {"anyReader", "anyReaderLong"}) {
            Path dir = Files.createDirectories(root.resolve(method));
            put(dir, "idx-images", Readers.Reader.IDX_IMAGES, images);
            put(dir, "idx-labels", Readers.Reader.IDX_LABELS, labels);
            put(dir, "idx-images-gzip", Readers.Reader.IDX_IMAGES_GZIP, images);
            put(dir, "idx-labels-gzip", Readers.Reader.IDX_LABELS_GZIP, Readers.gzip(labels));
            put(dir, "mnist-test-labels", Readers.Reader.MNIST_TEST_LABELS, labels);
            put(dir, "network-json", Readers.Reader.NETWORK_JSON, Files.readAllBytes(tmp.resolve("network.json")));
            put(dir, "run-snapshot", Readers.Reader.RUN_SNAPSHOT, Files.readAllBytes(tmp.resolve("epoch.json")));
            put(dir, "experiment-json", Readers.Reader.EXPERIMENT_JSON, Files.readAllBytes(tmp.resolve("experiment.json")));
            put(dir, "network2-json", Readers.Reader.NETWORK2_JSON, Files.readAllBytes(tmp.resolve("network2.json")));
        }
    }

    private static void put(Path dir, String name, Readers.Reader reader, byte[] content) throws IOException {
        Files.write(dir.resolve("seed-" + name), Readers.input(reader, content));
    }
}
