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

    public Experiment withCost(Cost newCost) {
        return new Experiment(sizes, hidden, output, init, seed, newCost.name(), eta, miniBatch, l2, l1, momentum, epochs,
                earlyStopping, halveAfter, dataFingerprint);
    }

    public Experiment withEta(double newEta) {
        return new Experiment(sizes, hidden, output, init, seed, cost, newEta, miniBatch, l2, l1, momentum, epochs,
                earlyStopping, halveAfter, dataFingerprint);
    }

    public Experiment withMiniBatch(int size) {
        return new Experiment(sizes, hidden, output, init, seed, cost, eta, size, l2, l1, momentum, epochs,
                earlyStopping, halveAfter, dataFingerprint);
    }

    public Experiment withL2(double lambda) {
        return new Experiment(sizes, hidden, output, init, seed, cost, eta, miniBatch, lambda, l1, momentum, epochs,
                earlyStopping, halveAfter, dataFingerprint);
    }

    public Experiment withL1(double lambda) {
        return new Experiment(sizes, hidden, output, init, seed, cost, eta, miniBatch, l2, lambda, momentum, epochs,
                earlyStopping, halveAfter, dataFingerprint);
    }

    public Experiment withMomentum(double mu) {
        return new Experiment(sizes, hidden, output, init, seed, cost, eta, miniBatch, l2, l1, mu, epochs,
                earlyStopping, halveAfter, dataFingerprint);
    }

    public Experiment withEpochs(int most) {
        return new Experiment(sizes, hidden, output, init, seed, cost, eta, miniBatch, l2, l1, momentum, most,
                earlyStopping, halveAfter, dataFingerprint);
    }

    /** Stop after {@code patience} epochs without a better evaluation accuracy. */
    public Experiment withEarlyStopping(int patience) {
        return new Experiment(sizes, hidden, output, init, seed, cost, eta, miniBatch, l2, l1, momentum, epochs,
                Option.some(patience), halveAfter, dataFingerprint);
    }

    /** network2's rule: halve η after {@code patience} epochs without improvement, stop at η/128. */
    public Experiment withHalving(int patience) {
        return new Experiment(sizes, hidden, output, init, seed, cost, eta, miniBatch, l2, l1, momentum, epochs,
                earlyStopping, Option.some(patience), dataFingerprint);
    }

    private static void requirePositive(String what, int n) {
        if (n < 1) {
            throw new IllegalArgumentException(what + " must be at least 1 epoch, got " + n);
        }
    }

    /** The untrained network: epoch 0. */
    public Network initialNetwork() {
        return Network.of(sizes.toJavaStream().mapToInt(Integer::intValue).toArray())
                .activations(Activation.named(hidden), Activation.named(output))
                .initialize(Init.named(init), Seed.seed(seed));
    }

    /** The trainer settings: cost, decay, learning rate and momentum composed in that order. */
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

    /** Epoch 0 of this experiment. */
    public Epoch start() {
        return Epoch.start(initialNetwork(), Seed.seed(seed));
    }

    /**
     * The whole run, lazily: epoch 0, then each trained epoch measured by {@code monitor},
     * ending after {@link #epochs} epochs or earlier by the stopping rules.
     */
    public Stream<Epoch> run(Dataset training, UnaryOperator<Epoch> monitor, Sgd.ProgressListener progress) {
        return resume(start(), training, monitor, progress);
    }

    /** {@link #run(Dataset, UnaryOperator, Sgd.ProgressListener)} without a progress listener. */
    public Stream<Epoch> run(Dataset training, UnaryOperator<Epoch> monitor) {
        return run(training, monitor, Sgd.ProgressListener.NONE);
    }

    /** {@link #resume(Epoch, Dataset, UnaryOperator, Sgd.ProgressListener)} without a progress listener. */
    public Stream<Epoch> resume(Epoch from, Dataset training, UnaryOperator<Epoch> monitor) {
        return resume(from, training, monitor, Sgd.ProgressListener.NONE);
    }

    /**
     * Continues the run from {@code from} (epoch k as recorded by an earlier run of this
     * experiment): the stream starts with {@code from} and its epochs k+1… equal those of the
     * uninterrupted run. Stopping rules look back only at epochs after {@code from}, except
     * that halving starts from the learning rate {@code from} was trained with.
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

    /** Throws unless {@code training} is the data this experiment was recorded with. */
    public void requireData(Dataset training) {
        String actual = training.fingerprint();
        if (!actual.equals(dataFingerprint)) {
            throw new IllegalArgumentException("the training data's SHA-256 is " + actual
                    + " but the experiment was recorded with " + dataFingerprint + "; replay needs the same data");
        }
    }
}
