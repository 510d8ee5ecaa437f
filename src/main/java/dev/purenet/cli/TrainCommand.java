package dev.purenet.cli;

import static dev.purenet.Seed.seed;

import dev.purenet.Cost;
import dev.purenet.Network;
import dev.purenet.data.Dataset;
import dev.purenet.data.Mnist;
import dev.purenet.io.Snapshots;
import dev.purenet.train.Epoch;
import dev.purenet.train.Sgd;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Iterator;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code purenet train}: the book's chapter-1 run by default. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Train a sigmoid network with mini-batch SGD on MNIST-format data and report test accuracy per epoch."
                + " The defaults reproduce the book's chapter-1 run (about 95%%).")
final class TrainCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--sizes", split = ",", paramLabel = "N,N,...", defaultValue = "784,30,10",
            description = "Layer sizes, input first. Default: ${DEFAULT-VALUE}")
    int[] sizes;

    @Option(names = "--epochs", defaultValue = "30", description = "Epochs to train. Default: ${DEFAULT-VALUE}")
    int epochs;

    @Option(names = "--batch", defaultValue = "10", description = "Mini-batch size. Default: ${DEFAULT-VALUE}")
    int batch;

    @Option(names = "--eta", defaultValue = "3.0", description = "Learning rate. Default: ${DEFAULT-VALUE}")
    double eta;

    @Option(names = "--seed", defaultValue = "1", description = "Seed for initialisation and shuffling. Default: ${DEFAULT-VALUE}")
    long seed;

    @Option(names = "--out", paramLabel = "FILE", description = "Write the final network to FILE as JSON.")
    Path out;

    @Mixin
    DataOptions data;

    @Override
    public Integer call() {
        validateFlags();
        PrintWriter stdout = spec.commandLine().getOut();
        Mnist mnist = data.load();
        requireSizesFit(mnist.training());

        Network start = Network.of(sizes).sigmoid().gaussian(seed(seed));
        ProgressBar bar = System.console() != null ? new ProgressBar(stdout) : null;
        Sgd sgd = Sgd.eta(eta).miniBatch(batch).cost(Cost.quadratic());
        if (bar != null) {
            sgd = sgd.withProgress(bar);
        }
        stdout.println("Training " + start.sizes().mkString("-") + " on " + mnist.training().size() + " images: "
                + epochs + " epochs, mini-batch " + batch + ", eta " + eta + ", seed " + seed);

        Iterator<Epoch> run = sgd.epochs(start, mnist.training(), seed(seed)).iterator();
        run.next(); // epoch 0 is the untrained network
        Epoch best = null;
        Epoch last = null;
        for (int k = 1; k <= epochs; k++) {
            long t0 = System.nanoTime();
            Epoch trained = run.next();
            double seconds = (System.nanoTime() - t0) / 1e9;
            if (bar != null) {
                bar.clear();
            }
            last = trained.evaluate(mnist.test());
            stdout.println("Epoch " + last.index() + ": " + last.evaluation().get() + "  " + Text.decimals(seconds, 2) + " s");
            if (best == null || last.accuracy() > best.accuracy()) {
                best = last;
            }
        }
        stdout.println("Best: epoch " + best.index() + ", " + best.evaluation().get() + " on the test set");
        if (out != null) {
            Snapshots.write(out, last.network());
            stdout.println("Wrote the final network (epoch " + last.index() + ") to " + out);
        }
        return 0;
    }

    private void validateFlags() {
        if (epochs < 1) {
            throw usage("--epochs must be at least 1, got " + epochs);
        }
        if (batch < 1) {
            throw usage("--batch must be at least 1, got " + batch);
        }
        if (!(eta > 0) || Double.isInfinite(eta)) {
            throw usage("--eta must be a positive number, got " + eta);
        }
        if (sizes.length < 2 || Arrays.stream(sizes).anyMatch(s -> s < 1)) {
            throw usage("--sizes needs at least two positive sizes, got " + joined());
        }
    }

    private void requireSizesFit(Dataset training) {
        if (sizes[0] != training.features() || sizes[sizes.length - 1] != training.classes()) {
            throw usage("--sizes must start with " + training.features() + " (pixels per image) and end with "
                    + training.classes() + " (classes) for this data, got " + joined());
        }
    }

    private String joined() {
        return String.join(",", Arrays.stream(sizes).mapToObj(Integer::toString).toList());
    }

    private CommandLine.ParameterException usage(String message) {
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }
}
