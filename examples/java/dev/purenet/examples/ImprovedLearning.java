package dev.purenet.examples;

import static dev.purenet.Activation.sigmoid;
import static dev.purenet.Seed.seed;

import dev.purenet.Cost;
import dev.purenet.Network;
import dev.purenet.data.Dataset;
import dev.purenet.data.Mnist;
import dev.purenet.data.MnistFetch;
import dev.purenet.train.Epoch;
import dev.purenet.train.Epochs;
import dev.purenet.train.Evaluation;
import dev.purenet.train.Metrics;
import dev.purenet.train.Monitor;
import dev.purenet.train.Sgd;
import io.vavr.collection.Stream;
import java.util.Comparator;
import java.util.Locale;
import java.util.Optional;

/**
 * Chapter 3: the cross-entropy cost, L2 regularisation and weights scaled by 1/√inputs
 * (network2.py's defaults), with all four of network2.py's monitors measured on the validation
 * set after each epoch, and early stopping once the validation accuracy has not improved for a
 * number of epochs. The best epoch's network is then evaluated once on the test set.
 *
 * <pre>
 * --data DIR             MNIST directory, fetched there when missing (default data/mnist)
 * --epochs N             the most epochs to train (default 30)
 * --train-size N         train on the first N of the 50,000 training images (default all)
 * --validation-size N    monitor on the first N of the 10,000 validation images (default all)
 * --patience N           stop after N epochs in a row without a better validation accuracy (default 10)
 * --eta X                learning rate (default 0.5)
 * --lambda X             L2 strength (default 5.0)
 * </pre>
 */
public final class ImprovedLearning {
    private ImprovedLearning() {}

    /**
     * What the run produced.
     *
     * @param epochs       the trained epochs, each with all four metrics
     * @param best         the epoch with the best validation accuracy
     * @param test         the best epoch's network on the test set
     * @param stoppedEarly whether early stopping ended the run before the epoch limit
     */
    public record Result(Stream<Epoch> epochs, Epoch best, Evaluation test, boolean stoppedEarly) {}

    public static void main(String[] args) {
        run(args);
    }

    public static Result run(String... args) {
        Args options = Args.parse(args, "--data", "--epochs", "--train-size", "--validation-size", "--patience", "--eta",
                "--lambda");
        Mnist mnist = MnistFetch.loadOrFetch(options.path("--data", "data/mnist"), System.err::println);
        Dataset training = mnist.training().take(options.integer("--train-size", 50_000));
        Dataset validation = mnist.validation().take(options.integer("--validation-size", 10_000));
        int maxEpochs = options.integer("--epochs", 30);
        int patience = options.integer("--patience", 10);
        double eta = options.number("--eta", 0.5);
        double lambda = options.number("--lambda", 5.0);
        System.out.println("Training 784-30-10 (cross-entropy, L2 " + lambda + ", eta " + eta + ") on " + training.size()
                + " images: at most " + maxEpochs + " epochs, stopping after " + patience + " without improvement");

        Network net = Network.input(784).dense(30, sigmoid()).dense(10, sigmoid()).scaled(seed(1));
        Cost cost = Cost.crossEntropy();
        // network2.py's four monitors: training cost and accuracy, validation cost and accuracy.
        Monitor monitor = Monitor.all(training, validation, cost).withL2(lambda);
        Stream<Epoch> run = Sgd.eta(eta).miniBatch(10).cost(cost).l2(lambda)
                .epochs(net, training, seed(1))
                .drop(1).take(maxEpochs)
                .map(monitor)
                .transform(Epochs.noImprovementIn(patience));
        run.forEach(e -> System.out.println(describe(e)));

        Epoch best = run.maxBy(Comparator.comparingDouble(Epoch::accuracy)).get();
        boolean stoppedEarly = run.size() < maxEpochs;
        Evaluation test = Evaluation.of(best.network(), mnist.test());
        System.out.println((stoppedEarly ? "Stopped early after epoch " + run.last().index() + "; b" : "B")
                + "est validation accuracy at epoch " + best.index() + "; its network on the test set: " + test);
        return new Result(run, best, test, stoppedEarly);
    }

    /** {@code Epoch 3: training cost 0.4920, accuracy 46012 / 50000 (92.02%); validation cost 0.5122, accuracy ...}. */
    static String describe(Epoch e) {
        Metrics m = e.metrics();
        return "Epoch " + e.index() + ": training cost " + fixed(m.trainingCost()) + ", accuracy "
                + m.trainingAccuracy().map(Evaluation::toString).orElse("-") + "; validation cost "
                + fixed(m.evaluationCost()) + ", accuracy " + m.evaluationAccuracy().map(Evaluation::toString).orElse("-");
    }

    private static String fixed(Optional<Double> value) {
        return value.map(v -> String.format(Locale.ROOT, "%.4f", v)).orElse("-");
    }
}
