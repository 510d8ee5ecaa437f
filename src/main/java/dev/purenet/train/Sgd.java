package dev.purenet.train;

import dev.purenet.Cost;
import dev.purenet.Network;
import dev.purenet.Noise;
import dev.purenet.Seed;
import dev.purenet.data.Dataset;
import io.vavr.collection.Stream;
import java.util.function.UnaryOperator;

/**
 * Mini-batch stochastic gradient descent as network.py does it, as an immutable configuration:
 * {@code Sgd.eta(3.0).miniBatch(10).cost(Cost.quadratic())}.
 *
 * <p>Each epoch shuffles the training data with a generator derived from (seed, epoch index),
 * then takes one step per mini-batch (the last may be smaller): {@link Backprop#backprop}, then
 * the {@link UpdateRule} chain, then {@code w ← w + u}. With plain SGD that is exactly
 * {@link Backprop#sgdStep}. Every epoch runs in one private workspace that calls the same
 * kernels as those pure functions, built-in parts and the user's own alike, so the networks are
 * the pure functions' bit for bit, without their allocations. A run whose gradients or
 * parameters stop being finite ends with a {@link DivergenceException}.
 *
 * @param eta           η, the base learning rate; positive and finite
 * @param miniBatchSize examples per mini-batch, at least 1
 * @param cost          the cost minimised
 * @param rule          the update chain, e.g. learning rate then momentum, or Adam
 * @param schedule      the learning rate per epoch, from {@code eta}
 * @param threads       blocks each mini-batch's columns are split into, trained at the same time
 *                      (see {@link #threads(int)}); 1 trains each batch in one piece
 * @param progress      told after each mini-batch; cannot change the result
 */
