package dev.purenet.spark;

import dev.purenet.Activation;
import dev.purenet.Architecture;
import dev.purenet.Cost;
import dev.purenet.Init;
import dev.purenet.Precision;
import dev.purenet.data.Dataset;
import dev.purenet.train.Experiment;
import dev.purenet.train.UpdateRule;
import io.vavr.collection.Vector;
import java.io.Serializable;
import java.util.List;
import java.util.Optional;

/**
 * The hyperparameters of one run of a sweep, as plain numbers and names (what crosses the wire to
 * executors and becomes the columns of the result). The names are those of {@code purenet train}'s
 * options, and {@link #experiment} builds the experiment exactly as that command does, so a run of
 * a sweep replays bit for bit as {@code purenet train} with the same options.
 *
 * @param sizes      layer sizes, input first
 * @param activation one name for every layer, or {@code HIDDEN/OUTPUT} (e.g. {@code relu/softmax})
 * @param eta        learning rate
 * @param lambda     L2 regularisation strength, 0 for none
 * @param optimizer  sgd, momentum, nesterov, adam or rmsprop, with the CLI's default coefficients
 * @param miniBatch  mini-batch size
 * @param seed       seed for initialisation and shuffling
 * @param cost       quadratic, cross-entropy or log-likelihood
 * @param init       gaussian, scaled, xavier or he
 * @param threads    blocks each mini-batch is split into ({@code purenet train --threads}), 1 to 64
 * @param precision  float64 or float32 ({@code purenet train --precision})
 */
