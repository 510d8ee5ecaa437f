package dev.purenet.train;

import dev.purenet.Network;
import dev.purenet.math.Matrix;
import io.vavr.collection.Vector;

/**
 * ∂C/∂w and ∂C/∂b for every layer of a network, in the same shapes as the network's
 * parameters. Gradients from backprop are sums over a batch's examples.
 *
 * @param layers one gradient per layer, input side first
 */
public record Gradient(Vector<LayerGradient> layers) {

    /**
     * One layer's gradient: same shapes as its weights and biases.
     *
     * @param weights ∂C/∂w, outputs x inputs
     * @param biases  ∂C/∂b, outputs x 1
     */
    public record LayerGradient(Matrix weights, Matrix biases) {
        LayerGradient plus(LayerGradient other) {
            return new LayerGradient(weights.plus(other.weights), biases.plus(other.biases));
        }

        LayerGradient scale(double factor) {
            return new LayerGradient(weights.scale(factor), biases.scale(factor));
        }

        /** {@code factor · this + other}, element-wise. */
        LayerGradient scalePlus(double factor, LayerGradient other) {
            return new LayerGradient(other.weights.plusScaled(factor, weights), other.biases.plusScaled(factor, biases));
        }

        double maxAbsDifference(LayerGradient other) {
            return Math.max(weights.maxAbsDifference(other.weights), biases.maxAbsDifference(other.biases));
        }
    }

    /**
     * A gradient of zeros shaped like {@code network}.
     *
     * @param network gives the number of layers and their shapes
     * @return zero weights and biases for every layer
     */
    public static Gradient zeros(Network network) {
        return new Gradient(network.layers().map(l -> new LayerGradient(
                Matrix.zeros(l.outputs(), l.inputs()), Matrix.zeros(l.outputs(), 1))));
    }

    /**
     * Every entry times {@code factor}.
     *
     * @param factor the scalar
     * @return {@code factor · this}
     */
    public Gradient scale(double factor) {
        return new Gradient(layers.map(l -> l.scale(factor)));
    }

    /**
     * {@code factor · this + other}: momentum's {@code μ·v + u}.
     *
     * @param factor the scalar on this gradient
     * @param other  a gradient of the same shapes
     * @return {@code factor · this + other}
     * @throws IllegalArgumentException if the gradients have different numbers of layers or shapes
     */
    public Gradient scalePlus(double factor, Gradient other) {
        requireSameDepth(other);
        return new Gradient(layers.zipWith(other.layers, (a, b) -> a.scalePlus(factor, b)));
    }

    /**
     * The entry-wise sum, e.g. to add per-example gradients.
     *
     * @param other a gradient of the same shapes
     * @return {@code this + other}
     * @throws IllegalArgumentException if the gradients have different numbers of layers or shapes
     */
    public Gradient plus(Gradient other) {
        requireSameDepth(other);
        return new Gradient(layers.zipWith(other.layers, LayerGradient::plus));
    }

    /**
     * The largest absolute difference over every weight and bias.
     *
     * @param other a gradient of the same shapes
     * @return the maximum over all entries, 0 for gradients with no layers
     * @throws IllegalArgumentException if the gradients have different numbers of layers or shapes
     */
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
