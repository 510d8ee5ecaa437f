package dev.purenet.examples;

import dev.purenet.Init;
import dev.purenet.Network;
import dev.purenet.data.Dataset;
import dev.purenet.data.Mnist;
import dev.purenet.data.MnistFetch;
import dev.purenet.io.Experiments;
import dev.purenet.io.Snapshots;
import dev.purenet.train.Epoch;
import dev.purenet.train.Experiment;
import io.vavr.collection.Stream;
import java.nio.file.Path;
import java.util.function.UnaryOperator;

/**
 * An {@link Experiment} is everything that determines a training run, as one value. This
 * example runs one and writes a snapshot of every epoch, then shows the two things that buys:
 * <ul>
 * <li><b>replay</b>: the experiment read back from {@code experiment.json} and run again gives
 *     the same networks, bit for bit, at every epoch;
 * <li><b>resume</b>: a snapshot from the middle of the run, read back with
 *     {@link Snapshots#readEpoch}, continues with exactly the epochs the uninterrupted run had.
 * </ul>
 *
 * <pre>
 * --data DIR           MNIST directory, fetched there when missing (default data/mnist)
 * --epochs N           epochs in the experiment (default 10)
 * --train-size N       train on the first N of the 50,000 training images (default all)
 * --resume-from K      the epoch whose snapshot the run is resumed from (default half-way)
 * --dir DIR            where experiment.json and the snapshots go (default target/examples/replay-run)
 * </pre>
 */
public final class ReplayAndResume {
    private ReplayAndResume() {}

    /**
     * What the runs produced.
     *
     * @param original the first run: epoch 0 to the last
     * @param replayed the experiment read back from its file and run again
     * @param resumed  the run continued from the snapshot of epoch {@code resumedFrom}; its head is that epoch
     * @param dir      where the experiment and the snapshots were written
     */
    public record Result(Stream<Epoch> original, Stream<Epoch> replayed, Stream<Epoch> resumed, int resumedFrom, Path dir) {}

    public static void main(String[] args) {
        run(args);
    }

    public static Result run(String... args) {
        Args options = Args.parse(args, "--data", "--epochs", "--train-size", "--resume-from", "--dir");
        Mnist mnist = MnistFetch.loadOrFetch(options.path("--data", "data/mnist"), System.err::println);
        Dataset training = mnist.training().take(options.integer("--train-size", 50_000));
        int epochs = options.integer("--epochs", 10);
        int resumeFrom = options.integer("--resume-from", epochs / 2);
        if (resumeFrom < 0 || resumeFrom >= epochs) {
            throw new IllegalArgumentException("--resume-from must be an epoch from 0 to " + (epochs - 1) + ", got " + resumeFrom);
        }
        Path dir = options.path("--dir", "target/examples/replay-run");

        // Chapter 1's settings as an experiment. The data's fingerprint is part of it: replay needs the same data.
        Experiment experiment = Experiment.of(Network.of(784, 30, 10).sigmoid(), Init.gaussian(), 42, training)
                .withEta(3.0).withMiniBatch(10).withEpochs(epochs);
        Experiments.write(dir.resolve("experiment.json"), experiment);
        UnaryOperator<Epoch> monitor = e -> e.evaluate(mnist.validation());

        System.out.println("Running the experiment for " + epochs + " epochs on " + training.size()
                + " images; a snapshot of each epoch goes to " + dir);
        Stream<Epoch> original = experiment.run(training, monitor);
        original.forEach(e -> {
            Snapshots.write(snapshot(dir, e.index()), e, experiment);
            System.out.println("Epoch " + e.index() + ": " + (e.index() == 0 ? "untrained" : e.evaluation().toString()));
        });

        Experiment readBack = Experiments.read(dir.resolve("experiment.json"));
        Stream<Epoch> replayed = readBack.run(training, monitor);
        System.out.println("Replayed from experiment.json: every epoch equal to the first run: " + replayed.equals(original));

        Snapshots.Recorded middle = Snapshots.readEpoch(snapshot(dir, resumeFrom));
        Stream<Epoch> resumed = middle.experiment().resume(middle.epoch(), training, monitor);
        System.out.println("Resumed from " + snapshot(dir, resumeFrom) + ":");
        resumed.tail().forEach(e -> System.out.println("Epoch " + e.index() + ": " + e.evaluation()
                + ", same as the uninterrupted run: " + e.equals(original.get(e.index()))));
        return new Result(original, replayed, resumed, resumeFrom, dir);
    }

    /** {@code DIR/epoch-07.json}. */
    public static Path snapshot(Path dir, int epoch) {
        return dir.resolve("epoch-" + (epoch < 10 ? "0" : "") + epoch + ".json");
    }
}
