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
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The hyperparameters of one run of a sweep, as plain numbers and names (what crosses the wire to
 * executors and becomes the columns of the result). The names are those of {@code purenet train}'s
 * options, and {@link #experiment} builds the experiment exactly as that command does, so a run of
 * a sweep replays bit for bit as {@code purenet train} with the same options.
 *
 * @param sizes      layer sizes, input first
 * @param activation one name for every layer, or {@code HIDDEN/OUTPUT} (e.g. {@code relu/softmax})
 * @param layers     the network layer by layer in {@code purenet train --layers}'s grammar (e.g.
 *                   {@code conv 20x5x5 relu, pool 2, dense 100 relu, softmax 10}), or empty for the
 *                   dense network of {@code sizes} and {@code activation}, which it replaces
 * @param eta        learning rate
 * @param lambda     L2 regularisation strength, 0 for none
 * @param optimizer  sgd, momentum, nesterov, adam or rmsprop
 * @param coefficients the optimizer's coefficients that differ from {@code purenet train}'s
 *                   defaults, by the names of its options without "--" (momentum, beta1, beta2,
 *                   epsilon, rho); empty for the defaults
 * @param miniBatch  mini-batch size
 * @param seed       seed for initialisation and shuffling
 * @param cost       quadratic, cross-entropy or log-likelihood
 * @param init       gaussian, scaled, xavier, he or network3
 * @param threads    blocks each mini-batch is split into ({@code purenet train --threads}), 1 to 64
 * @param precision  float64 or float32 ({@code purenet train --precision})
 */