public record Sgd(double eta, int miniBatchSize, Cost cost, UpdateRule rule, Schedule schedule, int threads,
                  ProgressListener progress) {
    /** More blocks than this would leave each a handful of columns: no machine gains from it. */
    public static final int MAX_THREADS = 64;

    /** Separates the shuffle's random streams from those of initialisation. */
    static final long SHUFFLE_STREAM = 0x5348_5546_464CL;
    /** The stream dropout masks are derived from: "DROPOU". */
    static final long NOISE_STREAM = 0x4452_4F50_4F55L;

    /**
     * Checks the learning rate and the mini-batch size.
     *
     * @param eta           η, the base learning rate; positive and finite
     * @param miniBatchSize examples per mini-batch, at least 1
     * @param cost          the cost minimised
     * @param rule          the update chain, e.g. learning rate then momentum, or Adam
     * @param schedule      the learning rate per epoch, from {@code eta}
     * @param threads       blocks per mini-batch, 1 to {@link #MAX_THREADS}
     * @param progress      told after each mini-batch; cannot change the result
     * @throws IllegalArgumentException if {@code eta} is not positive and finite,
     *         {@code miniBatchSize} is less than 1 or {@code threads} is out of range
     */
    public Sgd {
        if (!(eta > 0) || Double.isInfinite(eta)) {
            throw new IllegalArgumentException("learning rate eta must be a positive finite number, got " + eta);
        }
        if (miniBatchSize < 1) {
            throw new IllegalArgumentException("mini-batch size must be at least 1, got " + miniBatchSize);
        }
        requireThreads(threads);
    }

    static void requireThreads(int threads) {
        if (threads < 1 || threads > MAX_THREADS) {
            throw new IllegalArgumentException("threads must be 1 to " + MAX_THREADS + ", got " + threads);
        }
    }

    /** Observes progress within an epoch (for a progress bar); it cannot change the result. */
    @FunctionalInterface
    public interface ProgressListener {
        /**
         * Called after each mini-batch, on the training thread.
         *
         * @param epochIndex     the epoch being trained, 1 for the first
         * @param batchesDone    mini-batches finished in this epoch, 1 to {@code batchesInEpoch}
         * @param batchesInEpoch mini-batches in the epoch, the last possibly smaller
         */
        void batchDone(int epochIndex, int batchesDone, int batchesInEpoch);

        /** A listener that ignores every call. */
        ProgressListener NONE = (epoch, done, total) -> { };
    }

    /**
     * Starts a configuration with learning rate {@code eta}, mini-batch 10 and the quadratic cost.
     *
     * @param eta η, positive and finite
     * @return plain SGD with a constant learning rate and no progress listener
     * @throws IllegalArgumentException if {@code eta} is not positive and finite
     */
    public static Sgd eta(double eta) {
        return new Sgd(eta, 10, Cost.quadratic(), UpdateRule.learningRate(), Schedule.constant(), 1, ProgressListener.NONE);
    }

    /**
     * The same configuration with another mini-batch size.
     *
     * @param size examples per mini-batch, at least 1
     * @return the new configuration
     * @throws IllegalArgumentException if {@code size} is less than 1
     */
    public Sgd miniBatch(int size) {
        return new Sgd(eta, size, cost, rule, schedule, threads, progress);
    }

    /**
     * The same configuration with another cost.
     *
     * @param newCost the cost to minimise
     * @return the new configuration
     */
    public Sgd cost(Cost newCost) {
        return new Sgd(eta, miniBatchSize, newCost, rule, schedule, threads, progress);
    }

    /**
     * L2 weight decay, applied before the learning rate (see {@link UpdateRule}).
     *
     * @param lambda λ, finite and not negative
     * @return the new configuration, with the decay prepended to the chain
     * @throws IllegalArgumentException if {@code lambda} is negative or not finite
     */
    public Sgd l2(double lambda) {
        return rule(UpdateRule.l2(lambda).then(rule));
    }

    /**
     * L1 weight decay, applied before the learning rate.
     *
     * @param lambda λ, finite and not negative
     * @return the new configuration, with the decay prepended to the chain
     * @throws IllegalArgumentException if {@code lambda} is negative or not finite
     */
    public Sgd l1(double lambda) {
        return rule(UpdateRule.l1(lambda).then(rule));
    }

    /**
     * Momentum, applied after the learning rate.
     *
     * @param mu μ, in [0, 1)
     * @return the new configuration, with momentum appended to the chain
     * @throws IllegalArgumentException if {@code mu} is outside [0, 1)
     */
    public Sgd momentum(double mu) {
        return rule(rule.then(UpdateRule.momentum(mu)));
    }

    /**
     * Replaces the whole update chain; it must include the learning rate.
     *
     * @param newRule the chain, e.g. {@code UpdateRule.l2(5.0).then(UpdateRule.learningRate())}
     * @return the new configuration
     */
    public Sgd rule(UpdateRule newRule) {
        return new Sgd(eta, miniBatchSize, cost, newRule, schedule, threads, progress);
    }

    /**
     * The learning rate per epoch; {@link Schedule#constant()} unless set.
     *
     * @param newSchedule the schedule, given the epoch and {@code eta}
     * @return the new configuration
     */
    public Sgd schedule(Schedule newSchedule) {
        return new Sgd(eta, miniBatchSize, cost, rule, newSchedule, threads, progress);
    }

    /**
     * The same configuration with another base learning rate.
     *
     * @param newEta η, positive and finite
     * @return the new configuration
     * @throws IllegalArgumentException if {@code newEta} is not positive and finite
     */
    public Sgd withEta(double newEta) {
        return new Sgd(newEta, miniBatchSize, cost, rule, schedule, threads, progress);
    }

    /**
     * The same configuration reporting progress to {@code listener}; the numbers do not change.
     *
     * @param listener told after each mini-batch
     * @return the new configuration
     */
    public Sgd withProgress(ProgressListener listener) {
        return new Sgd(eta, miniBatchSize, cost, rule, schedule, threads, listener);
    }

    /**
     * Splits each mini-batch's columns into {@code count} fixed, even blocks (fewer for a batch
     * with fewer examples) trained on as many threads, then sums their gradients in block order.
     * The result is bit-identical for a given count, whatever the scheduling, but differs from
     * other counts in the last bits (sums are added in another order), so it belongs to the
     * experiment (see {@link Experiment#threads()}). It pays only for large mini-batches and only
     * when native BLAS calls can run at the same time (a threaded OpenBLAS; see
     * {@link dev.purenet.math.BlasThreading}): with a serial BLAS the blocks' products take turns.
     * docs/performance.md, "Two threads", has the measured threshold.
     *
     * @param count blocks per mini-batch, 1 to {@link #MAX_THREADS}
     * @return the new configuration
     * @throws IllegalArgumentException if {@code count} is out of range
     */
    public Sgd threads(int count) {
        return new Sgd(eta, miniBatchSize, cost, rule, schedule, count, progress);
    }

    /**
     * The trainer that runs this configuration on {@code training}.
     *
     * @param training the training set, not empty
     * @return a trainer taking each epoch to the next
     * @throws IllegalArgumentException if {@code training} is empty
     */
    public Trainer on(Dataset training) {
        if (training.size() == 0) {
            throw new IllegalArgumentException("cannot train on an empty data set");
        }
        return epoch -> trainOneEpoch(epoch, training);
    }

    /**
     * The lazy stream of epochs from {@code start}: its head is epoch 0, the untrained network.
     *
     * @param start    the network to train
     * @param training the training set, not empty
     * @param seed     drives each epoch's shuffle
     * @return an infinite lazy stream; nothing is trained until its tail is asked for. Bound it
     *         with Vavr's own {@code take}/{@link Epochs} before anything eager (in Kotlin,
     *         {@code onEach}/{@code filter}/{@code chunked} on it never return), or use
     *         {@link #epochs(Network, Dataset, Seed, int)} or {@link #train}
     * @throws IllegalArgumentException if {@code training} is empty
     */
    public Stream<Epoch> epochs(Network start, Dataset training, Seed seed) {
        return on(training).epochs(Epoch.start(start, seed));
    }

    /**
     * The first {@code count} epochs of {@link #epochs(Network, Dataset, Seed)}, trained now: the
     * short, bounded way, with no epoch 0 to drop and no infinite stream to forget to limit.
     * Element {@code i} is epoch {@code i + 1}; the last is the trained network.
     *
     * @param start    the network to train
     * @param training the training set, not empty
     * @param seed     drives each epoch's shuffle
     * @param count    epochs to train, at least 1
     * @return an unmodifiable {@code java.util.List} of {@code count} epochs, nothing measured
     * @throws IllegalArgumentException if {@code training} is empty or {@code count} is less than 1
     */
    public java.util.List<Epoch> train(Network start, Dataset training, Seed seed, int count) {
        return train(start, training, seed, count, UnaryOperator.identity());
    }

    /**
     * The first {@code count} trained epochs, each measured by {@code monitor} as it is trained
     * (a {@link Monitor}, or {@code e -> e.evaluate(data)}).
     *
     * @param start    the network to train
     * @param training the training set, not empty
     * @param seed     drives each epoch's shuffle
     * @param count    epochs to train, at least 1
     * @param monitor  measures each trained epoch
     * @return an unmodifiable {@code java.util.List} of {@code count} epochs; element {@code i} is epoch {@code i + 1}
     * @throws IllegalArgumentException if {@code training} is empty or {@code count} is less than 1
     */
    public java.util.List<Epoch> train(Network start, Dataset training, Seed seed, int count, UnaryOperator<Epoch> monitor) {
        return java.util.List.copyOf(epochs(start, training, seed, count).map(monitor).toJavaList());
    }

    /**
     * The first {@code count} trained epochs as a lazy, finite stream: {@code epochs(...).drop(1).take(count)},
     * safe to hand to any operation, eager ones included (Kotlin's {@code Iterable} extensions, say).
     *
     * @param start    the network to train
     * @param training the training set, not empty
     * @param seed     drives each epoch's shuffle
     * @param count    epochs to train, at least 1
     * @return a lazy stream of epochs 1 to {@code count}; nothing is trained until it is consumed
     * @throws IllegalArgumentException if {@code training} is empty or {@code count} is less than 1
     */
    public Stream<Epoch> epochs(Network start, Dataset training, Seed seed, int count) {
        if (count < 1) {
            throw new IllegalArgumentException("epoch count must be at least 1, got " + count);
        }
        return epochs(start, training, seed).drop(1).take(count);
    }

    /**
     * The seed of epoch {@code index}'s shuffle: a pure function of the run's seed and the index.
     *
     * @param seed  the run's seed
     * @param index the epoch, 1 for the first trained
     * @return the seed whose generator shuffles that epoch
     */
    public static Seed shuffleSeed(Seed seed, int index) {
        return seed.derive(SHUFFLE_STREAM).derive(index);
    }

    /**
     * The noise of mini-batch {@code batch} (0-based) of epoch {@code index}: where its dropout
     * masks come from. Pass it to {@code Backprop.backprop(network, batch, cost, noise)} to
     * repeat a training step with pure functions.
     *
     * @param seed  the run's seed
     * @param index the 1-based epoch
     * @param batch the 0-based mini-batch of that epoch
     * @return the noise, first column 0
     */
    public static Noise noise(Seed seed, int index, int batch) {
        return new Noise(seed.derive(NOISE_STREAM).derive(index).derive(batch), 0);
    }

    /**
     * One epoch in one {@link Workspace}: the network, and the rule's state when it has the
     * shape this rule keeps (otherwise a fresh one, as after a hand-over to another rule), are
     * copied in once; every mini-batch is gathered into the same buffers and trained in place;
     * the result is copied out as new immutable values. Stops with a {@link DivergenceException}
     * as soon as the gradients stop being finite.
     */
    private Epoch trainOneEpoch(Epoch epoch, Dataset training) {
        Network network = epoch.network();
        requireFits(network, training);
        // The workspace's lane threads stop with the epoch, diverged or not.
        try (Workspace workspace = new Workspace(network, cost, Math.min(miniBatchSize, training.size()), threads)) {
            return trainOneEpoch(epoch, training, workspace);
        }
    }

    private Epoch trainOneEpoch(Epoch epoch, Dataset training, Workspace workspace) {
        int index = epoch.index() + 1;
        double etaNow = schedule.eta(index, eta);
        int n = training.size();
        int[] order = shuffleSeed(epoch.seed(), index).rng().permutation(n);
        Network network = epoch.network();
        boolean carried = epoch.optimizerState().size() == rule.stateSlots();
        long steps = carried ? epoch.steps() : 0;
        int batchSize = Math.min(miniBatchSize, n);
        workspace.loadState(carried ? epoch.optimizerState() : rule.init(network));
        int batches = (int) (((long) n + batchSize - 1) / batchSize);
        for (int b = 0; b < batches; b++) {
            int from = b * batchSize;
            int to = Math.min(n, from + batchSize);
            workspace.backprop(to - from, (first, end, inputs, targets) -> training.gather(order, from + first, from + end, inputs, targets),
                    noise(epoch.seed(), index, b));
            if (!workspace.outputGradientsFinite()) {
                throw new DivergenceException(index, "training diverged in epoch " + index + ", mini-batch " + (b + 1) + " of "
                        + batches + ": the output layer's gradient is NaN or infinite (eta " + etaNow + " may be too large)");
            }
            workspace.update(rule, new UpdateRule.Step(etaNow, to - from, n, ++steps));
            progress.batchDone(index, b + 1, batches);
        }
        Network trained = workspace.network();
        for (int k = 0; k < trained.layers().size(); k++) {
            for (var p : trained.layers().get(k).parameters()) {
                if (!p.isFinite()) {
                    throw new DivergenceException(index, "training diverged in epoch " + index + ": layer " + (k + 1)
                            + " has NaN or infinite parameters (eta " + etaNow + " may be too large)");
                }
            }
        }
        return epoch.next(trained, workspace.state(), steps, etaNow);
    }

    private static void requireFits(Network network, Dataset training) {
        if (network.inputSize() != training.features()) {
            throw new IllegalArgumentException("layer 1 (" + network.layers().head().describe() + ") expects "
                    + network.inputSize() + " inputs per example, but the training data has " + training.features());
        }
        if (network.outputSize() != training.targetSize()) {
            throw new IllegalArgumentException("the output layer (" + network.layers().last().describe() + ") has "
                    + network.outputSize() + " outputs, but the training data has " + training.targetSize()
                    + (training.isClassification() ? " classes" : training.targetSize() == 1 ? " real-valued target per example"
                    : " real-valued targets per example"));
        }
    }
}
