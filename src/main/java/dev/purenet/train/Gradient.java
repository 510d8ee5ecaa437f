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
     * One layer's gradient: one matrix per parameter, shaped like the layer's parameters.
     *
     * @param parameters in the layer's parameter order (for a dense layer: weights, biases)
     */
    public record LayerGradient(Vector<Matrix> parameters) {
        LayerGradient plus(LayerGradient other) {
            return new LayerGradient(parameters.zipWith(other.parameters, Matrix::plus));
        }

        LayerGradient scale(double factor) {
            return new LayerGradient(parameters.map(p -> p.scale(factor)));
        }

        /** {@code factor · this + other}, element-wise. */
        LayerGradient scalePlus(double factor, LayerGradient other) {
            return new LayerGradient(parameters.zipWith(other.parameters, (mine, theirs) -> theirs.plusScaled(factor, mine)));
        }

        double maxAbsDifference(LayerGradient other) {
            if (parameters.size() != other.parameters.size()) {
                throw new IllegalArgumentException("layer gradients have " + parameters.size() + " and "
                        + other.parameters.size() + " parameters");
            }
            return parameters.zipWith(other.parameters, Matrix::maxAbsDifference).max().getOrElse(0.0);
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
                l.parameters().map(p -> Matrix.zeros(p.rows(), p.cols())))));
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
