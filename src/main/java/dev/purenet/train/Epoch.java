package dev.purenet.train;

import dev.purenet.Network;
import dev.purenet.Seed;
import dev.purenet.data.Dataset;
import io.vavr.control.Option;

/**
 * One point of a training run, immutable: the network after {@code index} epochs of training
 * (epoch 0 is the network training started from), the seed that drives the run, and what
 * has been measured about it so far.
 */
public record Epoch(int index, Network network, Seed seed, Option<Evaluation> evaluation) {

    public Epoch {
        if (index < 0) {
            throw new IllegalArgumentException("epoch index must not be negative, got " + index);
        }
    }

    /** Epoch 0: the untrained network. */
    public static Epoch start(Network network, Seed seed) {
        return new Epoch(0, network, seed, Option.none());
    }

    /** The next epoch: a new network, nothing measured yet. */
    public Epoch next(Network trained) {
        return new Epoch(index + 1, trained, seed, Option.none());
    }

    /** This epoch with its network's accuracy on {@code data}. */
    public Epoch evaluate(Dataset data) {
        return new Epoch(index, network, seed, Option.some(Evaluation.of(network, data)));
    }

    /** The evaluated accuracy; the epoch must have been {@link #evaluate evaluated}. */
    public double accuracy() {
        return evaluation.getOrElseThrow(() -> new IllegalStateException(
                "epoch " + index + " has not been evaluated; map(e -> e.evaluate(data)) first")).accuracy();
    }
}
