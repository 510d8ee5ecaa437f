package dev.purenet.cli;

import static dev.purenet.Seed.seed;

import dev.purenet.Activation;
import dev.purenet.Cost;
import dev.purenet.Init;
import dev.purenet.Network;
import dev.purenet.data.Dataset;
import dev.purenet.data.Mnist;
import dev.purenet.io.Snapshots;
import dev.purenet.train.Epoch;
import dev.purenet.train.Metrics;
import dev.purenet.train.Monitor;
import dev.purenet.train.Sgd;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code purenet train}: the book's chapter-1 run by default, chapter 3's improvements by flag. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = {"Train a network with mini-batch SGD on MNIST-format data, reporting accuracy per epoch.",
                "The defaults reproduce the book's chapter-1 run (about 95%%); chapter 3's run is",
                "  --cost cross-entropy --init scaled --eta 0.5 --lambda 5.0 (about 96%%)."})
final class TrainCommand implements Callable<Integer> {
    private static final List<String> MONITORS = List.of("train-cost", "train-acc", "eval-cost", "eval-acc");

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

    @Option(names = "--cost", defaultValue = "quadratic",
            description = "quadratic, cross-entropy or log-likelihood. Default: ${DEFAULT-VALUE}")
    String cost;

    @Option(names = "--activation", defaultValue = "sigmoid", paramLabel = "HIDDEN[/OUTPUT]",
            description = "sigmoid, tanh, relu, identity; the output layer may differ, e.g. relu/softmax. Default: ${DEFAULT-VALUE}")
    String activation;

    @Option(names = "--init", defaultValue = "gaussian",
            description = "gaussian (N(0,1)), scaled (N(0,1/sqrt(n_in))), xavier or he. Default: ${DEFAULT-VALUE}")
    String init;

    @Option(names = "--lambda", defaultValue = "0", description = "L2 regularisation strength. Default: ${DEFAULT-VALUE}")
    double lambda;

    @Option(names = "--l1", defaultValue = "0", description = "L1 regularisation strength. Default: ${DEFAULT-VALUE}")
    double l1;

    @Option(names = "--momentum", defaultValue = "0", description = "Momentum coefficient in [0, 1). Default: ${DEFAULT-VALUE}")
    double momentum;

    @Option(names = "--monitor", split = ",", defaultValue = "eval-acc", paramLabel = "WHAT,...",
            description = "Any of train-cost, train-acc, eval-cost, eval-acc. Default: ${DEFAULT-VALUE}")
    List<String> monitor;

    @Option(names = "--eval", defaultValue = "test", description = "Evaluation data: validation or test. Default: ${DEFAULT-VALUE}")
    String eval;

    @Option(names = "--out", paramLabel = "FILE", description = "Write the final network to FILE as JSON.")
    Path out;

    @Mixin
    DataOptions data;

