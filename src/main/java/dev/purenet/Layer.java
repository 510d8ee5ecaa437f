package dev.purenet;

import dev.purenet.math.Matrix;

/**
 * One dense layer: {@code a = activation(weights · x + biases)}.
 *
 * @param weights outputs x inputs
 * @param biases  outputs x 1
 */
public record Layer(Matrix weights, Matrix biases, Activation activation) {

    public Layer {
        if (weights.rows() == 0 || weights.cols() == 0) {
            throw new IllegalArgumentException("a layer needs at least one input and one output, got weights " + weights.shape());
        }
        if (biases.cols() != 1 || biases.rows() != weights.rows()) {
            throw new IllegalArgumentException(
                    "biases must be " + weights.rows() + "x1 to match weights " + weights.shape() + ", got " + biases.shape());
        }
    }

    public int inputs() {
        return weights.cols();
    }

    public int outputs() {
        return weights.rows();
    }

    /** The same layer with new parameters (same activation). */
    public Layer withParameters(Matrix newWeights, Matrix newBiases) {
        return new Layer(newWeights, newBiases, activation);
    }

    /** {@code 784 -> 30, sigmoid}. */
    public String describe() {
        return inputs() + " -> " + outputs() + ", " + activation.name();
    }

    @Override
    public String toString() {
        return "Layer(" + describe() + ")";
    }
}
