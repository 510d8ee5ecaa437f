package dev.purenet.train;

import dev.purenet.Activation;
import dev.purenet.Architecture;
import dev.purenet.Cost;
import dev.purenet.Init;
import dev.purenet.Network;
import dev.purenet.Seed;
import dev.purenet.data.Dataset;
import io.vavr.collection.Stream;
import io.vavr.collection.Vector;
import io.vavr.control.Option;
import java.util.function.UnaryOperator;

/**
 * Everything that determines a training run, as one immutable value: architecture,
 * initialisation, seed, trainer settings, stopping rules and the SHA-256 fingerprint of the
 * training data. Two runs of the same experiment on data with that fingerprint produce
 * networks equal bit for bit at every epoch (on the same BLAS build; see
 * docs/reproducibility.md), and a run resumed from epoch k continues exactly as the
 * uninterrupted one.
 *
 * @param sizes           layer sizes, input first
 * @param hidden          activation name of the hidden layers
 * @param output          activation name of the output layer
 * @param init            initialiser name ({@link Init#named})
 * @param seed            drives initialisation and every epoch's shuffle
 * @param cost            cost name ({@link Cost#named})
 * @param eta             learning rate (the starting one when halving)
 * @param miniBatch       mini-batch size
 * @param l2              L2 strength λ (0 for none)
 * @param l1              L1 strength λ (0 for none)
 * @param momentum        momentum coefficient μ (0 for none)
 * @param epochs          the most epochs to train
 * @param earlyStopping   stop after this many epochs without a better evaluation accuracy
 * @param halveAfter      network2's rule: halve η after this many epochs without improvement, stop at η/128
 * @param dataFingerprint {@link Dataset#fingerprint()} of the training data
 */
