package dev.purenet;

import dev.purenet.math.Matrix;
import io.vavr.collection.Vector;
import org.jspecify.annotations.Nullable;

/**
 * One layer of a network as an immutable value: its parameters, its activation, and the
 * arithmetic of its forward and backward pass. {@link Dense} is the first kind; a new kind
 * (convolution, pooling, dropout) is a new implementation, and the training engine's loop does
 * not change.
 *
 * <p>The arithmetic is defined once, in the layer's {@link Kernel}: a private, mutable
 * workspace with the layer's parameters copied in and its buffers allocated for batches of up
 * to {@code maxBatch} examples. The training workspace keeps one kernel per layer for a whole
 * epoch; the pure functions ({@link #forward}, {@code Backprop.backprop}) make a fresh one per
 * call, so both give the same bits.
 */
public interface Layer {

    /**
     * The number of inputs per example.
     *
     * @return rows of the input this layer takes
     */
    int inputs();

    /**
     * The number of outputs per example.
     *
     * @return rows of the output
     */
    int outputs();

    /**
     * The non-linearity applied to the layer's weighted input.
     *
     * @return the activation; the training engine calls its backward kernel
     */
    Activation activation();

    /**
     * The layer kind written in snapshots.
     *
     * @return e.g. {@code "dense"}
     */
    String kind();

    /**
     * The names of the parameter arrays, in the order of {@link #parameters()}.
     *
     * @return e.g. {@code [weights, biases]}
     */
    Vector<String> parameterNames();

    /**
     * The parameters, in the order of {@link #parameterNames()}.
     *
     * @return immutable matrices
     */
    Vector<Matrix> parameters();

    /**
     * Whether weight decay (L1, L2) applies to parameter {@code index}: weights yes, biases no.
     *
     * @param index 0-based, as in {@link #parameters()}
     * @return true for weights
     */
    boolean decays(int index);

    /**
     * The same layer with new parameters of the same shapes.
     *
     * @param parameters in the order of {@link #parameters()}
     * @return a new layer; this one is unchanged
     * @throws IllegalArgumentException if a shape differs
     */
    Layer withParameters(Vector<Matrix> parameters);

    /**
     * A fresh workspace for this layer: parameters copied in, buffers for up to {@code maxBatch}
     * examples.
     *
     * @param maxBatch the largest batch its passes will be given, at least 1
     * @return a kernel owned by the caller (not shared between threads)
     */
    Kernel kernel(int maxBatch);

    /**
     * A fresh workspace computing in {@code precision}. A float32 kernel keeps its parameter
     * arrays (what {@link Kernel#parameters()} returns and update rules move) rounded to float:
     * it rounds them when it is made and in {@link Kernel#parametersMoved()}. A layer kind that
     * has only a float64 kernel, which is every kind that does not override this, refuses float32.
     *
     * @param maxBatch  the largest batch its passes will be given, at least 1
     * @param precision float64 for {@link #kernel(int)}, or float32
     * @return a kernel owned by the caller (not shared between threads)
     * @throws IllegalArgumentException if this layer kind cannot compute in {@code precision}
     */
    default Kernel kernel(int maxBatch, Precision precision) {
        if (precision != Precision.FLOAT64) {
            throw new IllegalArgumentException("layer (" + describe() + "): the " + kind() + " layer kind computes in float64 only,"
                    + " not " + precision.label() + "; build the network in float64");
        }
        return kernel(maxBatch);
    }

    /**
     * A short description for messages and summaries.
     *
     * @return e.g. {@code 784 -> 30, sigmoid}
     */
    default String describe() {
        return inputs() + " -> " + outputs() + ", " + activation().name();
    }

    /**
     * The number of weights and biases.
     *
     * @return the sum of the parameters' sizes
     */
    default long parameterCount() {
        return parameters().map(p -> (long) p.rows() * p.cols()).sum().longValue();
    }

    /**
     * The layer's output for {@code x} (one column per example): its kernel on a copy.
     *
     * @param x inputs x examples
     * @return outputs x examples
     * @throws IllegalArgumentException if {@code x} does not have {@link #inputs()} rows
     */
    default Matrix forward(Matrix x) {
        return forward(x, Precision.FLOAT64);
    }

    /**
     * The layer's output for {@code x} computed in {@code precision}: its kernel on a copy.
     *
     * @param x         inputs x examples
     * @param precision as the network this layer belongs to
     * @return outputs x examples
     * @throws IllegalArgumentException if {@code x} does not have {@link #inputs()} rows, or as
     *         {@link #kernel(int, Precision)}
     */
    default Matrix forward(Matrix x, Precision precision) {
        if (x.rows() != inputs()) {
            throw new IllegalArgumentException("layer (" + describe() + ") expects " + inputs() + " input rows, got " + x.shape());
        }
        if (x.cols() == 0) {
            return Matrix.zeros(outputs(), 0);
        }
        Kernel kernel = kernel(x.cols(), precision);
        return Matrix.fromColumnMajor(outputs(), x.cols(), kernel.forward(x.toColumnMajorArray(), x.cols()));
    }

    /**
     * A layer's mutable workspace: column-major buffers, batches in their leading columns. Only
     * the training engine and the pure functions of this library drive it, one thread at a time.
     */
    interface Kernel {
        /**
         * Forward pass over the first {@code m} columns of {@code input}: z (the weighted input)
         * and a = σ(z).
         *
         * @param input inputs x at least m, leading dimension {@code inputs()}; not changed
         * @param m     examples, 1 to maxBatch
         * @return a, the kernel's own buffer (outputs x maxBatch, first m columns valid)
         */
        double[] forward(double[] input, int m);

        /**
         * Forward pass while training: the same as {@link #forward(double[], int)} except in a
         * layer with dropout, which drops inputs with masks drawn from {@code noise} instead of
         * scaling them. The next {@link #backward} differentiates this pass, masks included.
         *
         * @param input inputs x at least m; not changed
         * @param m     examples, 1 to maxBatch
         * @param noise where column j's mask comes from
         * @return a, the kernel's own buffer
         */
        default double[] forward(double[] input, int m, Noise noise) {
            return forward(input, m);
        }

        /**
         * z from the last {@link #forward}: what the activation's and the cost's kernels read.
         *
         * @return the kernel's own buffer
         */
        double[] weightedInput();

        /**
         * Backward pass: from δ = ∂C/∂z (first m columns) and the same input as the last
         * forward, the parameter gradients (summed over the m examples) into {@link #gradients()},
         * and ∂C/∂input into {@code gradInput} unless it is null. Uses the parameters as they
         * are, so call it before the update moves them.
         *
         * @param input     the input of the last forward
         * @param delta     ∂C/∂z, outputs x at least m
         * @param m         examples
         * @param gradInput where ∂C/∂input goes (inputs x at least m), or null when not needed
         */
        void backward(double[] input, double[] delta, int m, double @Nullable [] gradInput);

        /**
         * The live parameter arrays, in the layer's order: update rules move them in place.
         *
         * @return one array per parameter, column-major; the same arrays on every call
         */
        double[][] parameters();

        /**
         * Told that the arrays of {@link #parameters()} were changed in place (by the update rule,
         * or by copying new values into them), before the next {@link #forward}: a kernel that
         * keeps anything derived from its parameters brings it up to date here. A float32 kernel
         * rounds the parameters to float and refreshes the float copy its products read, so a
         * forward pass only reads the parameter arrays.
         */
        default void parametersMoved() {
        }

        /**
         * The gradients of the last {@link #backward}, one per parameter.
         *
         * @return the kernel's own arrays; the same arrays on every call
         */
        double[][] gradients();
    }
}
