package dev.purenet;

import dev.purenet.math.Matrix;

/**
 * One dense layer: {@code a = activation(weights · x + biases)}.
 *
 * @param weights    outputs x inputs
 * @param biases     outputs x 1
 * @param activation applied to {@code weights · x + biases}, column by column
 */
public record Layer(Matrix weights, Matrix biases, Activation activation) {

    /**
     * Checks the shapes.
     *
     * @param weights    outputs x inputs
     * @param biases     outputs x 1
     * @param activation applied to {@code weights · x + biases}, column by column
     * @throws IllegalArgumentException if the weights are empty or the biases are not a column
     *         with one row per weight row
     */
    public Layer {
        if (weights.rows() == 0 || weights.cols() == 0) {
            throw new IllegalArgumentException("a layer needs at least one input and one output, got weights " + weights.shape());
        }
        if (biases.cols() != 1 || biases.rows() != weights.rows()) {
            throw new IllegalArgumentException(
                    "biases must be " + weights.rows() + "x1 to match weights " + weights.shape() + ", got " + biases.shape());
        }
    }

    /**
     * The number of inputs the layer takes.
     *
     * @return the weights' column count
     */
    public int inputs() {
        return weights.cols();
    }

    /**
     * The number of neurons in the layer.
     *
     * @return the weights' row count
     */
    public int outputs() {
        return weights.rows();
    }

    /**
     * The same layer with new parameters (same activation).
     *
     * @param newWeights the new weights, outputs x inputs
     * @param newBiases  the new biases, outputs x 1
     * @return a new layer; this one is unchanged
     * @throws IllegalArgumentException if the shapes do not fit together
     */
    public Layer withParameters(Matrix newWeights, Matrix newBiases) {
        return new Layer(newWeights, newBiases, activation);
    }

    /**
     * A short description for messages and summaries.
     *
     * @return inputs, outputs and activation, e.g. {@code 784 -> 30, sigmoid}
     */
    public String describe() {
        return inputs() + " -> " + outputs() + ", " + activation.name();
    }

    @Override
    public String toString() {
        return "Layer(" + describe() + ")";
    }
}
