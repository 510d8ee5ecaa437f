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
 * <p>With dropout {@code p > 0} the layer follows network3.py's {@code p_dropout}: while training
 * ({@link Layer.Kernel#forward(double[], int, Noise)}) each input is dropped (set to 0) with
 * probability p and the rest pass unscaled; otherwise (evaluation, {@link #forward}) every input
 * is multiplied by {@code 1 - p}, its expected keep rate. The stored weights are the training
 * weights, as in network3.py.
 *
 * @param weights    outputs x inputs
 * @param biases     outputs x 1
 * @param activation applied to {@code weights · x + biases}, column by column
 * @param dropout    the probability of dropping each input while training, 0 (none) to below 1
 */
public record Dense(Matrix weights, Matrix biases, Activation activation, double dropout) implements Layer {

    /**
     * Checks the shapes.
     *
     * @throws IllegalArgumentException if the weights are empty, the biases are not a column
     *         with one row per weight row, or dropout is not in [0, 1)
     * @throws NullPointerException if an argument is null
     */
    public Dense {
        if (!(dropout >= 0 && dropout < 1)) {
            throw new IllegalArgumentException("dropout must be a probability from 0 to below 1, got " + dropout);
        }
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

    /**
     * A layer without dropout.
     *
     * @param weights    outputs x inputs
     * @param biases     outputs x 1
     * @param activation applied to {@code weights · x + biases}, column by column
     * @throws IllegalArgumentException as the canonical constructor
     */
    public Dense(Matrix weights, Matrix biases, Activation activation) {
        this(weights, biases, activation, 0.0);
    }

    /**
     * The same layer with dropout {@code p} on its inputs.
     *
     * @param p the probability of dropping each input while training, 0 to below 1
     * @return a new layer; this one is unchanged
     * @throws IllegalArgumentException if {@code p} is not in [0, 1)
     */
    public Dense withDropout(double p) {
        return new Dense(weights, biases, activation, p);
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
        return WeightsAndBiases.NAMES;
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
        WeightsAndBiases.requireShapes(this, parameters);
        return new Dense(parameters.get(0), parameters.get(1), activation, dropout);
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
        return new Dense(newWeights, newBiases, activation, dropout);
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
    public String describe() {
        return Layer.super.describe() + (dropout > 0 ? ", dropout " + dropout : "");
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
        /** Dropout only: what each input is multiplied by (0 or 1 while training, 1 - p otherwise), and the products. */
        private final @Nullable Dropped dropped;

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
            this.dropped = layer.dropout > 0 ? new Dropped(layer.dropout, in * maxBatch) : null;
            parametersMoved();
        }

        @Override
        public double[] forward(double[] input, int m) {
            requireBatch(m);
            return multiply(dropped == null ? input : dropped.expected(input, in * m), m);
        }

        @Override
        public double[] forward(double[] input, int m, Noise noise) {
            requireBatch(m);
            return multiply(dropped == null ? input : dropped.sampled(input, in, m, noise), m);
        }

        /** z = W·x + b and a = σ(z), from the input as dropout leaves it. */
        private double[] multiply(double[] input, int m) {
            if (single == null) {
                for (int j = 0; j < m; j++) {
                    System.arraycopy(b, 0, z, j * out, out);
                }
                Blas.gemm(false, false, out, m, in, 1.0, w, out, input, in, 1.0, z, out);
            } else {
                WeightsAndBiases.toFloat(input, single.x, in * m);
                for (int j = 0; j < m; j++) {
                    System.arraycopy(single.b, 0, single.z, j * out, out);
                }
                Blas.sgemm(false, false, out, m, in, 1.0f, single.w, out, single.x, in, 1.0f, single.z, out);
                WeightsAndBiases.toDouble(single.z, z, out * m);
            }
            activation.forward(z, a, out, m);
            return a;
        }

        @Override
        public double[] weightedInput() {
            return z;
        }

        @Override
        public void backward(double[] rawInput, double[] delta, int m, double @Nullable [] gradInput) {
            requireBatch(m);
            // The products read the input as the last forward pass saw it, after dropout.
            double[] input = dropped == null ? rawInput : dropped.input;
            if (single == null) {
                Blas.gemm(false, true, out, in, m, 1.0, delta, out, input, in, 0.0, gradW, out);
            } else {
                // The input's float copy from the forward pass: the contract gives backward the same input.
                WeightsAndBiases.toFloat(delta, single.delta, out * m);
                Blas.sgemm(false, true, out, in, m, 1.0f, single.delta, out, single.x, in, 0.0f, single.gradW, out);
                WeightsAndBiases.toDouble(single.gradW, gradW, gradW.length);
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
                    WeightsAndBiases.toDouble(product, gradInput, in * m);
                }
                if (dropped != null) {
                    dropped.chain(gradInput, in * m);
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
            WeightsAndBiases.requireBatch(m, maxBatch);
        }
    }

    /**
     * Dropout's state in a kernel: the factor each input of the last forward pass was multiplied
     * by, and the products, which the backward pass reads as that pass's input.
     */
    private static final class Dropped {
        private final double p;
        final double[] factor;
        final double[] input;

        Dropped(double p, int size) {
            this.p = p;
            this.factor = new double[size];
            this.input = new double[size];
        }

        /** Every input times 1 - p: evaluation. */
        double[] expected(double[] raw, int count) {
            double keep = 1.0 - p;
            Arrays.fill(factor, 0, count, keep);
            for (int i = 0; i < count; i++) {
                input[i] = raw[i] * keep;
            }
            return input;
        }

        /** Each input kept (times 1) or dropped (times 0); column j's choices from {@code noise.column(j)}, row order. */
        double[] sampled(double[] raw, int rows, int m, Noise noise) {
            for (int j = 0; j < m; j++) {
                var rng = noise.column(j);
                int base = j * rows;
                for (int i = base; i < base + rows; i++) {
                    double f = rng.nextDouble() < p ? 0.0 : 1.0;
                    factor[i] = f;
                    input[i] = raw[i] * f;
                }
            }
            return input;
        }

        /** ∂C/∂raw = ∂C/∂input ∘ factor. */
        void chain(double[] gradInput, int count) {
            for (int i = 0; i < count; i++) {
                gradInput[i] *= factor[i];
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
            WeightsAndBiases.roundToFloat(weights, w);
            WeightsAndBiases.roundToFloat(biases, b);
        }

        float[] gradInput() {
            if (gradInput == null) {
                gradInput = new float[inputSize];
            }
            return gradInput;
        }
    }
}