public record RunSettings(List<Integer> sizes, String activation, double eta, double lambda, String optimizer,
                          int miniBatch, long seed, String cost, String init, int threads, String precision) implements Serializable {
    private static final long serialVersionUID = 1L;

    /** The optimizers by name, as {@code purenet train --optimizer} knows them. */
    public static final List<String> OPTIMIZERS = List.of("sgd", "momentum", "nesterov", "adam", "rmsprop");

    /** Copies the sizes; names are checked by {@link #experiment}. */
    public RunSettings {
        sizes = List.copyOf(sizes);
    }

    /**
     * The defaults of {@code purenet train}: the book's chapter-1 run (784-30-10 sigmoid, η 3.0,
     * mini-batch 10, quadratic cost, Gaussian initialisation, plain SGD, seed 1).
     *
     * @return the settings
     */
    public static RunSettings defaults() {
        return new RunSettings(List.of(784, 30, 10), "sigmoid", 3.0, 0.0, "sgd", 10, 1, "quadratic", "gaussian", 1, "float64");
    }

    RunSettings withSizes(List<Integer> newSizes) {
        return new RunSettings(newSizes, activation, eta, lambda, optimizer, miniBatch, seed, cost, init, threads, precision);
    }

    RunSettings withActivation(String newActivation) {
        return new RunSettings(sizes, newActivation, eta, lambda, optimizer, miniBatch, seed, cost, init, threads, precision);
    }

    RunSettings withEta(double newEta) {
        return new RunSettings(sizes, activation, newEta, lambda, optimizer, miniBatch, seed, cost, init, threads, precision);
    }

    RunSettings withLambda(double newLambda) {
        return new RunSettings(sizes, activation, eta, newLambda, optimizer, miniBatch, seed, cost, init, threads, precision);
    }

    RunSettings withOptimizer(String newOptimizer) {
        return new RunSettings(sizes, activation, eta, lambda, newOptimizer, miniBatch, seed, cost, init, threads, precision);
    }

    RunSettings withMiniBatch(int newMiniBatch) {
        return new RunSettings(sizes, activation, eta, lambda, optimizer, newMiniBatch, seed, cost, init, threads, precision);
    }

    RunSettings withSeed(long newSeed) {
        return new RunSettings(sizes, activation, eta, lambda, optimizer, miniBatch, newSeed, cost, init, threads, precision);
    }

    RunSettings withCost(String newCost) {
        return new RunSettings(sizes, activation, eta, lambda, optimizer, miniBatch, seed, newCost, init, threads, precision);
    }

    RunSettings withInit(String newInit) {
        return new RunSettings(sizes, activation, eta, lambda, optimizer, miniBatch, seed, cost, newInit, threads, precision);
    }

    RunSettings withThreads(int newThreads) {
        return new RunSettings(sizes, activation, eta, lambda, optimizer, miniBatch, seed, cost, init, newThreads, precision);
    }

    RunSettings withPrecision(String newPrecision) {
        return new RunSettings(sizes, activation, eta, lambda, optimizer, miniBatch, seed, cost, init, threads, newPrecision);
    }

    /**
     * The sizes written the book's way, e.g. {@code 784-30-10}.
     *
     * @return the sizes joined by '-'
     */
    public String sizesText() {
        return String.join("-", sizes.stream().map(String::valueOf).toList());
    }

    /**
     * The experiment these settings stand for: the construction of {@code purenet train} (L2
     * decay before the optimizer; momentum and Nesterov with μ 0.9, Adam and RMSProp with their
     * usual coefficients).
     *
     * @param epochs        the most epochs to train
     * @param earlyStopping epochs without a better evaluation accuracy before stopping, if any
     * @param training      the training data, whose fingerprint the experiment records
     * @return the experiment
     * @throws IllegalArgumentException naming the setting that is out of range or unknown
     */
    public Experiment experiment(int epochs, Optional<Integer> earlyStopping, Dataset training) {
        if (sizes.size() < 2 || sizes.stream().anyMatch(s -> s < 1)) {
            throw new IllegalArgumentException("sizes must be at least two positive numbers, got " + sizesText());
        }
        if (!(lambda >= 0) || Double.isInfinite(lambda)) {
            throw new IllegalArgumentException("lambda must be a number >= 0, got " + lambda);
        }
        Experiment experiment = new Experiment(new Architecture(Vector.ofAll(sizes), activations(),
                named("precision", precision, Precision::of)), named("init", init, Init::named),
                seed, named("cost", cost, Cost::named), eta, miniBatch, rule(), epochs, earlyStopping, Optional.empty(),
                training.fingerprint(), threads);
        experiment.requireData(training);
        return experiment;
    }

    private Vector<Activation> activations() {
        int layers = sizes.size() - 1;
        String[] parts = activation.split("/", -1);
        if (parts.length > 2) {
            throw new IllegalArgumentException("activation takes NAME or HIDDEN/OUTPUT, got '" + activation + "'");
        }
        Activation hidden = named("activation", parts[0].strip(), Activation::named);
        Activation output = parts.length == 2 ? named("activation", parts[1].strip(), Activation::named) : hidden;
        if (hidden == Activation.softmax() && layers > 1) {
            throw new IllegalArgumentException("activation: softmax is for the output layer only, e.g. sigmoid/softmax; got '"
                    + activation + "'");
        }
        return Vector.fill(layers - 1, () -> hidden).append(output);
    }

    private UpdateRule rule() {
        UpdateRule optimizerRule = switch (optimizer) {
            case "sgd" -> UpdateRule.learningRate();
            case "momentum" -> UpdateRule.learningRate().then(UpdateRule.momentum(0.9));
            case "nesterov" -> UpdateRule.learningRate().then(UpdateRule.nesterov(0.9));
            case "adam" -> UpdateRule.adam(0.9, 0.999, 1e-8);
            case "rmsprop" -> UpdateRule.rmsprop(0.9, 1e-8);
            default -> throw new IllegalArgumentException("optimizer takes " + String.join(", ", OPTIMIZERS) + "; got '"
                    + optimizer + "'");
        };
        return lambda > 0 ? UpdateRule.l2(lambda).then(optimizerRule) : optimizerRule;
    }

    private static <T> T named(String what, String name, java.util.function.Function<String, T> lookup) {
        try {
            return lookup.apply(name);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(what + ": " + e.getMessage(), e);
        }
    }
}
