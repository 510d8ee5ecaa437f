package dev.purenet.examples;

import dev.purenet.Architecture;
import dev.purenet.Cost;
import dev.purenet.Ensemble;
import dev.purenet.Init;
import dev.purenet.data.Dataset;
import dev.purenet.data.Mnist;
import dev.purenet.data.MnistFetch;
import dev.purenet.io.Snapshots;
import dev.purenet.train.Epoch;
import dev.purenet.train.Evaluation;
import dev.purenet.train.Experiment;
import dev.purenet.train.Monitor;
import io.vavr.collection.Stream;
import io.vavr.collection.Vector;
import java.nio.file.Path;
import java.util.Comparator;

/**
 * Chapter 6, network3.py's way: a convolutional network with dropout, written layer by layer,
 * trained on the expanded training data (each image and its four one-pixel moves) from several
 * seeds, each member kept at its best validation epoch, then the members as one ensemble. Prints
 * each member's test accuracy and the ensemble's, by the mean of the outputs and by majority
 * vote, and saves the members, which {@code ./purenet evaluate --network a.json,b.json} reads.
 *
 * <pre>
 * --data DIR         MNIST directory, fetched there when missing (default data/mnist)
 * --layers TEXT      the network in train --layers' grammar
 *                    (default "conv 20x5x5 relu, pool 2, dense 100 relu dropout 0.5, softmax 10")
 * --members N        seeds 1 to N (default 5, the book's ensemble)
 * --epochs N         epochs per member (default 40, as the book's dropout runs)
 * --train-size N     train on the first N of the 50,000 training images, before expanding (default all)
 * --validation-size N  choose each member's epoch on the first N validation images (default all)
 * --expand yes|no    train on the expanded data (default yes)
 * --eta X            learning rate (default 0.03, network3.py's for ReLU)
 * --lambda X         L2 strength (default 1.0: network3.py's 0.1 at mini-batch 10, see docs/results.md)
 * --out DIR          where the members are written (default target/examples/ensemble)
 * </pre>
 */
public final class ConvolutionalEnsemble {
    private ConvolutionalEnsemble() {}

    /**
     * What the run produced.
     *
     * @param members      each member's best validation epoch, in seed order
     * @param memberTests  each of those networks on the test set
     * @param byMean       the ensemble on the test set, by the mean of the members' outputs
     * @param byVote       the same by majority vote
     * @param files        where the members were written
     */
    public record Result(Vector<Epoch> members, Vector<Evaluation> memberTests, Evaluation byMean, Evaluation byVote,
                         Vector<Path> files) {}

    public static void main(String[] args) {
        run(args);
    }

    public static Result run(String... args) {
        Args options = Args.parse(args, "--data", "--layers", "--members", "--epochs", "--train-size", "--validation-size",
                "--expand", "--eta", "--lambda", "--out");
        Mnist mnist = MnistFetch.loadOrFetch(options.path("--data", "data/mnist"), System.err::println);
        Dataset plain = mnist.training().take(options.integer("--train-size", 50_000));
        boolean expand = switch (options.text("--expand", "yes")) {
            case "yes" -> true;
            case "no" -> false;
            default -> throw new IllegalArgumentException("option --expand expects yes or no, got '" + options.text("--expand", "") + "'");
        };
        // Computed as each example is read: five times the images, no more memory for pixels.
        Dataset training = expand ? plain.expanded() : plain;
        Dataset validation = mnist.validation().take(options.integer("--validation-size", 10_000));
        Architecture layers = Architecture.layers(options.text("--layers",
                "conv 20x5x5 relu, pool 2, dense 100 relu dropout 0.5, softmax 10"), 1, 28, 28);
        int members = options.integer("--members", 5);
        int epochs = options.integer("--epochs", 40);
        Experiment experiment = Experiment.of(layers, Init.scaled(), 1, training)
                .withCost(Cost.logLikelihood())
                .withEta(options.number("--eta", 0.03))
                .withL2(options.number("--lambda", 1.0))
                .withEpochs(epochs);
        Path out = options.path("--out", "target/examples/ensemble");
        System.out.println("Training " + members + (members == 1 ? " network (" : " networks (") + layers.describeLayers() + ") on " + training.size() + " images, "
                + epochs + (epochs == 1 ? " epoch" : " epochs") + " each; each kept at its best validation epoch");

        // Only the validation accuracy is measured: choosing the epoch needs nothing else.
        Monitor monitor = Monitor.of(training, validation, experiment.sgd().cost());
        Vector<Epoch> best = Vector.empty();
        Vector<Evaluation> tests = Vector.empty();
        Vector<Path> files = Vector.empty();
        for (long seed = 1; seed <= members; seed++) {
            // The lazy epoch stream of one member: epoch 0 is the starting network.
            Stream<Epoch> run = experiment.withSeed(seed).run(training, monitor).drop(1);
            Epoch chosen = run.maxBy(Comparator.comparingInt((Epoch e) -> e.evaluation().correct())
                    .thenComparing(Comparator.comparingInt(Epoch::index).reversed())).get(); // the first of equals
            Evaluation test = Evaluation.of(chosen.network(), mnist.test());
            Path file = out.resolve("member-" + seed + ".json");
            Snapshots.write(file, chosen.network());
            System.out.println("Seed " + seed + ": best validation " + chosen.evaluation() + " at epoch " + chosen.index()
                    + "; test " + test + "; wrote " + file);
            best = best.append(chosen);
            tests = tests.append(test);
            files = files.append(file);
        }

        Ensemble ensemble = Ensemble.of(best.map(Epoch::network));
        Evaluation byMean = Evaluation.of(ensemble, mnist.test());
        Evaluation byVote = Evaluation.byVote(ensemble, mnist.test());
        System.out.println("Ensemble of " + members + ": test " + byMean + " by the mean of the outputs, " + byVote + " by vote");
        return new Result(best, tests, byMean, byVote, files);
    }
}
