package dev.purenet.train;

import dev.purenet.Cost;
import dev.purenet.Layer;
import dev.purenet.Network;
import dev.purenet.math.Matrix;
import io.vavr.collection.Vector;

/**
 * The training engine: one {@link Layer.Kernel} per layer, the batch buffers between them, and
 * the optimizer state, for batches of up to {@code maxBatch} examples. It owns no arithmetic of
 * its own: the forward and backward passes are the layers' kernels, δ of the output layer is
 * the cost's kernel, the hidden layers' δ is their activations' kernel, and the update is the
 * rule's kernel. {@code Sgd} keeps one workspace for a whole epoch; {@link Backprop} makes one
 * per call. It never leaves the function that made it, so its mutation is invisible outside.
 *
 * <p>Buffers are column-major with one column per example; a shorter last mini-batch uses the
 * leading columns.
 */
final class Workspace {
    private final Network network;
    private final Cost cost;
    private final int depth;
    private final int maxBatch;
    private final Layer.Kernel[] kernels;
    /** activations[0] is the input batch; activations[k + 1] is layer k's output (the kernel's buffer). */
    private final double[][] activations;
    private final double[][] deltas;
    /** gradOutputs[k] = ∂C/∂a of layer k, written by layer k + 1's backward (unused for the last layer). */
    private final double[][] gradOutputs;
    private final double[] targets;
    /** slots[k][p]: the update rule's view of layer k's parameter p, made once. */
    private UpdateRule.Slot[][] slots = new UpdateRule.Slot[0][];
    private double[][][][] state = new double[0][][][];

    Workspace(Network network, Cost cost, int maxBatch) {
        if (maxBatch < 1) {
            throw new IllegalArgumentException("mini-batch size must be at least 1, got " + maxBatch);
        }
        this.network = network;
        this.cost = cost;
        this.depth = network.layers().size();
        this.maxBatch = maxBatch;
        this.kernels = new Layer.Kernel[depth];
        this.activations = new double[depth + 1][];
        this.deltas = new double[depth][];
        this.gradOutputs = new double[depth][];
        activations[0] = new double[buffer(network.inputSize(), maxBatch)];
        for (int k = 0; k < depth; k++) {
            Layer layer = network.layers().get(k);
            kernels[k] = layer.kernel(maxBatch, network.precision());
            deltas[k] = new double[buffer(layer.outputs(), maxBatch)];
            gradOutputs[k] = k < depth - 1 ? new double[buffer(layer.outputs(), maxBatch)] : new double[0];
        }
        targets = new double[buffer(network.outputSize(), maxBatch)];
    }

    private static int buffer(int rows, int columns) {
        long size = (long) rows * columns;
        if (size > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("a batch of " + columns + " examples of " + rows
                    + " values needs a buffer of " + size + " doubles, more than a Java array holds; use a smaller mini-batch");
        }
        return (int) size;
    }

    /** The input buffer, inputs x maxBatch: the caller writes a batch into its leading columns. */
    double[] inputBuffer() {
        return activations[0];
    }

    /** The target buffer, outputs x maxBatch, filled like {@link #inputBuffer()}. */
    double[] targetBuffer() {
        return targets;
    }

    /**
     * Forward and backward over the first {@code m} columns of the batch buffers: afterwards
     * each kernel holds its parameter gradients, summed over the batch.
     */
    void backprop(int m) {
        if (m < 1 || m > maxBatch) {
            throw new IllegalArgumentException("batch of " + m + " examples in a workspace for 1 to " + maxBatch);
        }
        for (int k = 0; k < depth; k++) {
            activations[k + 1] = kernels[k].forward(activations[k], m);
        }
        int last = depth - 1;
        Layer output = network.layers().get(last);
        cost.delta(kernels[last].weightedInput(), activations[depth], targets, output.activation(), deltas[last],
                output.outputs(), m);
        for (int k = last; k >= 0; k--) {
            kernels[k].backward(activations[k], deltas[k], m, k > 0 ? gradOutputs[k - 1] : null);
            if (k > 0) {
                Layer below = network.layers().get(k - 1);
                below.activation().backward(kernels[k - 1].weightedInput(), activations[k], gradOutputs[k - 1], deltas[k - 1],
                        below.outputs(), m);
            }
        }
    }

