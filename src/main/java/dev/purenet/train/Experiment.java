package dev.purenet.train;

import dev.purenet.Architecture;
import dev.purenet.Cost;
import dev.purenet.Init;
import dev.purenet.Network;
import dev.purenet.Seed;
import dev.purenet.data.Dataset;
import io.vavr.collection.Stream;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Everything that determines a training run, as one immutable value: architecture,
 * initialisation, seed, trainer settings, stopping rules and the SHA-256 fingerprint of the
 * training data. Two runs of the same experiment on data with that fingerprint produce
 * networks equal bit for bit at every epoch (on the same BLAS build; see
 * docs/reproducibility.md), and a run resumed from epoch k continues exactly as the
 * uninterrupted one.
 *
 * <p>Every part is a value (the architecture's activations, the initialiser, the cost, the
 * update chain), built-in or the user's own; records write each as its {@link dev.purenet.Spec},
 * so a part must be registered to be written and read back (see {@link dev.purenet.Registry}).
 *
 * @param architecture    layer sizes, one activation per layer, and the precision
 * @param init            how the parameters are drawn
 * @param seed            drives initialisation and every epoch's shuffle
 * @param cost            the cost minimised
 * @param eta             learning rate (the starting one when halving)
 * @param miniBatch       mini-batch size
 * @param rule            the update chain: weight decay, learning rate or an optimizer, momentum
 * @param epochs          the most epochs to train
 * @param earlyStopping   stop after this many epochs without a better evaluation accuracy
 * @param halveAfter      network2's rule: halve η after this many epochs without improvement, stop at η/128
 * @param dataFingerprint {@link Dataset#fingerprint()} of the training data
 * @param threads         blocks each mini-batch is split into ({@link Sgd#threads(int)}); part of
 *                        the experiment because it changes the last bits
 */
public record Experiment(Architecture architecture, Init init, long seed, Cost cost, double eta, int miniBatch,
                         UpdateRule rule, int epochs, Optional<Integer> earlyStopping, Optional<Integer> halveAfter,
                         String dataFingerprint, int threads) {

    /**
     * Checks every number now, not half-way through a run.
     *
     * @throws IllegalArgumentException if a number is out of range or the fingerprint is not a SHA-256
     */
    public Experiment {
        java.util.Objects.requireNonNull(architecture, "architecture");
        java.util.Objects.requireNonNull(init, "init");
        java.util.Objects.requireNonNull(cost, "cost");
        java.util.Objects.requireNonNull(rule, "rule");
        if (epochs < 1) {
            throw new IllegalArgumentException("epochs must be at least 1, got " + epochs);
        }
        earlyStopping.ifPresent(n -> requirePositive("earlyStopping", n));
        halveAfter.ifPresent(n -> requirePositive("halveAfter", n));
        new Sgd(eta, miniBatch, cost, rule, Schedule.constant(), threads, Sgd.ProgressListener.NONE);
        if (dataFingerprint.length() != 64) {
            throw new IllegalArgumentException("dataFingerprint must be a SHA-256 in hex (64 characters), got '"
                    + dataFingerprint + "'");
        }
    }

    /**
     * An experiment trained on one thread (each mini-batch in one piece).
     *
     * @param architecture    layer sizes and one activation per layer
     * @param init            how the parameters are drawn
     * @param seed            drives initialisation and every epoch's shuffle
     * @param cost            the cost minimised
     * @param eta             learning rate (the starting one when halving)
     * @param miniBatch       mini-batch size
     * @param rule            the update chain
     * @param epochs          the most epochs to train
     * @param earlyStopping   stop after this many epochs without a better evaluation accuracy
     * @param halveAfter      halve η after this many epochs without improvement
     * @param dataFingerprint {@link Dataset#fingerprint()} of the training data
     * @throws IllegalArgumentException if a number is out of range or the fingerprint is not a SHA-256
     */
    public Experiment(Architecture architecture, Init init, long seed, Cost cost, double eta, int miniBatch,
                      UpdateRule rule, int epochs, Optional<Integer> earlyStopping, Optional<Integer> halveAfter,
                      String dataFingerprint) {
        this(architecture, init, seed, cost, eta, miniBatch, rule, epochs, earlyStopping, halveAfter, dataFingerprint, 1);
    }

    /**
     * An experiment with the book's chapter-1 trainer settings (quadratic cost, η 3.0,
     * mini-batch 10, plain SGD, 30 epochs), to change with the {@code with...} methods.
     *
     * @param architecture sizes and activations; any activations, one per layer
     * @param init         how parameters are drawn
     * @param seed         the run's seed
     * @param training     the training data, whose fingerprint is recorded
     * @return the experiment
     */
    public static Experiment of(Architecture architecture, Init init, long seed, Dataset training) {
        return new Experiment(architecture, init, seed, Cost.quadratic(), 3.0, 10, UpdateRule.learningRate(), 30,
                Optional.empty(), Optional.empty(), training.fingerprint());
    }

    /**
     * Layer sizes, input first.
     *
     * @return the architecture's sizes, an unmodifiable {@code java.util.List}
     */
    public java.util.List<Integer> sizes() {
        return architecture.sizes().asJava();
    }

    /**
     * The precision the run computes in, the architecture's.
     *
     * @return float64 unless the architecture says float32
     */
    public dev.purenet.Precision precision() {
        return architecture.precision();
    }

    /**
     * The same experiment computing in another precision.
     *
     * @param newPrecision float64 or float32
     * @return the new experiment
     */
    public Experiment withPrecision(dev.purenet.Precision newPrecision) {
        return withArchitecture(architecture.withPrecision(newPrecision));
    }

    /**
     * The same experiment with another architecture: other layers, sizes or activations.
     *
     * @param newArchitecture the layers to train
     * @return the new experiment; the data fingerprint is kept, so the architecture must fit the same data
     */
    public Experiment withArchitecture(Architecture newArchitecture) {
        return new Experiment(newArchitecture, init, seed, cost, eta, miniBatch, rule, epochs, earlyStopping, halveAfter,
                dataFingerprint, threads);
    }

    /**
     * The total L2 strength λ in the update chain, for the regularisation term of reported costs.
     *
     * @return the sum of the chain's l2 links' λ, 0 without any
     */
    public double l2() {
        return penalty("l2");
    }

    /**
     * The total L1 strength λ in the update chain.
     *
     * @return the sum of the chain's l1 links' λ, 0 without any
     */
    public double l1() {
        return penalty("l1");
    }

    private double penalty(String name) {
        return rule.links().filter(link -> link.name().equals(name)).map(link -> link.get("lambda")).sum().doubleValue();
    }

    /**
     * The same experiment with another cost.
     *
     * @param newCost the cost
     * @return the new experiment
     */
    public Experiment withCost(Cost newCost) {
        return new Experiment(architecture, init, seed, newCost, eta, miniBatch, rule, epochs, earlyStopping, halveAfter,
                dataFingerprint, threads);
    }

    /**
     * The same experiment with another learning rate.
     *
     * @param newEta η, positive and finite
     * @return the new experiment
     */
    public Experiment withEta(double newEta) {
        return new Experiment(architecture, init, seed, cost, newEta, miniBatch, rule, epochs, earlyStopping, halveAfter,
                dataFingerprint, threads);
    }

    /**
     * The same experiment with another mini-batch size.
     *
     * @param size at least 1
     * @return the new experiment
     */
    public Experiment withMiniBatch(int size) {
        return new Experiment(architecture, init, seed, cost, eta, size, rule, epochs, earlyStopping, halveAfter,
                dataFingerprint, threads);
    }

    /**
     * The same experiment with another update chain.
     *
     * @param newRule e.g. {@code UpdateRule.l2(5.0).then(UpdateRule.adam())}
     * @return the new experiment
     */
    public Experiment withRule(UpdateRule newRule) {
        return new Experiment(architecture, init, seed, cost, eta, miniBatch, newRule, epochs, earlyStopping, halveAfter,
                dataFingerprint, threads);
    }

    /**
     * L2 weight decay before the current chain.
     *
     * @param lambda λ, finite and not negative
     * @return the new experiment
     */
    public Experiment withL2(double lambda) {
        return withRule(UpdateRule.l2(lambda).then(rule));
    }

    /**
     * L1 weight decay before the current chain.
     *
     * @param lambda λ, finite and not negative
     * @return the new experiment
     */
    public Experiment withL1(double lambda) {
        return withRule(UpdateRule.l1(lambda).then(rule));
    }

    /**
     * Momentum after the current chain.
     *
     * @param mu μ, in [0, 1)
     * @return the new experiment
     */
    public Experiment withMomentum(double mu) {
        return withRule(rule.then(UpdateRule.momentum(mu)));
    }

    /**
     * The same experiment with another epoch limit.
     *
     * @param most at least 1
     * @return the new experiment
     */
    public Experiment withEpochs(int most) {
        return new Experiment(architecture, init, seed, cost, eta, miniBatch, rule, most, earlyStopping, halveAfter,
                dataFingerprint, threads);
    }

    /**
     * Early stopping on evaluation accuracy.
     *
     * @param patience epochs without improvement before stopping, at least 1
     * @return the new experiment
     */
    public Experiment withEarlyStopping(int patience) {
        return new Experiment(architecture, init, seed, cost, eta, miniBatch, rule, epochs, Optional.of(patience), halveAfter,
                dataFingerprint, threads);
    }

    /**
     * network2's halving rule.
     *
     * @param patience epochs without improvement before η is halved, at least 1
     * @return the new experiment
     */
    public Experiment withHalving(int patience) {
        return new Experiment(architecture, init, seed, cost, eta, miniBatch, rule, epochs, earlyStopping, Optional.of(patience),
                dataFingerprint, threads);
    }

    /**
     * The same experiment trained with each mini-batch split into {@code count} blocks on as many
     * threads ({@link Sgd#threads(int)}): other last bits than one thread, the same on every replay.
     *
     * @param count 1 to {@link Sgd#MAX_THREADS}
     * @return the new experiment
     * @throws IllegalArgumentException if {@code count} is out of range
     */
    public Experiment withThreads(int count) {
        return new Experiment(architecture, init, seed, cost, eta, miniBatch, rule, epochs, earlyStopping, halveAfter,
                dataFingerprint, count);
    }

    /**
     * The same experiment from another seed: another initial network and other shuffles, as
     * for the members of an ensemble ({@link Ensembles#train}).
     *
     * @param newSeed the seed
     * @return the new experiment
     */
    public Experiment withSeed(long newSeed) {
        return new Experiment(architecture, init, newSeed, cost, eta, miniBatch, rule, epochs, earlyStopping, halveAfter,
                dataFingerprint, threads);
    }

    private static void requirePositive(String what, int n) {
        if (n < 1) {
            throw new IllegalArgumentException(what + " must be at least 1 epoch, got " + n);
        }
    }

    /**
     * The untrained network: epoch 0.
     *
     * @return the network drawn from the seed; the same on every call
     */
    public Network initialNetwork() {
        return architecture.initialize(init, Seed.seed(seed));
    }

    /**
     * The trainer settings: cost, mini-batch, η, the update chain and the threads.
     *
     * @return the configuration, without a progress listener
     */
    public Sgd sgd() {
        return new Sgd(eta, miniBatch, cost, rule, Schedule.constant(), threads, Sgd.ProgressListener.NONE);
    }

    /**
     * Epoch 0 of this experiment.
     *
     * @return the initial network with this experiment's seed
     */
    public Epoch start() {
        return Epoch.start(initialNetwork(), Seed.seed(seed));
    }

    /**
     * The whole run, lazily: epoch 0, then each trained epoch measured by {@code monitor},
     * ending after {@link #epochs} epochs or earlier by the stopping rules.
     *
     * @param training the training data; its fingerprint must match
     * @param monitor  measures each trained epoch; must measure the evaluation accuracy when a
     *                 stopping rule is set
     * @param progress told after each mini-batch
     * @return the lazy stream, at most {@code epochs + 1} long
     * @throws IllegalArgumentException if {@code training} is not the recorded data
     */
    public Stream<Epoch> run(Dataset training, UnaryOperator<Epoch> monitor, Sgd.ProgressListener progress) {
        return resume(start(), training, monitor, progress);
    }

    /**
     * {@link #run(Dataset, UnaryOperator, Sgd.ProgressListener)} without a progress listener.
     *
     * @param training the training data; its fingerprint must match
     * @param monitor  measures each trained epoch
     * @return the lazy stream
     * @throws IllegalArgumentException if {@code training} is not the recorded data
     */
    public Stream<Epoch> run(Dataset training, UnaryOperator<Epoch> monitor) {
        return run(training, monitor, Sgd.ProgressListener.NONE);
    }

    /**
     * {@link #resume(Epoch, Dataset, UnaryOperator, Sgd.ProgressListener)} without a progress listener.
     *
     * @param from     an epoch recorded by an earlier run of this experiment
     * @param training the training data; its fingerprint must match
     * @param monitor  measures each trained epoch
     * @return the lazy stream, starting with {@code from}
     * @throws IllegalArgumentException if {@code training} is not the recorded data or
     *         {@code from} has another seed
     */
    public Stream<Epoch> resume(Epoch from, Dataset training, UnaryOperator<Epoch> monitor) {
        return resume(from, training, monitor, Sgd.ProgressListener.NONE);
    }

    /**
     * Continues the run from {@code from} (epoch k as recorded by an earlier run of this
     * experiment): the stream starts with {@code from} and its epochs k+1… equal those of the
     * uninterrupted run. Stopping rules look back only at epochs after {@code from}, except
     * that halving starts from the learning rate {@code from} was trained with.
     *
     * @param from     an epoch recorded by an earlier run of this experiment
     * @param training the training data; its fingerprint must match
     * @param monitor  measures each trained epoch
     * @param progress told after each mini-batch
     * @return the lazy stream, starting with {@code from} and ending by epoch {@code epochs}
     * @throws IllegalArgumentException if {@code training} is not the recorded data or
     *         {@code from} has another seed or precision
     */
    public Stream<Epoch> resume(Epoch from, Dataset training, UnaryOperator<Epoch> monitor, Sgd.ProgressListener progress) {
        requireData(training);
        if (from.seed().value() != seed) {
            throw new IllegalArgumentException("epoch " + from.index() + " was trained with seed " + from.seed().value()
                    + " but this experiment's seed is " + seed);
        }
        if (from.network().precision() != precision()) {
            throw new IllegalArgumentException("epoch " + from.index() + " is a " + from.network().precision().label()
                    + " network but this experiment computes in " + precision().label());
        }
        Sgd sgd = sgd().withProgress(progress);
        Stream<Epoch> stream = halveAfter.isPresent()
                ? Plateau.halving(sgd, training, monitor, halveAfter.get()).epochs(from)
                : sgd.on(training).epochs(from).map(e -> e.index() == from.index() ? e : monitor.apply(e));
        // take, not takeWhile: takeWhile would train one epoch too many to see that it is past the end.
        Stream<Epoch> limited = stream.take(Math.max(1, epochs - from.index() + 1));
        if (earlyStopping.isEmpty()) {
            return limited;
        }
        // The starting epoch is not judged: epoch 0 has no accuracy, and a resumed one was judged before.
        return Stream.cons(limited.head(), () -> limited.tail().transform(Epochs.noImprovementIn(earlyStopping.get())));
    }

    /**
     * Throws unless {@code training} is the data this experiment was recorded with.
     *
     * @param training the data to check, by its {@link Dataset#fingerprint()}
     * @throws IllegalArgumentException if the fingerprints differ
     */
    public void requireData(Dataset training) {
        String actual = training.fingerprint();
        if (!actual.equals(dataFingerprint)) {
            throw new IllegalArgumentException("the training data's SHA-256 is " + actual
                    + " but the experiment was recorded with " + dataFingerprint + "; replay needs the same data");
        }
    }
}
