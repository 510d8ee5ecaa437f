package dev.purenet.examples;

import static dev.purenet.Seed.seed;

import dev.purenet.Cost;
import dev.purenet.Network;
import dev.purenet.data.Dataset;
import dev.purenet.data.Mnist;
import dev.purenet.data.MnistFetch;
import dev.purenet.io.Network2Format;
import dev.purenet.math.Matrix;
import dev.purenet.train.Evaluation;
import dev.purenet.train.Sgd;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The book's {@code network2.py} saves networks as JSON ({@code Network.save}); purenet reads and
 * writes that format. This example trains a small MNIST network briefly, exports it in
 * network2.py's format (a file {@code network2.load} can read), reads it back and predicts a few
 * test digits with it. It then reads a file written by network2.py itself, the 3-4-2 network
 * in the repository's golden test data, and prints its outputs for a fixed input.
 *
 * <pre>
 * --data DIR        MNIST directory, fetched there when missing (default data/mnist)
 * --epochs N        epochs to train (default 3)
 * --train-size N    train on the first N of the 50,000 training images (default all)
 * --out FILE        where the network2.py-format file goes (default target/examples/network2-mnist.json)
 * --digits N        how many test digits to predict (default 10)
 * --tiny FILE       a network2.py file with 3 inputs (default src/test/resources/golden/network2-tiny.json)
 * </pre>
 */
public final class Network2Interop {
    private Network2Interop() {}

    /** The fixed input given to the tiny network. */
    public static final Matrix TINY_INPUT = Matrix.column(0.9, 0.1, 0.5);

    /**
     * What the run produced.
     *
     * @param trained    the network trained here
     * @param exported   that network read back from the network2.py-format file
     * @param accuracy   the read-back network on the test set
     * @param predicted  its answers for the first test digits
     * @param labels     the labels of those digits
     * @param tiny       the network read from the network2.py file given by --tiny
     * @param tinyOutput its output for {@link #TINY_INPUT}
     */
    public record Result(Network trained, Network2Format.Loaded exported, Evaluation accuracy, int[] predicted,
                         int[] labels, Network2Format.Loaded tiny, Matrix tinyOutput) {}

    public static void main(String[] args) {
        run(args);
    }

    public static Result run(String... args) {
        Args options = Args.parse(args, "--data", "--epochs", "--train-size", "--out", "--digits", "--tiny");
        Mnist mnist = MnistFetch.loadOrFetch(options.path("--data", "data/mnist"), System.err::println);
        Dataset training = mnist.training().take(options.integer("--train-size", 50_000));
        int epochs = options.integer("--epochs", 3);

        // network2.py has sigmoid layers only; its default initialisation is purenet's "scaled".
        Network trained = Sgd.eta(0.5).miniBatch(10).cost(Cost.crossEntropy())
                .epochs(Network.of(784, 30, 10).sigmoid().scaled(seed(7)), training, seed(7))
                .get(epochs)   // epoch 0 is the untrained network, so this is after `epochs` epochs
                .network();
        Path out = options.path("--out", "target/examples/network2-mnist.json");
        Network2Format.write(out, trained, Cost.crossEntropy());
        Network2Format.Loaded exported = Network2Format.read(out);
        Evaluation accuracy = Evaluation.of(exported.network(), mnist.test());
        System.out.println("Trained " + epochs + " epochs on " + training.size() + " images and wrote " + out
                + " (network2.py's format); read back: " + exported.network().sizes() + ", cost "
                + exported.cost().name() + ", " + accuracy + " on the test set, same network: " + exported.network().equals(trained));

        int digits = Math.min(options.integer("--digits", 10), mnist.test().size());
        Matrix outputs = exported.network().feedforward(mnist.test().range(0, digits).inputs());
        int[] predicted = outputs.argmaxPerColumn();
        int[] labels = Arrays.copyOf(mnist.test().labels(), digits);
        for (int i = 0; i < digits; i++) {
            System.out.println("Test digit " + i + ": label " + labels[i] + ", predicted " + predicted[i]
                    + " (output " + Math.round(100 * outputs.get(predicted[i], i)) / 100.0 + ")");
        }

        Path tinyFile = options.path("--tiny", "src/test/resources/golden/network2-tiny.json");
        Network2Format.Loaded tiny = Network2Format.read(tinyFile);
        Matrix tinyOutput = tiny.network().feedforward(TINY_INPUT);
        System.out.println("Read " + tinyFile + ": " + tiny.network().sizes() + " network, cost "
                + tiny.cost().name() + "; input " + Arrays.toString(TINY_INPUT.toColumnMajorArray()) + " gives "
                + Arrays.toString(tinyOutput.toColumnMajorArray()));
        return new Result(trained, exported, accuracy, predicted, labels, tiny, tinyOutput);
    }
}
