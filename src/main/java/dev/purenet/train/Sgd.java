package dev.purenet.train;

import dev.purenet.Cost;
import dev.purenet.Network;
import dev.purenet.Seed;
import dev.purenet.data.Dataset;
import io.vavr.collection.Stream;

/**
 * Mini-batch stochastic gradient descent as network.py does it, as an immutable configuration:
 * {@code Sgd.eta(3.0).miniBatch(10).cost(Cost.quadratic())}.
 *
 * <p>Each epoch shuffles the training data with a generator derived from (seed, epoch index),
 * then takes one {@link Backprop#sgdStep} per mini-batch; the last mini-batch may be smaller.
 */
public record Sgd(double eta, int miniBatchSize, Cost cost, ProgressListener progress) {
    /** Separates the shuffle's random streams from those of initialisation. */
    static final long SHUFFLE_STREAM = 0x5348_5546_464CL;

    public Sgd {
        if (!(eta > 0) || Double.isInfinite(eta)) {
            throw new IllegalArgumentException("learning rate eta must be a positive finite number, got " + eta);
        }
        if (miniBatchSize < 1) {
            throw new IllegalArgumentException("mini-batch size must be at least 1, got " + miniBatchSize);
        }
    }

    /** Observes progress within an epoch (for a progress bar); it cannot change the result. */
    @FunctionalInterface
    public interface ProgressListener {
        void batchDone(int epochIndex, int batchesDone, int batchesInEpoch);

        ProgressListener NONE = (epoch, done, total) -> { };
    }

    /** Starts a configuration with learning rate {@code eta}, mini-batch 10 and the quadratic cost. */
    public static Sgd eta(double eta) {
        return new Sgd(eta, 10, Cost.quadratic(), ProgressListener.NONE);
    }

    public Sgd miniBatch(int size) {
        return new Sgd(eta, size, cost, progress);
    }

    public Sgd cost(Cost newCost) {
        return new Sgd(eta, miniBatchSize, newCost, progress);
    }

    public Sgd withProgress(ProgressListener listener) {
        return new Sgd(eta, miniBatchSize, cost, listener);
    }

    /** The trainer that runs this configuration on {@code training}. */
    public Trainer on(Dataset training) {
        if (training.size() == 0) {
            throw new IllegalArgumentException("cannot train on an empty data set");
        }
        return epoch -> epoch.next(trainOneEpoch(epoch.network(), training, shuffleSeed(epoch.seed(), epoch.index() + 1),
                epoch.index() + 1));
    }

    /** The lazy stream of epochs from {@code start}: its head is epoch 0, the untrained network. */
    public Stream<Epoch> epochs(Network start, Dataset training, Seed seed) {
        return on(training).epochs(Epoch.start(start, seed));
    }

    /** The seed of epoch {@code index}'s shuffle: a pure function of the run's seed and the index. */
    public static Seed shuffleSeed(Seed seed, int index) {
        return seed.derive(SHUFFLE_STREAM).derive(index);
    }

    private Network trainOneEpoch(Network network, Dataset training, Seed shuffle, int index) {
        int[] order = shuffle.rng().permutation(training.size());
        int batches = (training.size() + miniBatchSize - 1) / miniBatchSize;
        Network current = network;
        for (int b = 0; b < batches; b++) {
            int from = b * miniBatchSize;
            int to = Math.min(training.size(), from + miniBatchSize);
            current = Backprop.sgdStep(current, training.batch(order, from, to), eta, cost);
            progress.batchDone(index, b + 1, batches);
        }
        return current;
    }
}
