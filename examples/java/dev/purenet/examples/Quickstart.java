package dev.purenet.examples;

import static dev.purenet.Seed.seed;

import dev.purenet.Cost;
import dev.purenet.Network;
import dev.purenet.data.Dataset;
import dev.purenet.data.Mnist;
import dev.purenet.data.MnistFetch;
import dev.purenet.io.Snapshots;
import dev.purenet.train.Epoch;
import dev.purenet.train.Evaluation;
import dev.purenet.train.Sgd;
import io.vavr.collection.Stream;
import java.nio.file.Path;

/**
 * Chapter 1: a 784-30-10 sigmoid network, quadratic cost, η = 3.0, mini-batches of 10, trained
 * on MNIST with accuracy on the test set after every epoch; the trained network is saved as
 * JSON, read back and evaluated again.
 *
 * <pre>
 * --data DIR        MNIST directory, fetched there when missing (default data/mnist)
 * --epochs N        epochs to train (default 30)
 * --train-size N    train on the first N of the 50,000 training images (default all)
 * --out FILE        where to save the trained network (default target/examples/net.json)
 * </pre>
 */
public final class Quickstart {
    private Quickstart() {}

    /**
     * What the run produced.
     *
     * @param epochs   the trained epochs, each evaluated on the test set
     * @param saved    the JSON file the last network was written to
     * @param reloaded the network read back from {@code saved}, evaluated on the test set
     */
    public record Result(Stream<Epoch> epochs, Path saved, Evaluation reloaded) {}

    public static void main(String[] args) {
        run(args);
    }

    public static Result run(String... args) {
        Args options = Args.parse(args, "--data", "--epochs", "--train-size", "--out");
        Mnist mnist = MnistFetch.loadOrFetch(options.path("--data", "data/mnist"), System.err::println);
        Dataset training = mnist.training().take(options.integer("--train-size", 50_000));
        int epochs = options.integer("--epochs", 30);
        System.out.println("Training 784-30-10 on " + training.size() + " images for " + epochs + (epochs == 1 ? " epoch" : " epochs"));

        Network net = Network.of(784, 30, 10).sigmoid().gaussian(seed(42));
        Stream<Epoch> run = Sgd.eta(3.0).miniBatch(10).cost(Cost.quadratic())
                .epochs(net, training, seed(42))   // lazy: nothing is trained yet; the head is the untrained net
                .drop(1).take(epochs)
                .map(e -> e.evaluate(mnist.test()));
        // Training happens here, one epoch per line; the stream keeps what it computed.
        run.forEach(e -> System.out.println("Epoch " + e.index() + ": " + e.evaluation()));

        Path out = options.path("--out", "target/examples/net.json");
        Snapshots.write(out, run.last().network());
        Evaluation reloaded = Evaluation.of(Snapshots.read(out), mnist.test());
        System.out.println("Saved " + out + "; read back, it classifies " + reloaded + " of the test images");
        return new Result(run, out, reloaded);
    }
}