public record Experiment(Vector<Integer> sizes, String hidden, String output, String init, long seed, String cost,
                         double eta, int miniBatch, double l2, double l1, double momentum, int epochs,
                         Option<Integer> earlyStopping, Option<Integer> halveAfter, String dataFingerprint) {

    /**
     * Resolves every name and checks every number, so that a bad experiment fails here and
     * not half-way through a run.
     *
     * @param sizes           layer sizes, input first
     * @param hidden          activation name of the hidden layers
     * @param output          activation name of the output layer
     * @param init            initialiser name ({@link Init#named})
     * @param seed            drives initialisation and every epoch's shuffle
     * @param cost            cost name ({@link Cost#named})
     * @param eta             learning rate (the starting one when halving)
     * @param miniBatch       mini-batch size
     * @param l2              L2 strength λ (0 for none)
     * @param l1              L1 strength λ (0 for none)
     * @param momentum        momentum coefficient μ (0 for none)
     * @param epochs          the most epochs to train
     * @param earlyStopping   stop after this many epochs without a better evaluation accuracy
     * @param halveAfter      network2's rule: halve η after this many epochs without improvement, stop at η/128
     * @param dataFingerprint {@link Dataset#fingerprint()} of the training data
     * @throws IllegalArgumentException if a name is unknown, the sizes are invalid, {@code epochs}
     *         or a patience is less than 1, η is not positive and finite, the mini-batch size is
     *         less than 1 or the fingerprint is not 64 characters
     */
    public Experiment {
        // Fail at construction, not half-way through a run: resolve every name and check every number now.
        Activation.named(hidden);
        Activation.named(output);
        Init.named(init);
        Cost.named(cost);
        Network.of(sizes.toJavaStream().mapToInt(Integer::intValue).toArray());
        if (epochs < 1) {
            throw new IllegalArgumentException("epochs must be at least 1, got " + epochs);
        }
        earlyStopping.forEach(n -> requirePositive("earlyStopping", n));
        halveAfter.forEach(n -> requirePositive("halveAfter", n));
        new Sgd(eta, miniBatch, Cost.named(cost), UpdateRule.learningRate(), Schedule.constant(), Sgd.ProgressListener.NONE);
        UpdateRule.l2(l2);
        UpdateRule.l1(l1);
        UpdateRule.momentum(momentum);
        if (dataFingerprint.length() != 64) {
            throw new IllegalArgumentException("dataFingerprint must be a SHA-256 in hex (64 characters), got '"
                    + dataFingerprint + "'");
        }
    }

    /**
     * An experiment with the book's chapter-1 trainer (quadratic cost, η = 3.0, mini-batch 10,
     * no regularisation, 30 epochs); change any setting with the {@code with…} methods:
     * {@code Experiment.of(Network.of(784, 30, 10).sigmoid(), Init.gaussian(), 42, mnist.training()).withEta(0.5)}.
     * Every hidden layer must share one activation.
     *
     * @param architecture sizes and activations
     * @param init         the initialiser, recorded by name
     * @param seed         drives initialisation and every epoch's shuffle
     * @param training     the training data, recorded by its fingerprint
     * @return the experiment
     * @throws IllegalArgumentException if the hidden layers have different activations
     */
    public static Experiment of(Architecture architecture, Init init, long seed, Dataset training) {
        Vector<Activation> activations = architecture.activations();
        Vector<Activation> hiddenLayers = activations.dropRight(1);
        if (hiddenLayers.map(Activation::name).distinct().size() > 1) {
            throw new IllegalArgumentException("an experiment records one activation for all hidden layers, got "
                    + hiddenLayers.map(Activation::name).mkString(", "));
        }
        String output = activations.last().name();
        return new Experiment(architecture.sizes(), hiddenLayers.headOption().map(Activation::name).getOrElse(output), output,
                init.name(), seed, Cost.quadratic().name(), 3.0, 10, 0, 0, 0, 30, Option.none(), Option.none(),
                training.fingerprint());
    }

    /**
     * The same experiment with another cost.
     *
     * @param newCost recorded by name; must be a built-in
     * @return the new experiment
     * @throws IllegalArgumentException if the cost is not a built-in
     */
    public Experiment withCost(Cost newCost) {
        return new Experiment(sizes, hidden, output, init, seed, newCost.name(), eta, miniBatch, l2, l1, momentum, epochs,
                earlyStopping, halveAfter, dataFingerprint);
    }

    /**
     * The same experiment with another learning rate.
     *
     * @param newEta η, positive and finite (the starting one when halving)
     * @return the new experiment
     * @throws IllegalArgumentException if {@code newEta} is not positive and finite
     */
    public Experiment withEta(double newEta) {
        return new Experiment(sizes, hidden, output, init, seed, cost, newEta, miniBatch, l2, l1, momentum, epochs,
                earlyStopping, halveAfter, dataFingerprint);
    }

    /**
     * The same experiment with another mini-batch size.
     *
     * @param size examples per mini-batch, at least 1
     * @return the new experiment
     * @throws IllegalArgumentException if {@code size} is less than 1
     */
    public Experiment withMiniBatch(int size) {
        return new Experiment(sizes, hidden, output, init, seed, cost, eta, size, l2, l1, momentum, epochs,
                earlyStopping, halveAfter, dataFingerprint);
    }

    /**
     * The same experiment with L2 weight decay.
     *
     * @param lambda λ; 0 for none
     * @return the new experiment
     */
    public Experiment withL2(double lambda) {
        return new Experiment(sizes, hidden, output, init, seed, cost, eta, miniBatch, lambda, l1, momentum, epochs,
                earlyStopping, halveAfter, dataFingerprint);
    }

    /**
     * The same experiment with L1 weight decay.
     *
     * @param lambda λ; 0 for none
     * @return the new experiment
     */
    public Experiment withL1(double lambda) {
        return new Experiment(sizes, hidden, output, init, seed, cost, eta, miniBatch, l2, lambda, momentum, epochs,
                earlyStopping, halveAfter, dataFingerprint);
    }

    /**
     * The same experiment with momentum.
     *
     * @param mu μ, in [0, 1); 0 for none
     * @return the new experiment
     */
    public Experiment withMomentum(double mu) {
        return new Experiment(sizes, hidden, output, init, seed, cost, eta, miniBatch, l2, l1, mu, epochs,
                earlyStopping, halveAfter, dataFingerprint);
    }

    /**
     * The same experiment with another limit on the number of epochs.
     *
     * @param most the most epochs to train, at least 1
     * @return the new experiment
     * @throws IllegalArgumentException if {@code most} is less than 1
     */
    public Experiment withEpochs(int most) {
        return new Experiment(sizes, hidden, output, init, seed, cost, eta, miniBatch, l2, l1, momentum, most,
                earlyStopping, halveAfter, dataFingerprint);
    }

    /**
     * Stop after {@code patience} epochs without a better evaluation accuracy.
     *
     * @param patience at least 1
     * @return the new experiment
     * @throws IllegalArgumentException if {@code patience} is less than 1
     */
    public Experiment withEarlyStopping(int patience) {
        return new Experiment(sizes, hidden, output, init, seed, cost, eta, miniBatch, l2, l1, momentum, epochs,
                Option.some(patience), halveAfter, dataFingerprint);
    }

    /**
     * network2's rule: halve η after {@code patience} epochs without improvement, stop at η/128.
     *
     * @param patience at least 1
     * @return the new experiment
     * @throws IllegalArgumentException if {@code patience} is less than 1
     */
    public Experiment withHalving(int patience) {
        return new Experiment(sizes, hidden, output, init, seed, cost, eta, miniBatch, l2, l1, momentum, epochs,
                earlyStopping, Option.some(patience), dataFingerprint);
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
        return Network.of(sizes.toJavaStream().mapToInt(Integer::intValue).toArray())
                .activations(Activation.named(hidden), Activation.named(output))
                .initialize(Init.named(init), Seed.seed(seed));
    }

    /**
     * The trainer settings: cost, decay, learning rate and momentum composed in that order.
     *
     * @return the configuration, without a progress listener
     * @throws IllegalArgumentException if μ is 1 or more or a λ is infinite (checked here, not at
     *         construction)
     */
    public Sgd sgd() {
        Sgd sgd = Sgd.eta(eta).miniBatch(miniBatch).cost(Cost.named(cost));
        if (l1 > 0) {
            sgd = sgd.l1(l1);
        }
        if (l2 > 0) {
            sgd = sgd.l2(l2);
        }
        return momentum > 0 ? sgd.momentum(momentum) : sgd;
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
     *         {@code from} has another seed
     */
    public Stream<Epoch> resume(Epoch from, Dataset training, UnaryOperator<Epoch> monitor, Sgd.ProgressListener progress) {
        requireData(training);
        if (from.seed().value() != seed) {
            throw new IllegalArgumentException("epoch " + from.index() + " was trained with seed " + from.seed().value()
                    + " but this experiment's seed is " + seed);
        }
        Sgd sgd = sgd().withProgress(progress);
        Stream<Epoch> stream = halveAfter.isDefined()
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
