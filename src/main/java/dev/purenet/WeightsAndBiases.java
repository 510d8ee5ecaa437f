package dev.purenet;

import dev.purenet.math.Matrix;
import io.vavr.collection.Vector;
import org.jspecify.annotations.Nullable;

/** What the layer kinds with a weight matrix and a bias column share: their parameter checks and their kernels' float32 copies. */
final class WeightsAndBiases {
    static final Vector<String> NAMES = Vector.of("weights", "biases");

    private WeightsAndBiases() {}

    /** {@code parameters} if they are two matrices shaped like {@code layer}'s weights and biases; else a message naming both shapes. */
    static Vector<Matrix> requireShapes(Layer layer, Vector<Matrix> parameters) {
        if (parameters.size() != 2) {
            throw new IllegalArgumentException("a " + layer.kind() + " layer has 2 parameters (weights, biases), got " + parameters.size());
        }
        Matrix weights = layer.parameters().get(0);
        Matrix biases = layer.parameters().get(1);
        Matrix w = parameters.get(0);
        Matrix b = parameters.get(1);
        if (!w.shape().equals(weights.shape()) || !b.shape().equals(biases.shape())) {
            throw new IllegalArgumentException("layer (" + layer.describe() + ") has weights " + weights.shape() + " and biases "
                    + biases.shape() + ", got " + w.shape() + " and " + b.shape());
        }
        return parameters;
    }

    static void requireBatch(int m, int maxBatch) {
        if (m < 1 || m > maxBatch) {
            throw new IllegalArgumentException("batch of " + m + " examples in a workspace for 1 to " + maxBatch);
        }
    }

    /** Rounds {@code values} to float in place, and copies the floats into {@code floats} when it is given. */
    static void roundToFloat(double[] values, float @Nullable [] floats) {
        for (int i = 0; i < values.length; i++) {
            float f = (float) values[i];
            values[i] = f;
            if (floats != null) {
                floats[i] = f;
            }
        }
    }

    static void toFloat(double[] from, float[] to, int count) {
        for (int i = 0; i < count; i++) {
            to[i] = (float) from[i];
        }
    }

    static void toDouble(float[] from, double[] to, int count) {
        for (int i = 0; i < count; i++) {
            to[i] = from[i];
        }
    }
}