public record RunSettings(List<Integer> sizes, String activation, String layers, double eta, double lambda, String optimizer,
                          Map<String, Double> coefficients, int miniBatch, long seed, String cost, String init, int threads,
                          String precision) implements Serializable {
    private static final long serialVersionUID = 1L;


    /**
     * Copies the sizes and the coefficients, in {@link UpdateRule#OPTIMIZER_COEFFICIENTS}' order and
     * without those whose value is null (a missing {@code layers} or {@code coefficients}, as in
     * results written before them, is empty); names and values are checked by {@link #experiment}.
     */
    public RunSettings {
        sizes = List.copyOf(sizes);
        layers = layers == null ? "" : layers.strip();
        Map<String, Double> ordered = new TreeMap<>(Comparator.comparingInt((String name) -> UpdateRule.OPTIMIZER_COEFFICIENTS.indexOf(name))
                .thenComparing(Comparator.naturalOrder()));
        if (coefficients != null) {
            coefficients.forEach((name, value) -> {
                if (value != null) {
                    ordered.put(name, value);
                }
            });
        }
        coefficients = Collections.unmodifiableMap(new LinkedHashMap<>(ordered));
    }

    /**
     * The defaults of {@code purenet train}: the book's chapter-1 run (784-30-10 sigmoid, η 3.0,
     * mini-batch 10, quadratic cost, Gaussian initialisation, plain SGD, seed 1).
     *
     * @return the settings
     */
    public static RunSettings defaults() {
        return new RunSettings(List.of(784, 30, 10), "sigmoid", "", 3.0, 0.0, "sgd", Map.of(), 10, 1, "quadratic", "gaussian", 1, "float64");
    }

    RunSettings withSizes(List<Integer> newSizes) {
        return edit(b -> b.sizes = newSizes);
    }

    RunSettings withActivation(String newActivation) {
        return edit(b -> b.activation = newActivation);
    }

    /** Layers instead of sizes and activation, which it empties (a layer description names both). */
    RunSettings withLayers(String newLayers) {
        return edit(b -> {
            b.layers = newLayers;
            b.sizes = List.of();
            b.activation = "";
        });
    }

    RunSettings withEta(double newEta) {
        return edit(b -> b.eta = newEta);
    }

    RunSettings withLambda(double newLambda) {
        return edit(b -> b.lambda = newLambda);
    }

    RunSettings withOptimizer(String newOptimizer) {
        return edit(b -> b.optimizer = newOptimizer);
    }

    /** One coefficient of the optimizer, by its name in {@link UpdateRule#OPTIMIZER_COEFFICIENTS}. */
    RunSettings withCoefficient(String name, double value) {
        return edit(b -> {
            Map<String, Double> changed = new LinkedHashMap<>(b.coefficients);
            changed.put(name, value);
            b.coefficients = changed;
        });
    }

    RunSettings withMiniBatch(int newMiniBatch) {
        return edit(b -> b.miniBatch = newMiniBatch);
    }

    RunSettings withSeed(long newSeed) {
        return edit(b -> b.seed = newSeed);
    }

    RunSettings withCost(String newCost) {
        return edit(b -> b.cost = newCost);
    }

    RunSettings withInit(String newInit) {
        return edit(b -> b.init = newInit);
    }

    RunSettings withThreads(int newThreads) {
        return edit(b -> b.threads = newThreads);
    }

    RunSettings withPrecision(String newPrecision) {
        return edit(b -> b.precision = newPrecision);
    }

    private RunSettings edit(java.util.function.Consumer<Copy> change) {
        Copy copy = new Copy(this);
        change.accept(copy);
        return copy.settings();
    }

    /** The components as fields, so that each wither names only what it changes. */
    private static final class Copy {
        List<Integer> sizes;
        String activation;
        String layers;
        double eta;
        double lambda;
        String optimizer;
        Map<String, Double> coefficients;
        int miniBatch;
        long seed;
        String cost;
        String init;
        int threads;
        String precision;

        Copy(RunSettings s) {
            sizes = s.sizes;
            activation = s.activation;
            layers = s.layers;
            eta = s.eta;
            lambda = s.lambda;
            optimizer = s.optimizer;
            coefficients = s.coefficients;
            miniBatch = s.miniBatch;
            seed = s.seed;
            cost = s.cost;
            init = s.init;
            threads = s.threads;
            precision = s.precision;
        }

        RunSettings settings() {
            return new RunSettings(sizes, activation, layers, eta, lambda, optimizer, coefficients, miniBatch, seed, cost, init, threads,
                    precision);
        }
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
     * decay before the optimizer, which {@link UpdateRule#optimizer} builds from its name and
     * coefficients).
     *
     * @param epochs        the most epochs to train
     * @param earlyStopping epochs without a better evaluation accuracy before stopping, if any
     * @param training      the training data, whose fingerprint the experiment records
     * @return the experiment
     * @throws IllegalArgumentException naming the setting that is out of range or unknown
     */
    public Experiment experiment(int epochs, Optional<Integer> earlyStopping, Dataset training) {
        if (!(lambda >= 0) || Double.isInfinite(lambda)) {
            throw new IllegalArgumentException("lambda must be a number >= 0, got " + lambda);
        }
        Architecture architecture = (layers.isEmpty() ? dense() : layered(training))
                .withPrecision(named("precision", precision, Precision::of));
        Experiment experiment = new Experiment(architecture, named("init", init, Init::named),
                seed, named("cost", cost, Cost::named), eta, miniBatch, rule(), epochs, earlyStopping, Optional.empty(),
                training.fingerprint(), threads);
        experiment.requireData(training);
        return experiment;
    }

    private Architecture dense() {
        if (sizes.size() < 2 || sizes.stream().anyMatch(s -> s < 1)) {
            throw new IllegalArgumentException("sizes must be at least two positive numbers, got " + sizesText());
        }
        return new Architecture(Vector.ofAll(sizes), activations());
    }

    /** The layers over the data's images, as {@code purenet train --layers} reads them. */
    private Architecture layered(Dataset training) {
        if (!sizes.isEmpty() || !activation.isEmpty()) {
            throw new IllegalArgumentException("layers describes every layer with its activation, so it replaces sizes ("
                    + sizesText() + ") and activation (" + activation + "); give one or the other");
        }
        try {
            var image = training.imageShape();
            return image.isPresent() ? Architecture.layers(layers, 1, image.get().rows(), image.get().columns())
                    : Architecture.layers(layers, training.features());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("layers: " + e.getMessage(), e);
        }
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
        UpdateRule optimizerRule = UpdateRule.optimizer(optimizer, coefficients);
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
