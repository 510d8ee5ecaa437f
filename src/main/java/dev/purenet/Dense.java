package dev.purenet;

import dev.purenet.math.Blas;
import dev.purenet.math.Matrix;
import io.vavr.collection.Vector;
import java.util.Arrays;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A dense (fully connected) layer: {@code a = activation(weights · x + biases)}.
 *
 * @param weights    outputs x inputs
 * @param biases     outputs x 1
 * @param activation applied to {@code weights · x + biases}, column by column
 */
public record Dense(Matrix weights, Matrix biases, Activation activation) implements Layer {
    private static final Vector<String> NAMES = Vector.of("weights", "biases");

    /**
     * Checks the shapes.
     *
     * @throws IllegalArgumentException if the weights are empty or the biases are not a column
     *         with one row per weight row
     * @throws NullPointerException if an argument is null
     */
    public Dense {
        Objects.requireNonNull(weights, "weights");
        Objects.requireNonNull(biases, "biases");
        Objects.requireNonNull(activation, "activation");
        if (weights.rows() == 0 || weights.cols() == 0) {
            throw new IllegalArgumentException("a layer needs at least one input and one output, got weights " + weights.shape());
        }
        if (biases.cols() != 1 || biases.rows() != weights.rows()) {
            throw new IllegalArgumentException(
                    "biases must be " + weights.rows() + "x1 to match weights " + weights.shape() + ", got " + biases.shape());
        }
    }

    @Override
    public int inputs() {
        return weights.cols();
    }

    @Override
    public int outputs() {
        return weights.rows();
    }

    @Override
    public String kind() {
        return "dense";
    }

    @Override
    public Vector<String> parameterNames() {
        return NAMES;
    }

    @Override
    public Vector<Matrix> parameters() {
        return Vector.of(weights, biases);
    }

    @Override
    public boolean decays(int index) {
        return index == 0;
    }

    @Override
    public Dense withParameters(Vector<Matrix> parameters) {
        if (parameters.size() != 2) {
            throw new IllegalArgumentException("a dense layer has 2 parameters (weights, biases), got " + parameters.size());
        }
        Matrix w = parameters.get(0);
        Matrix b = parameters.get(1);
        if (!w.shape().equals(weights.shape()) || !b.shape().equals(biases.shape())) {
            throw new IllegalArgumentException("layer (" + describe() + ") has weights " + weights.shape() + " and biases "
                    + biases.shape() + ", got " + w.shape() + " and " + b.shape());
        }
        return new Dense(w, b, activation);
    }

    /**
     * The same layer with new weights and biases (same activation).
     *
     * @param newWeights outputs x inputs
     * @param newBiases  outputs x 1
     * @return a new layer; this one is unchanged
     * @throws IllegalArgumentException if the shapes do not fit together
     */
    public Dense withParameters(Matrix newWeights, Matrix newBiases) {
        return new Dense(newWeights, newBiases, activation);
    }

    @Override
    public Layer.Kernel kernel(int maxBatch) {
        return new Kernel(this, maxBatch, Precision.FLOAT64);
    }

    @Override
    public Layer.Kernel kernel(int maxBatch, Precision precision) {
        return new Kernel(this, maxBatch, precision);
    }

    @Override
    public String toString() {
        return "Dense(" + describe() + ")";
    }

    /**
     * z = W·x + b as one gemm with β = 1 over bias columns; ∇W = δ·xᵀ, ∇b = Σ_columns δ, ∂C/∂x = Wᵀ·δ.
     *
     * <p>In float32 the three products are {@code sgemm} on float copies of the weights, the
     * input batch and δ; z, ∇W and ∂C/∂x come back to the double buffers the activation, cost and
     * update kernels read, so that maths stays written once, in double. The double parameter
     * arrays stay the ones update rules move; the kernel rounds them to float when it is made and
     * after each move ({@link #parametersMoved()}), and keeps the float weights equal to them.
     */
    private static final class Kernel implements Layer.Kernel {
        private final int out;
        private final int in;
        private final int maxBatch;
        private final Activation activation;
        private final double[] w;
        private final double[] b;
        private final double[] z;
        private final double[] a;
        private final double[] gradW;
        private final double[] gradB;
        private final double[][] parameters;
        private final double[][] gradients;
        /** Float32 only: the float weights, biases, input batch, z, δ and ∇W that sgemm reads and writes. */
        private final @Nullable Single single;