    @Override
    public Integer call() {
        Settings settings = parseSettings();
        PrintWriter stdout = spec.commandLine().getOut();
        Mnist mnist = data.load();
        requireSizesFit(mnist.training());
        Dataset evaluation = eval.equals("validation") ? mnist.validation() : mnist.test();

        Network start = Network.of(sizes).activations(settings.hidden(), settings.output())
                .initialize(settings.init(), seed(seed));
        ProgressBar bar = System.console() != null ? new ProgressBar(stdout) : null;
        Sgd sgd = Sgd.eta(eta).miniBatch(batch).cost(settings.cost());
        if (lambda > 0) {
            sgd = sgd.l2(lambda);
        }
        if (l1 > 0) {
            sgd = sgd.l1(l1);
        }
        if (momentum > 0) {
            sgd = sgd.momentum(momentum);
        }
        if (bar != null) {
            sgd = sgd.withProgress(bar);
        }
        Monitor monitors = Monitor.of(mnist.training(), evaluation, settings.cost()).withL2(lambda)
                .measuring(monitor.contains("train-cost"), monitor.contains("train-acc"),
                        monitor.contains("eval-cost"), monitor.contains("eval-acc"));
        stdout.println("Training " + start.sizes().mkString("-") + " (" + settings.describeLayers() + ") on "
                + mnist.training().size() + " images: " + epochs + " epochs, mini-batch " + batch + ", eta " + eta
                + ", " + settings.cost().name() + " cost, " + settings.init().name() + " init"
                + (lambda > 0 ? ", L2 lambda " + lambda : "") + (l1 > 0 ? ", L1 lambda " + l1 : "")
                + (momentum > 0 ? ", momentum " + momentum : "") + ", seed " + seed + "; evaluating on " + eval + " data");

        DivergenceCheck divergence = new DivergenceCheck(mnist.training(), settings.cost(), start);
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
            last = monitors.apply(trained);
            stdout.println("Epoch " + last.index() + ": " + describe(last.metrics()) + "  " + Text.decimals(seconds, 2) + " s");
            var problem = divergence.check(last);
            if (problem.isDefined()) {
                spec.commandLine().getErr().println("purenet: training diverged at epoch " + last.index() + ": "
                        + problem.get() + "; no network was written. Try a smaller --eta.");
                return Main.FAILED;
            }
            if (isBetter(last, best)) {
                best = last;
            }
        }
        if (best != null) {
            stdout.println("Best: epoch " + best.index() + ", " + describeBest(best.metrics()) + " on the " + eval + " set");
        }
        if (out != null) {
            Snapshots.write(out, last.network());
            stdout.println("Wrote the final network (epoch " + last.index() + ") to " + out);
        }
        return 0;
    }

    /** The parsed named choices; each bad one is a usage error naming the flag. */
    private record Settings(Cost cost, Activation hidden, Activation output, Init init) {
        String describeLayers() {
            return hidden.name().equals(output.name()) ? hidden.name() : hidden.name() + "/" + output.name();
        }
    }

    private Settings parseSettings() {
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
        requireNonNegative("--lambda", lambda);
        requireNonNegative("--l1", l1);
        if (!(momentum >= 0 && momentum < 1)) {
            throw usage("--momentum must be in [0, 1), got " + momentum);
        }
        for (String m : monitor) {
            if (!MONITORS.contains(m)) {
                throw usage("--monitor takes " + String.join(", ", MONITORS) + "; got '" + m + "'");
            }
        }
        if (!eval.equals("validation") && !eval.equals("test")) {
            throw usage("--eval must be validation or test, got '" + eval + "'");
        }
        String[] parts = activation.split("/", -1);
        if (parts.length > 2) {
            throw usage("--activation takes HIDDEN or HIDDEN/OUTPUT, got '" + activation + "'");
        }
        Activation hidden = named("--activation", () -> Activation.named(parts[0]));
        Activation output = parts.length == 2 ? named("--activation", () -> Activation.named(parts[1])) : hidden;
        if (hidden == Activation.softmax()) {
            throw usage("--activation: softmax is for the output layer only, e.g. sigmoid/softmax");
        }
        return new Settings(named("--cost", () -> Cost.named(cost)), hidden, output, named("--init", () -> Init.named(init)));
    }

    private void requireNonNegative(String flag, double value) {
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw usage(flag + " must be a number >= 0, got " + value);
        }
    }

    private <T> T named(String flag, java.util.function.Supplier<T> lookup) {
        try {
            return lookup.get();
        } catch (IllegalArgumentException e) {
            throw usage(flag + ": " + e.getMessage());
        }
    }

    /** Better by evaluation accuracy if measured, else by lower evaluation cost, else by nothing. */
    private static boolean isBetter(Epoch candidate, Epoch best) {
        Metrics c = candidate.metrics();
        if (best == null) {
            return c.evaluationAccuracy().isDefined() || c.evaluationCost().isDefined();
        }
        Metrics b = best.metrics();
        if (c.evaluationAccuracy().isDefined()) {
            return c.evaluationAccuracy().get().correct() > b.evaluationAccuracy().get().correct();
        }
        return c.evaluationCost().isDefined() && c.evaluationCost().get() < b.evaluationCost().get();
    }

    /** The book's line when only evaluation accuracy is monitored; labelled parts otherwise. */
    private String describe(Metrics m) {
        if (monitor.equals(List.of("eval-acc"))) {
            return m.evaluationAccuracy().get().toString();
        }
        StringBuilder sb = new StringBuilder();
        m.evaluationAccuracy().forEach(e -> sb.append(eval).append(" ").append(e).append("  "));
        m.evaluationCost().forEach(c -> sb.append(eval).append(" cost ").append(Text.decimals(c, 4)).append("  "));
        m.trainingAccuracy().forEach(e -> sb.append("training ").append(e).append("  "));
        m.trainingCost().forEach(c -> sb.append("training cost ").append(Text.decimals(c, 4)).append("  "));
        return sb.toString().strip();
    }

    private static String describeBest(Metrics m) {
        return m.evaluationAccuracy().map(Object::toString)
                .getOrElse(() -> "cost " + Text.decimals(m.evaluationCost().get(), 4));
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
