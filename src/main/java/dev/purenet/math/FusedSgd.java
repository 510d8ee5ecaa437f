package dev.purenet.math;

import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A private, mutable workspace that trains a dense network in place, one mini-batch at a time:
 * the engine behind {@code Sgd}'s epochs. Nothing outside the object that owns it ever sees it;
 * the owner copies parameters in once per epoch ({@link #setLayer}), fills the batch buffers,
 * calls {@link #step}, and copies the result out as new immutable matrices at the end.
 *
 * <p>Every number it produces is the one the pure functions produce, bit for bit: the products
 * are the same {@code dgemm} calls (same shapes, transpose flags, α and β) that {@link Matrix}
 * makes, and the element-wise work (activations, their derivatives, the cost's δ, bias sums
 * and the update chain) repeats the pure code's arithmetic operation by operation, only fused
 * into loops over preallocated arrays. Layout is column-major with one column per example, the
 * leading dimension of every batch buffer is its height, and a shorter last mini-batch uses the
 * leading columns.
 */
public final class FusedSgd {

    /** The activations the workspace computes itself; they mirror the built-in ones of the API. */
    public enum Nonlinearity {
        /** The logistic function, as {@code Activation.sigmoid()}. */
        SIGMOID,
        /** tanh, as {@code Activation.tanh()}. */
        TANH,
        /** max(0, z), as {@code Activation.relu()}. */
        RELU,
        /** z itself, as {@code Activation.identity()}. */
        IDENTITY,
        /** Column-wise softmax, as {@code Activation.softmax()}. */
        SOFTMAX
    }

    /** The built-in costs: how δ of the output layer is formed. */
    public enum Loss {
        /** As {@code Cost.quadratic()}. */
        QUADRATIC,
        /** As {@code Cost.crossEntropy()}; δ = a − y with a sigmoid output layer. */
        CROSS_ENTROPY,
        /** As {@code Cost.logLikelihood()}; δ = a − y with a softmax output layer. */
        LOG_LIKELIHOOD
    }

    /**
     * One link of an update chain, applied in order to the summed gradient (see {@code UpdateRule}).
     *
     * @param kind  what the link does
     * @param value λ for {@code L2} and {@code L1}, μ for {@code MOMENTUM}, unused (0) for the
     *              learning rate
     */
    public record UpdateOp(Kind kind, double value) {
        /**
         * L2 and L1 add {@code (mλ/n)·w} or {@code (mλ/n)·sgn(w)} to the weights' updates (not the
         * biases'); the learning rate multiplies by {@code −η/m}; momentum makes the updates
         * {@code u + μ·v} and keeps that as its velocity.
         */
        public enum Kind {
            /** Adds {@code (mλ/n)·w} to the weights' updates. */
            L2,
            /** Adds {@code (mλ/n)·sgn(w)} to the weights' updates. */
            L1,
            /** Multiplies the updates by {@code −η/m}. */
            LEARNING_RATE,
            /** Makes the updates {@code u + μ·v} and keeps them as the velocity. */
            MOMENTUM
        }

        /**
         * L2 weight decay of strength λ.
         *
         * @param lambda λ, the regularisation parameter (not divided by n)
         * @return the link
         */
        public static UpdateOp l2(double lambda) {
            return new UpdateOp(Kind.L2, lambda);
        }

        /**
         * L1 weight decay of strength λ.
         *
         * @param lambda λ, the regularisation parameter (not divided by n)
         * @return the link
         */
        public static UpdateOp l1(double lambda) {
            return new UpdateOp(Kind.L1, lambda);
        }

        /**
         * The learning rate (η comes with each {@link FusedSgd#step}).
         *
         * @return the link; every chain must have one
         */
        public static UpdateOp learningRate() {
            return new UpdateOp(Kind.LEARNING_RATE, 0);
        }

        /**
         * Momentum with coefficient μ.
         *
         * @param mu μ, the fraction of the previous velocity kept (0 is plain SGD)
         * @return the link, which gets its own velocity slot
         */
        public static UpdateOp momentum(double mu) {
            return new UpdateOp(Kind.MOMENTUM, mu);
        }
    }

    private final int depth;
    private final int[] sizes;
    private final int maxBatch;
    private final Nonlinearity[] activations;
    private final Loss loss;
    private final UpdateOp[] ops;
    /** For each op, its momentum slot, or -1. */
    private final int[] slotOf;

    private final double[][] weights;
    private final double[][] biases;
    /** velocity[slot][layer] for weights and biases, one slot per momentum op in the chain. */
    private final double[][][] velocityWeights;
    private final double[][][] velocityBiases;

    /** activation[0] is the input batch; activation[k + 1] is layer k's output. */
    private final double[][] activation;
    private final double[][] weighted;
    private final double[][] delta;
    /** gradInput[k] = W_kᵀ·δ_k, ∂C/∂a of the layer below (unused for k = 0). */
    private final double[][] gradInput;
    private final double[][] gradWeights;
    private final double[][] gradBiases;
    private final double[] targets;

    /**
     * A workspace for layers of {@code sizes} (input first) with one activation per layer, the
     * output layer's cost, and an update chain; batches of up to {@code maxBatch} examples.
     * Parameters start at zero: set every layer with {@link #setLayer} before the first step.
     *
     * @param sizes       layer sizes, input first; at least two, all positive; copied
     * @param activations one per non-input layer
     * @param loss        the cost that forms the output layer's δ
     * @param ops         the update chain, in order; must include {@link UpdateOp#learningRate()}
     * @param maxBatch    the largest mini-batch {@link #step} will be given, at least 1
     * @throws IllegalArgumentException if any of these conditions does not hold
     */
    public FusedSgd(int[] sizes, List<Nonlinearity> activations, Loss loss, List<UpdateOp> ops, int maxBatch) {
        if (sizes.length < 2) {
            throw new IllegalArgumentException("a network needs at least two layer sizes, got " + Arrays.toString(sizes));
        }
        if (activations.size() != sizes.length - 1) {
            throw new IllegalArgumentException("expected one activation per layer (" + (sizes.length - 1) + "), got "
                    + activations.size());
        }
        if (Arrays.stream(sizes).anyMatch(size -> size < 1)) {
            throw new IllegalArgumentException("layer sizes must be positive, got " + Arrays.toString(sizes));
        }
        if (maxBatch < 1) {
            throw new IllegalArgumentException("mini-batch size must be at least 1, got " + maxBatch);
        }
        if (ops.stream().noneMatch(op -> op.kind() == UpdateOp.Kind.LEARNING_RATE)) {
            throw new IllegalArgumentException("an update chain must include the learning rate, got " + ops);
        }
        this.depth = sizes.length - 1;
        this.sizes = sizes.clone();
        this.maxBatch = maxBatch;
        this.activations = activations.toArray(new Nonlinearity[0]);
        this.loss = loss;
        this.ops = ops.toArray(new UpdateOp[0]);
        this.slotOf = new int[this.ops.length];
        int slots = 0;
        for (int i = 0; i < this.ops.length; i++) {
            slotOf[i] = this.ops[i].kind() == UpdateOp.Kind.MOMENTUM ? slots++ : -1;
        }
        weights = new double[depth][];
        biases = new double[depth][];
        weighted = new double[depth][];
        delta = new double[depth][];
        gradInput = new double[depth][];
        gradWeights = new double[depth][];
        gradBiases = new double[depth][];
        activation = new double[depth + 1][];
        activation[0] = new double[sizes[0] * maxBatch];
        for (int k = 0; k < depth; k++) {
            int in = sizes[k];
            int out = sizes[k + 1];
            weights[k] = new double[out * in];
            biases[k] = new double[out];
            weighted[k] = new double[out * maxBatch];
            activation[k + 1] = new double[out * maxBatch];
            delta[k] = new double[out * maxBatch];
            gradInput[k] = k > 0 ? new double[in * maxBatch] : new double[0];
            gradWeights[k] = new double[out * in];
            gradBiases[k] = new double[out];
        }
        velocityWeights = new double[slots][depth][];
        velocityBiases = new double[slots][depth][];
        for (int s = 0; s < slots; s++) {
            for (int k = 0; k < depth; k++) {
                velocityWeights[s][k] = new double[sizes[k + 1] * sizes[k]];
                velocityBiases[s][k] = new double[sizes[k + 1]];
            }
        }
        targets = new double[sizes[depth] * maxBatch];
    }

    /**
     * The number of momentum velocities the chain keeps.
     *
     * @return one per {@code MOMENTUM} link, in chain order
     */
    public int velocitySlots() {
        return velocityWeights.length;
    }

    /**
     * Copies layer {@code k}'s parameters in.
     *
     * @param k 0-based layer
     * @param w the weights, outputs x inputs
     * @param b the biases, outputs x 1
     * @throws IllegalArgumentException if the shapes do not match layer {@code k}
     */
    public void setLayer(int k, Matrix w, Matrix b) {
        copyIn(w, b, weights[k], biases[k], k, "layer " + (k + 1));
    }

    /**
     * Copies momentum slot {@code slot}'s velocity for layer {@code k} in.
     *
     * @param slot 0-based momentum slot (the n-th momentum link of the chain)
     * @param k    0-based layer
     * @param w    the weights' velocity, outputs x inputs
     * @param b    the biases' velocity, outputs x 1
     * @throws IllegalArgumentException if the shapes do not match layer {@code k}
     */
    public void setVelocity(int slot, int k, Matrix w, Matrix b) {
        copyIn(w, b, velocityWeights[slot][k], velocityBiases[slot][k], k, "velocity " + (slot + 1) + " of layer " + (k + 1));
    }

    private void copyIn(Matrix w, Matrix b, double[] wTarget, double[] bTarget, int k, String what) {
        int out = sizes[k + 1];
        int in = sizes[k];
        if (w.rows() != out || w.cols() != in || b.rows() != out || b.cols() != 1) {
            throw new IllegalArgumentException(what + ": expected weights " + out + "x" + in
                    + " and biases " + out + "x1, got " + w.shape() + " and " + b.shape());
        }
        System.arraycopy(w.data(), 0, wTarget, 0, wTarget.length);
        System.arraycopy(b.data(), 0, bTarget, 0, bTarget.length);
    }

    /**
     * Layer {@code k}'s current weights, as a new immutable matrix.
     *
     * @param k 0-based layer
     * @return a copy, outputs x inputs
     */
    public Matrix weights(int k) {
        return Matrix.wrap(sizes[k + 1], sizes[k], weights[k].clone());
    }

    /**
     * Layer {@code k}'s current biases, as a new immutable matrix.
     *
     * @param k 0-based layer
     * @return a copy, outputs x 1
     */
    public Matrix biases(int k) {
        return Matrix.wrap(sizes[k + 1], 1, biases[k].clone());
    }

    /**
     * Momentum slot {@code slot}'s velocity for layer {@code k}'s weights, as a new matrix.
     *
     * @param slot 0-based momentum slot
     * @param k    0-based layer
     * @return a copy, outputs x inputs
     */
    public Matrix velocityWeights(int slot, int k) {
        return Matrix.wrap(sizes[k + 1], sizes[k], velocityWeights[slot][k].clone());
    }

    /**
     * Momentum slot {@code slot}'s velocity for layer {@code k}'s biases, as a new matrix.
     *
     * @param slot 0-based momentum slot
     * @param k    0-based layer
     * @return a copy, outputs x 1
     */
    public Matrix velocityBiases(int slot, int k) {
        return Matrix.wrap(sizes[k + 1], 1, velocityBiases[slot][k].clone());
    }

    /**
     * The input buffer, {@code sizes[0] x maxBatch} column-major: the caller writes the next
     * mini-batch's inputs into its leading columns.
     *
     * @return the workspace's own array, not a copy
     */
    public double[] inputBuffer() {
        return activation[0];
    }

    /**
     * The target buffer, {@code outputs x maxBatch} column-major, filled like {@link #inputBuffer()}.
     *
     * @return the workspace's own array, not a copy
     */
    public double[] targetBuffer() {
        return targets;
    }

    /**
     * One step of gradient descent on the first {@code m} columns of the batch buffers: forward,
     * backward, then the update chain with learning rate {@code eta} and training-set size
     * {@code trainingSize} (for weight decay's {@code mλ/n}). Each layer's parameters move only
     * after the gradient for the layer below has been taken through them.
     *
     * @param m            the number of examples in the batch buffers, 1 to maxBatch
     * @param eta          η, the learning rate
     * @param trainingSize n, the number of training examples
     * @throws IllegalArgumentException if {@code m} is out of range
     * @throws NativeLibraryException if native BLAS cannot be loaded
     */
    public void step(int m, double eta, int trainingSize) {
        if (m < 1 || m > maxBatch) {
            throw new IllegalArgumentException("batch of " + m + " examples in a workspace for 1 to " + maxBatch);
        }
        NativeBlasProbe.ensureLoaded();
        for (int k = 0; k < depth; k++) {
            forwardLayer(k, m);
        }
        outputDelta(m);
        for (int k = depth - 1; k >= 0; k--) {
            int out = sizes[k + 1];
            int in = sizes[k];
            // ∇W = δ·aᵀ and ∇b = Σ_columns δ, as Matrix.timesTranspose and rowSums compute them.
            Blas.gemm(false, true, out, in, m, 1.0, delta[k], out, activation[k], in, 0.0, gradWeights[k], out);
            rowSums(delta[k], out, m, gradBiases[k]);
            if (k > 0) {
                // ∂C/∂a below = Wᵀ·δ, with the weights from before this step's update.
                Blas.gemm(true, false, in, m, out, 1.0, weights[k], out, delta[k], out, 0.0, gradInput[k], in);
            }
            update(k, eta, m, trainingSize);
            if (k > 0) {
                backward(activations[k - 1], weighted[k - 1], activation[k], gradInput[k], delta[k - 1], in, m);
            }
        }
    }

    /** z = W·a + b (the bias columns are the starting value of a β = 1 product), then a = σ(z). */
    private void forwardLayer(int k, int m) {
        int out = sizes[k + 1];
        int in = sizes[k];
        double[] z = weighted[k];
        for (int j = 0; j < m; j++) {
            System.arraycopy(biases[k], 0, z, j * out, out);
        }
        Blas.gemm(false, false, out, m, in, 1.0, weights[k], out, activation[k], in, 1.0, z, out);
        activate(activations[k], z, activation[k + 1], out, m);
    }

    private void activate(Nonlinearity f, double[] z, double[] a, int rows, int m) {
        int n = rows * m;
        switch (f) {
            case SIGMOID -> {
                for (int i = 0; i < n; i++) {
                    a[i] = 1.0 / (1.0 + Math.exp(-z[i]));
                }
            }
            case TANH -> {
                for (int i = 0; i < n; i++) {
                    a[i] = Math.tanh(z[i]);
                }
            }
            case RELU -> {
                for (int i = 0; i < n; i++) {
                    a[i] = z[i] > 0 ? z[i] : 0;
                }
            }
            case IDENTITY -> System.arraycopy(z, 0, a, 0, n);
            case SOFTMAX -> softmax(z, a, rows, m);
        }
    }

    /**
     * Column-wise softmax of {@code z} (rows x m, column-major) into {@code a}, with each column's
     * maximum subtracted first so that large inputs do not overflow. The API's softmax activation
     * calls this too, which keeps the two paths bit-identical.
     *
     * @param z    the weighted inputs; not changed unless it is {@code a} itself
     * @param a    where the outputs go; may be {@code z}
     * @param rows the classes (rows of each column)
     * @param m    the columns (examples)
     */
    public static void softmax(double[] z, double[] a, int rows, int m) {
        for (int j = 0; j < m; j++) {
            int base = j * rows;
            double max = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < rows; i++) {
                max = Math.max(max, z[base + i]);
            }
            double sum = 0;
            for (int i = 0; i < rows; i++) {
                a[base + i] = Math.exp(z[base + i] - max);
                sum += a[base + i];
            }
            for (int i = 0; i < rows; i++) {
                a[base + i] /= sum;
            }
        }
    }

    /** δ of the output layer for the cost, with the shortcuts the API's costs take (a − y). */
    private void outputDelta(int m) {
        int rows = sizes[depth];
        int n = rows * m;
        Nonlinearity f = activations[depth - 1];
        double[] z = weighted[depth - 1];
        double[] a = activation[depth];
        double[] y = targets;
        double[] d = delta[depth - 1];
        boolean cancels = (loss == Loss.CROSS_ENTROPY && f == Nonlinearity.SIGMOID)
                || (loss == Loss.LOG_LIKELIHOOD && f == Nonlinearity.SOFTMAX);
        if (cancels) {
            for (int i = 0; i < n; i++) {
                d[i] = a[i] - y[i];
            }
            return;
        }
        // ∂C/∂a first (into d), then through the activation's Jacobian in place.
        switch (loss) {
            case QUADRATIC -> {
                for (int i = 0; i < n; i++) {
                    d[i] = a[i] - y[i];
                }
            }
            case CROSS_ENTROPY -> {
                for (int i = 0; i < n; i++) {
                    d[i] = (a[i] - y[i]) / Math.max(a[i] * (1 - a[i]), Double.MIN_NORMAL);
                }
            }
            case LOG_LIKELIHOOD -> {
                for (int i = 0; i < n; i++) {
                    d[i] = y[i] == 0 ? 0 : -y[i] / Math.max(a[i], Double.MIN_NORMAL);
                }
            }
        }
        backward(f, z, a, d, d, rows, m);
    }

    /**
     * δ = ∂C/∂z from ∂C/∂a for activation {@code f}; {@code out} may be {@code gradA} itself,
     * since each element is read before it is written (softmax sums its column first). Each
     * case is the API activation's {@code backward}, element by element.
     */
    private void backward(Nonlinearity f, double[] z, double[] a, double[] gradA, double[] out, int rows, int m) {
        int n = rows * m;
        switch (f) {
            case SIGMOID -> {
                for (int i = 0; i < n; i++) {
                    double s = a[i];
                    out[i] = gradA[i] * (s * (1 - s));
                }
            }
            case TANH -> {
                for (int i = 0; i < n; i++) {
                    double t = Math.tanh(z[i]);
                    out[i] = gradA[i] * (1 - t * t);
                }
            }
            case RELU -> {
                for (int i = 0; i < n; i++) {
                    out[i] = gradA[i] * (z[i] > 0 ? 1.0 : 0.0);
                }
            }
            case IDENTITY -> System.arraycopy(gradA, 0, out, 0, n); // gradA·1 is gradA exactly
            case SOFTMAX -> {
                // ∂C/∂z_i = a_i (g_i − Σ_k a_k g_k) per column; the dot product is summed first.
                for (int j = 0; j < m; j++) {
                    int base = j * rows;
                    double dot = 0;
                    for (int i = 0; i < rows; i++) {
                        dot += a[base + i] * gradA[base + i];
                    }
                    for (int i = 0; i < rows; i++) {
                        out[base + i] = a[base + i] * (gradA[base + i] - dot);
                    }
                }
            }
        }
    }

    private static void rowSums(double[] d, int rows, int m, double[] out) {
        Arrays.fill(out, 0.0);
        for (int j = 0; j < m; j++) {
            int base = j * rows;
            for (int i = 0; i < rows; i++) {
                out[i] += d[base + i];
            }
        }
    }

    /**
     * Runs the update chain over the gradients of layer {@code k} in place and moves the
     * parameters: each link is one pass, in the chain's order, and the last link is fused with
     * {@code w ← w + u}.
     */
    private void update(int k, double eta, int m, int trainingSize) {
        double[] w = weights[k];
        double[] b = biases[k];
        double[] gw = gradWeights[k];
        double[] gb = gradBiases[k];
        int last = ops.length - 1;
        for (int i = 0; i < ops.length; i++) {
            UpdateOp op = ops[i];
            boolean fuseApply = i == last;
            switch (op.kind()) {
                case L2 -> {
                    double factor = m * op.value() / trainingSize;
                    addScaled(gw, factor, w);
                    if (fuseApply) {
                        addTo(w, gw);
                        addTo(b, gb);
                    }
                }
                case L1 -> {
                    double factor = m * op.value() / trainingSize;
                    for (int e = 0; e < gw.length; e++) {
                        gw[e] = gw[e] + factor * Math.signum(w[e]);
                    }
                    if (fuseApply) {
                        addTo(w, gw);
                        addTo(b, gb);
                    }
                }
                case LEARNING_RATE -> {
                    double factor = -eta / m;
                    if (fuseApply) {
                        addProduct(w, gw, factor);
                        addProduct(b, gb, factor);
                    } else {
                        scale(gw, factor);
                        scale(gb, factor);
                    }
                }
                case MOMENTUM -> {
                    int slot = slotOf[i];
                    momentum(velocityWeights[slot][k], gw, op.value(), fuseApply ? w : null);
                    momentum(velocityBiases[slot][k], gb, op.value(), fuseApply ? b : null);
                }
            }
        }
    }

    /** u ← u + f·w (the decay's {@code plusScaled}). */
    private static void addScaled(double[] u, double f, double[] w) {
        for (int e = 0; e < u.length; e++) {
            u[e] = u[e] + f * w[e];
        }
    }

    private static void scale(double[] u, double f) {
        for (int e = 0; e < u.length; e++) {
            u[e] = u[e] * f;
        }
    }

    /** p ← p + u (the final {@code plusScaled(1.0, u)}: 1.0·u is u exactly). */
    private static void addTo(double[] p, double[] u) {
        for (int e = 0; e < p.length; e++) {
            p[e] = p[e] + u[e];
        }
    }

    /** p ← p + (g·f): the learning rate's scaling fused with the final move. */
    private static void addProduct(double[] p, double[] g, double f) {
        for (int e = 0; e < p.length; e++) {
            p[e] = p[e] + g[e] * f;
        }
    }

    /**
     * v ← u + μ·v (the velocity), and the updates become v: the parameters move by it when
     * {@code apply} is given, otherwise {@code u} takes its value for the links after.
     */
    private static void momentum(double[] v, double[] u, double mu, double @Nullable [] apply) {
        if (apply != null) {
            for (int e = 0; e < v.length; e++) {
                double velocity = u[e] + mu * v[e];
                v[e] = velocity;
                apply[e] = apply[e] + velocity;
            }
        } else {
            for (int e = 0; e < v.length; e++) {
                double velocity = u[e] + mu * v[e];
                v[e] = velocity;
                u[e] = velocity;
            }
        }
    }
}
