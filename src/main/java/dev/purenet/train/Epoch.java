package dev.purenet.train;

import dev.purenet.Network;
import dev.purenet.Seed;
import dev.purenet.data.Dataset;
import io.vavr.collection.Vector;

/**
 * One point of a training run, immutable: the network after {@code index} epochs of training
 * (epoch 0 is the network training started from), the seed that drives the run, the update
 * rule's state (momentum's velocity; empty for plain SGD), the learning rate this epoch was
 * trained with (0 for epoch 0) and what has been measured.
 */
public record Epoch(int index, Network network, Seed seed, Vector<Gradient> optimizerState, double eta, Metrics metrics) {

    public Epoch {
        if (index < 0) {
            throw new IllegalArgumentException("epoch index must not be negative, got " + index);
        }
    }

    /** Epoch 0: the untrained network. */
    public static Epoch start(Network network, Seed seed) {
        return new Epoch(0, network, seed, Vector.empty(), 0, Metrics.NONE);
    }

    /** The next epoch: a new network and optimizer state, nothing measured yet. */
    public Epoch next(Network trained, Vector<Gradient> state, double trainedWithEta) {
        return new Epoch(index + 1, trained, seed, state, trainedWithEta, Metrics.NONE);
    }

    public Epoch withMetrics(Metrics newMetrics) {
        return new Epoch(index, network, seed, optimizerState, eta, newMetrics);
    }

    /** This epoch with its network's accuracy on {@code data} as the evaluation accuracy. */
    public Epoch evaluate(Dataset data) {
        return withMetrics(metrics.withEvaluationAccuracy(Evaluation.of(network, data)));
    }

    /** The evaluation accuracy; the epoch must have been evaluated. */
    public double accuracy() {
        return evaluation().accuracy();
    }

    /** The evaluation result; the epoch must have been evaluated. */
    public Evaluation evaluation() {
        return metrics.evaluationAccuracy().getOrElseThrow(() -> new IllegalStateException(
                "epoch " + index + " has not been evaluated; map(e -> e.evaluate(data)) first"));
    }
}
