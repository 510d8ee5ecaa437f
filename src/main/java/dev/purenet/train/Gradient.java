package dev.purenet.train;

import dev.purenet.Network;
import dev.purenet.math.Matrix;
import io.vavr.collection.Vector;

/**
 * ∂C/∂w and ∂C/∂b for every layer of a network, in the same shapes as the network's
 * parameters. Gradients from backprop are sums over a batch's examples.
 */
public record Gradient(Vector<LayerGradient> layers) {

    /** One layer's gradient: same shapes as its weights and biases. */
    public record LayerGradient(Matrix weights, Matrix biases) {
        LayerGradient plus(LayerGradient other) {
            return new LayerGradient(weights.plus(other.weights), biases.plus(other.biases));
        }

        double maxAbsDifference(LayerGradient other) {
            return Math.max(weights.maxAbsDifference(other.weights), biases.maxAbsDifference(other.biases));
        }
    }

    /** A gradient of zeros shaped like {@code network}. */
    public static Gradient zeros(Network network) {
        return new Gradient(network.layers().map(l -> new LayerGradient(
                Matrix.zeros(l.outputs(), l.inputs()), Matrix.zeros(l.outputs(), 1))));
    }

    public Gradient plus(Gradient other) {
        requireSameDepth(other);
        return new Gradient(layers.zipWith(other.layers, LayerGradient::plus));
    }

    /** The largest absolute difference over every weight and bias. */
    public double maxAbsDifference(Gradient other) {
        requireSameDepth(other);
        return layers.zipWith(other.layers, LayerGradient::maxAbsDifference).max().getOrElse(0.0);
    }

    private void requireSameDepth(Gradient other) {
        if (layers.size() != other.layers.size()) {
            throw new IllegalArgumentException("gradients have " + layers.size() + " and " + other.layers.size() + " layers");
        }
    }
}
