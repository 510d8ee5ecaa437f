package dev.purenet.train;

import dev.purenet.Batch;
import dev.purenet.Cost;
import dev.purenet.Layer;
import dev.purenet.Network;
import dev.purenet.math.Matrix;
import io.vavr.collection.Vector;

/**
 * Backpropagation as pure functions: nothing here keeps state or changes its arguments.
 *
 * <p>{@link #backprop} is the fully matrix-based algorithm: a mini-batch of m examples is a
 * matrix with m columns, so each layer's forward and backward pass is one matrix product over
 * the whole batch and the bias gradient is a row sum. {@link #backpropPerExample} is
 * network.py's loop, one example at a time, kept as the reference the batched version must
 * agree with.
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
     * The gradient of the batch's total cost, summed over its examples, in a few matrix products.
     *
     * @param network the network whose parameters the gradient is taken for
     * @param batch   the examples, one column each
     * @param cost    the cost whose gradient is taken
     * @return ∂C/∂w and ∂C/∂b per layer, summed over the batch (not averaged)
     * @throws IllegalArgumentException if the batch's inputs or targets do not fit the network
     */
    public static Gradient backprop(Network network, Batch batch, Cost cost) {
        requireFits(network, batch);
        Vector<Layer> layers = network.layers();
        int depth = layers.size();
        Matrix[] zs = new Matrix[depth];
        Matrix[] activations = new Matrix[depth + 1];
        activations[0] = batch.inputs();
        for (int k = 0; k < depth; k++) {
            Layer layer = layers.get(k);
            zs[k] = layer.weights().timesPlusColumn(activations[k], layer.biases());
            activations[k + 1] = layer.activation().apply(zs[k]);
        }
        LayerGradientsBuilder gradients = new LayerGradientsBuilder(depth);
        Matrix delta = cost.delta(zs[depth - 1], activations[depth], batch.targets(), layers.last().activation());
        for (int k = depth - 1; k >= 0; k--) {
            gradients.set(k, delta.timesTranspose(activations[k]), delta.rowSums());
            if (k > 0) {
                Layer below = layers.get(k - 1);
                Matrix gradA = layers.get(k).weights().transposeTimes(delta);
                delta = below.activation().backward(zs[k - 1], activations[k], gradA);
            }
        }
        return gradients.build();
    }

    /**
     * network.py's backprop for a single example: {@code x} and {@code y} are column vectors.
     * Slow by design; it is the reference for {@link #backprop}.
     *
     * @param network the network
     * @param x       one input, inputs x 1
     * @param y       its target, outputs x 1
     * @param cost    the cost whose gradient is taken
     * @return ∂C/∂w and ∂C/∂b per layer for this example
     * @throws IllegalArgumentException if {@code x} or {@code y} is not a single column or does
     *         not fit the network
     */
    public static Gradient backpropPerExample(Network network, Matrix x, Matrix y, Cost cost) {
        if (x.cols() != 1 || y.cols() != 1) {
            throw new IllegalArgumentException("backpropPerExample takes one example: expected column vectors, got x "
                    + x.shape() + " and y " + y.shape());
        }
        Batch example = new Batch(x, y);
        requireFits(network, example);
        Vector<Layer> layers = network.layers();
        int depth = layers.size();
        Matrix[] zs = new Matrix[depth];
        Matrix[] activations = new Matrix[depth + 1];
        activations[0] = x;
        for (int k = 0; k < depth; k++) {
            Layer layer = layers.get(k);
            zs[k] = layer.weights().times(activations[k]).plus(layer.biases());
            activations[k + 1] = layer.activation().apply(zs[k]);
        }
        LayerGradientsBuilder gradients = new LayerGradientsBuilder(depth);
        Matrix delta = cost.delta(zs[depth - 1], activations[depth], y, layers.last().activation());
        for (int k = depth - 1; k >= 0; k--) {
            gradients.set(k, delta.times(activations[k].transpose()), delta);
            if (k > 0) {
                Matrix gradA = layers.get(k).weights().transpose().times(delta);
                delta = layers.get(k - 1).activation().backward(zs[k - 1], activations[k], gradA);
            }
        }
        return gradients.build();
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
        double step = -eta / batch.size();
        return new Network(network.layers().zipWith(gradient.layers(), (layer, g) -> layer.withParameters(
                layer.weights().plusScaled(step, g.weights()),
                layer.biases().plusScaled(step, g.biases()))));
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

    /** Collects per-layer gradients filled from the last layer backwards. */
    private static final class LayerGradientsBuilder {
        private final Gradient.LayerGradient[] layers;

        LayerGradientsBuilder(int depth) {
            layers = new Gradient.LayerGradient[depth];
        }

        void set(int k, Matrix weights, Matrix biases) {
            layers[k] = new Gradient.LayerGradient(weights, biases);
        }

        Gradient build() {
            return new Gradient(Vector.of(layers));
        }
    }
}