        Kernel(Dense layer, int maxBatch, Precision precision) {
            if (maxBatch < 1) {
                throw new IllegalArgumentException("mini-batch size must be at least 1, got " + maxBatch);
            }
            this.out = layer.outputs();
            this.in = layer.inputs();
            this.maxBatch = maxBatch;
            this.activation = layer.activation;
            this.w = layer.weights.toColumnMajorArray();
            this.b = layer.biases.toColumnMajorArray();
            int size;
            try {
                size = Math.multiplyExact(out, maxBatch);
                if (precision == Precision.FLOAT32) {
                    Math.multiplyExact(in, maxBatch);
                }
            } catch (ArithmeticException e) {
                throw new IllegalArgumentException("a batch of " + maxBatch + " examples for a layer of " + in + " inputs and "
                        + out + " outputs needs more than 2^31 values per buffer");
            }
            this.z = new double[size];
            this.a = new double[size];
            this.gradW = new double[w.length];
            this.gradB = new double[out];
            this.parameters = new double[][] {w, b};
            this.gradients = new double[][] {gradW, gradB};
            this.single = precision == Precision.FLOAT32 ? new Single(w.length, out, in * maxBatch, size) : null;
            parametersMoved();
        }

        @Override
        public double[] forward(double[] input, int m) {
            requireBatch(m);
            if (single == null) {
                for (int j = 0; j < m; j++) {
                    System.arraycopy(b, 0, z, j * out, out);
                }
                Blas.gemm(false, false, out, m, in, 1.0, w, out, input, in, 1.0, z, out);
            } else {
                toFloat(input, single.x, in * m);
                for (int j = 0; j < m; j++) {
                    System.arraycopy(single.b, 0, single.z, j * out, out);
                }
                Blas.sgemm(false, false, out, m, in, 1.0f, single.w, out, single.x, in, 1.0f, single.z, out);
                toDouble(single.z, z, out * m);
            }
            activation.forward(z, a, out, m);
            return a;
        }

        @Override
        public double[] weightedInput() {
            return z;
        }

        @Override
        public void backward(double[] input, double[] delta, int m, double @Nullable [] gradInput) {
            requireBatch(m);
            if (single == null) {
                Blas.gemm(false, true, out, in, m, 1.0, delta, out, input, in, 0.0, gradW, out);
            } else {
                // The input's float copy from the forward pass: the contract gives backward the same input.
                toFloat(delta, single.delta, out * m);
                Blas.sgemm(false, true, out, in, m, 1.0f, single.delta, out, single.x, in, 0.0f, single.gradW, out);
                toDouble(single.gradW, gradW, gradW.length);
            }
            Arrays.fill(gradB, 0.0);
            for (int j = 0; j < m; j++) {
                int base = j * out;
                for (int i = 0; i < out; i++) {
                    gradB[i] += delta[base + i];
                }
            }
            if (gradInput != null) {
                if (single == null) {
                    Blas.gemm(true, false, in, m, out, 1.0, w, out, delta, out, 0.0, gradInput, in);
                } else {
                    float[] product = single.gradInput();
                    Blas.sgemm(true, false, in, m, out, 1.0f, single.w, out, single.delta, out, 0.0f, product, in);
                    toDouble(product, gradInput, in * m);
                }
            }
        }

        @Override
        public double[][] parameters() {
            return parameters;
        }

        @Override
        public void parametersMoved() {
            if (single != null) {
                single.roundParameters(w, b);
            }
        }

        @Override
        public double[][] gradients() {
            return gradients;
        }

        private void requireBatch(int m) {
            if (m < 1 || m > maxBatch) {
                throw new IllegalArgumentException("batch of " + m + " examples in a workspace for 1 to " + maxBatch);
            }
        }

        private static void toFloat(double[] from, float[] to, int count) {
            for (int i = 0; i < count; i++) {
                to[i] = (float) from[i];
            }
        }

        private static void toDouble(float[] from, double[] to, int count) {
            for (int i = 0; i < count; i++) {
                to[i] = from[i];
            }
        }
    }

    /** A float32 kernel's float buffers. */
    private static final class Single {
        final float[] w;
        final float[] b;
        final float[] x;
        final float[] z;
        final float[] delta;
        final float[] gradW;
        private final int inputSize;
        /** Made at the first backward that needs ∂C/∂x: the first layer never does. */
        private float @Nullable [] gradInput;

        Single(int weights, int outputs, int inputSize, int outputSize) {
            this.w = new float[weights];
            this.b = new float[outputs];
            this.x = new float[inputSize];
            this.z = new float[outputSize];
            this.delta = new float[outputSize];
            this.gradW = new float[weights];
            this.inputSize = inputSize;
        }

        /** Rounds the double parameters to float in place, where they were moved to, and keeps the floats for the products. */
        void roundParameters(double[] weights, double[] biases) {
            for (int i = 0; i < weights.length; i++) {
                float f = (float) weights[i];
                w[i] = f;
                weights[i] = f;
            }
            for (int i = 0; i < biases.length; i++) {
                float f = (float) biases[i];
                b[i] = f;
                biases[i] = f;
            }
        }

        float[] gradInput() {
            if (gradInput == null) {
                gradInput = new float[inputSize];
            }
            return gradInput;
        }
    }
}