    /** Copies an optimizer state in (one gradient per state slot) and builds the rule's views. */
    void loadState(Vector<Gradient> optimizerState) {
        int slotsPerParameter = optimizerState.size();
        state = new double[slotsPerParameter][depth][][];
        slots = new UpdateRule.Slot[depth][];
        for (int k = 0; k < depth; k++) {
            Layer layer = network.layers().get(k);
            double[][] params = kernels[k].parameters();
            double[][] grads = kernels[k].gradients();
            slots[k] = new UpdateRule.Slot[params.length];
            for (int s = 0; s < slotsPerParameter; s++) {
                Vector<Matrix> stateParams = optimizerState.get(s).layers().get(k).parameters();
                state[s][k] = new double[params.length][];
                for (int p = 0; p < params.length; p++) {
                    double[] values = stateParams.get(p).toColumnMajorArray();
                    if (values.length != params[p].length) {
                        throw new IllegalArgumentException("optimizer state " + (s + 1) + " of layer " + (k + 1) + " has "
                                + values.length + " values for " + layer.parameterNames().get(p) + ", which has " + params[p].length);
                    }
                    state[s][k][p] = values;
                }
            }
            for (int p = 0; p < params.length; p++) {
                double[][] stateArrays = new double[slotsPerParameter][];
                for (int s = 0; s < slotsPerParameter; s++) {
                    stateArrays[s] = state[s][k][p];
                }
                slots[k][p] = new UpdateRule.Slot(params[p], grads[p], stateArrays, 0, layer.decays(p));
            }
        }
    }

    /**
     * Moves every parameter by the rule's update of the gradients of the last {@link #backprop},
     * then tells each kernel (a float32 kernel rounds its parameters to float there).
     */
    void update(UpdateRule rule, UpdateRule.Step step) {
        for (int k = 0; k < depth; k++) {
            for (UpdateRule.Slot slot : slots[k]) {
                rule.updateAndMove(slot, step);
            }
            kernels[k].parametersMoved();
        }
    }

    /** Whether the last layer's gradients are finite: NaN or ∞ spreads to them within one step. */
    boolean outputGradientsFinite() {
        for (double[] g : kernels[depth - 1].gradients()) {
            double sum = 0;
            for (double v : g) {
                sum += v;
            }
            if (!Double.isFinite(sum)) {
                return false;
            }
        }
        return true;
    }

    /** The gradients of the last {@link #backprop}, as immutable values. */
    Gradient gradient() {
        return new Gradient(Vector.range(0, depth).map(k -> new Gradient.LayerGradient(
                copies(network.layers().get(k).parameters(), kernels[k].gradients()))));
    }

    /** The parameters as they are now, as a new network. */
    Network network() {
        return new Network(Vector.range(0, depth).map(k -> {
            Layer layer = network.layers().get(k);
            return layer.withParameters(copies(layer.parameters(), kernels[k].parameters()));
        }), network.precision());
    }

    /** The optimizer state as it is now. */
    Vector<Gradient> state() {
        return Vector.range(0, state.length).map(s -> new Gradient(Vector.range(0, depth).map(k -> new Gradient.LayerGradient(
                copies(network.layers().get(k).parameters(), state[s][k])))));
    }

    private static Vector<Matrix> copies(Vector<Matrix> shapes, double[][] arrays) {
        return Vector.range(0, arrays.length).map(p -> Matrix.fromColumnMajor(shapes.get(p).rows(), shapes.get(p).cols(), arrays[p]));
    }
}
