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
 *
 * @param index          epochs trained so far, 0 for the start
 * @param network        the network after {@code index} epochs
 * @param seed           the run's seed, the same for every epoch of a run
 * @param optimizerState the update rule's state (velocity, moments); empty before the first epoch and for stateless rules
 * @param steps          mini-batch updates made with that state since it was created (Adam's step count)
 * @param eta            η this epoch was trained with, 0 for epoch 0
 * @param metrics        what has been measured on this epoch's network
 */
public record Epoch(int index, Network network, Seed seed, Vector<Gradient> optimizerState, long steps, double eta,
                    Metrics metrics) {

    /**
     * Checks the index and the step count.
     *
     * @throws IllegalArgumentException if {@code index} or {@code steps} is negative
     */
    public Epoch {
        if (index < 0) {
            throw new IllegalArgumentException("epoch index must not be negative, got " + index);
        }
        if (steps < 0) {
            throw new IllegalArgumentException("step count must not be negative, got " + steps);
        }
    }

    /**
     * Epoch 0: the untrained network.
     *
     * @param network the network training starts from
     * @param seed    the run's seed
     * @return index 0, no optimizer state, η 0, nothing measured
     */
    public static Epoch start(Network network, Seed seed) {
        return new Epoch(0, network, seed, Vector.empty(), 0, 0, Metrics.NONE);
    }

    /**
     * The next epoch: a new network and optimizer state, nothing measured yet.
     *
     * @param trained        the network after one more epoch
     * @param state          the update rule's state after it
     * @param stepsNow       the state's step count after it
     * @param trainedWithEta η used for that epoch
     * @return index + 1, the same seed, {@link Metrics#NONE}
     */
    public Epoch next(Network trained, Vector<Gradient> state, long stepsNow, double trainedWithEta) {
        return new Epoch(index + 1, trained, seed, state, stepsNow, trainedWithEta, Metrics.NONE);
    }

    /**
     * This epoch with other measurements.
     *
     * @param newMetrics replaces the current metrics entirely
     * @return the same epoch otherwise
     */
    public Epoch withMetrics(Metrics newMetrics) {
        return new Epoch(index, network, seed, optimizerState, steps, eta, newMetrics);
    }

    /**
     * This epoch with its network's accuracy on {@code data} as the evaluation accuracy.
     *
     * @param data the evaluation set, usually the test or validation set
     * @return the epoch with {@link Metrics#evaluationAccuracy()} set; other metrics kept
     */
    public Epoch evaluate(Dataset data) {
        return withMetrics(metrics.withEvaluationAccuracy(Evaluation.of(network, data)));
    }

    /**
     * The evaluation accuracy; the epoch must have been evaluated.
     *
     * @return the fraction correct, in [0, 1]
     * @throws IllegalStateException if the evaluation accuracy was not measured
     */
    public double accuracy() {
        return evaluation().accuracy();
    }

    /**
     * The evaluation result; the epoch must have been evaluated.
     *
     * @return correct and total on the evaluation set
     * @throws IllegalStateException if the evaluation accuracy was not measured
     */
    public Evaluation evaluation() {
        return metrics.evaluationAccuracy().orElseThrow(() -> new IllegalStateException(
                "epoch " + index + " has not been evaluated; map(e -> e.evaluate(data)) first"));
    }
}
