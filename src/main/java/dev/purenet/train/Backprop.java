package dev.purenet.train;

import dev.purenet.Batch;
import dev.purenet.Cost;
import dev.purenet.Network;
import dev.purenet.Noise;
import dev.purenet.math.Matrix;
import io.vavr.collection.Vector;
import org.jspecify.annotations.Nullable;

/**
 * Backpropagation as pure functions: nothing here keeps state or changes its arguments.
 *
 * <p>{@link #backprop} is the fully matrix-based algorithm: a mini-batch of m examples is a
 * matrix with m columns, so each layer's forward and backward pass is one matrix product over
 * the whole batch and the bias gradient is a row sum. It runs the same layer, activation and
 * cost kernels as {@code Sgd}'s training workspace, on a workspace of its own, so the pure
 * functions are the oracle the trainer is tested against bit for bit.
 * {@link #backpropPerExample} is network.py's loop, one example at a time, kept as the
 * reference the batched version must agree with.
 */
public final class Backprop {
    private Backprop() {}

    /**
     * The network's output for {@code x} (one column per example).
     *
     * @param network the network
     * @param x       inputs x examples
     * @return outputs x examples, as {@link Network#feedforward}
     * @throws IllegalArgumentException if {@code x} does not fit the input layer or is not finite
     */
    public static Matrix forward(Network network, Matrix x) {
        return network.feedforward(x);
    }

    /**
     * The gradient of the batch's total cost, summed over its examples: each layer's forward
     * and backward pass is one matrix product over the whole batch (its kernel), the bias
     * gradient a row sum.
     *
     * @param network the network whose parameters the gradient is taken for
     * @param batch   the examples, one column each
     * @param cost    the cost whose gradient is taken
     * @return the gradient of every parameter, summed over the batch (not averaged)
     * @throws IllegalArgumentException if the batch's inputs or targets do not fit the network
     */
    public static Gradient backprop(Network network, Batch batch, Cost cost) {
        return gradient(network, batch, cost, null);
    }

    /**
     * The gradient of the batch's total cost in a training pass: layers with dropout drop inputs
     * with masks from {@code noise} (layer k's from {@code noise.layer(k)}, example j's from its
     * column j) instead of scaling them, exactly as {@code Sgd} does for a mini-batch whose noise
     * this is. Without dropout it equals {@link #backprop(Network, Batch, Cost)}.
     *
     * @param network the network whose parameters the gradient is taken for
     * @param batch   the examples, one column each
     * @param cost    the cost whose gradient is taken
     * @param noise   the mini-batch's noise: {@code Sgd.noise(seed, epoch, batch)} for a training step
     * @return the gradient of every parameter, summed over the batch (not averaged)
     * @throws IllegalArgumentException if the batch's inputs or targets do not fit the network
     */
    public static Gradient backprop(Network network, Batch batch, Cost cost, Noise noise) {
        return gradient(network, batch, cost, java.util.Objects.requireNonNull(noise, "noise"));
    }

    private static Gradient gradient(Network network, Batch batch, Cost cost, @Nullable Noise noise) {
        requireFits(network, batch);
        double[] inputs = batch.inputs().toColumnMajorArray();
        double[] targets = batch.targets().toColumnMajorArray();
        int in = network.inputSize();
        int out = network.outputSize();
        try (Workspace workspace = new Workspace(network, cost, batch.size())) {
            workspace.backprop(batch.size(), (from, to, inputBuffer, targetBuffer) -> {
                System.arraycopy(inputs, from * in, inputBuffer, 0, (to - from) * in);
                System.arraycopy(targets, from * out, targetBuffer, 0, (to - from) * out);
            }, noise);
            return workspace.gradient();
        }
    }

    /**
     * network.py's backprop for a single example: {@code x} and {@code y} are column vectors.
     * Summing it over a batch's examples is the reference the batched {@link #backprop} must
     * agree with.
     *
     * @param network the network
     * @param x       one input, inputs x 1
     * @param y       its target, outputs x 1
     * @param cost    the cost whose gradient is taken
     * @return the gradient of every parameter for this example
     * @throws IllegalArgumentException if {@code x} or {@code y} is not a single column or does
     *         not fit the network
     */
    public static Gradient backpropPerExample(Network network, Matrix x, Matrix y, Cost cost) {
        if (x.cols() != 1 || y.cols() != 1) {
            throw new IllegalArgumentException("backpropPerExample takes one example: expected column vectors, got x "
                    + x.shape() + " and y " + y.shape());
        }
        return backprop(network, new Batch(x, y), cost);
    }

    /**
     * One step of mini-batch gradient descent: {@code w ← w − (η/m)·∇w, b ← b − (η/m)·∇b}
     * with m the batch size. Returns a new network; {@code network} is unchanged.
     *
     * @param network the network before the step
     * @param batch   the mini-batch
     * @param eta     η, the learning rate; positive and finite
     * @param cost    the cost being minimised
     * @return the network after the step
     * @throws IllegalArgumentException if {@code eta} is not positive and finite or the batch
     *         does not fit the network
     */
    public static Network sgdStep(Network network, Batch batch, double eta, Cost cost) {
        if (!(eta > 0) || Double.isInfinite(eta)) {
            throw new IllegalArgumentException("learning rate eta must be a positive finite number, got " + eta);
        }
        Gradient gradient = backprop(network, batch, cost);
        UpdateRule.Result step = UpdateRule.learningRate().apply(gradient, Vector.empty(), network,
                new UpdateRule.Step(eta, batch.size(), batch.size()));
        return UpdateRule.applyTo(network, step.updates());
    }

    /**
     * The batch's total cost under {@code cost}.
     *
     * @param network the network
     * @param batch   the examples
     * @param cost    the cost function
     * @return the cost summed over the batch's examples (no regularisation term)
     * @throws IllegalArgumentException if the batch does not fit the network
     */
    public static double cost(Network network, Batch batch, Cost cost) {
        requireFits(network, batch);
        return cost.value(network.feedforward(batch.inputs()), batch.targets());
    }

    private static void requireFits(Network network, Batch batch) {
        network.requireInput(batch.inputs());
        if (batch.targets().rows() != network.outputSize()) {
            throw new IllegalArgumentException("targets have " + batch.targets().rows() + " rows but the output layer ("
                    + network.layers().last().describe() + ") has " + network.outputSize() + " outputs");
        }
    }
}
