package dev.purenet.train;

import dev.purenet.Cost;
import dev.purenet.Layer;
import dev.purenet.Network;
import dev.purenet.Noise;
import dev.purenet.math.Matrix;
import io.vavr.collection.Vector;
import org.jspecify.annotations.Nullable;

/**
 * The training engine: one {@link Layer.Kernel} per layer, the batch buffers between them, and
 * the optimizer state, for batches of up to {@code maxBatch} examples. It owns no arithmetic of
 * its own: the forward and backward passes are the layers' kernels, δ of the output layer is
 * the cost's kernel, the hidden layers' δ is their activations' kernel, and the update is the
 * rule's kernel. {@code Sgd} keeps one workspace for a whole epoch; {@link Backprop} makes one
 * per call. It never leaves the function that made it, so its mutation is invisible outside.
 *
 * <p>Buffers are column-major with one column per example; a shorter last mini-batch uses the
 * leading columns. With several threads, a batch's columns are split into fixed blocks, one per
 * lane (see {@link #Workspace(Network, Cost, int, int)}).
 */
final class Workspace implements AutoCloseable {
    private final Network network;
    private final Cost cost;
    private final int depth;
    private final int maxBatch;
    /**
     * lanes[0] trains the first block of a batch's columns on the calling thread and holds the
     * parameters the rule updates; each further lane trains the next block on a thread of its own,
     * with its own copy of the parameters, which it refreshes from lane 0's before each batch.
     */
    private final Lane[] lanes;
    /** laneThreads[l - 1] runs lane l; none with one lane. */
    private final LaneThread[] laneThreads;
    /** slots[k][p]: the update rule's view of layer k's parameter p (lane 0's), made once. */
    private UpdateRule.Slot[][] slots = new UpdateRule.Slot[0][];
    private double[][][][] state = new double[0][][][];

    /** A workspace with one lane: every batch in one piece, on the calling thread. */
    Workspace(Network network, Cost cost, int maxBatch) {
        this(network, cost, maxBatch, 1);
    }

    /**
     * A workspace that splits each batch's columns into {@code threads} fixed blocks (fewer when
     * the batch has fewer columns), trained at the same time, their gradients summed in block
     * order: the same bits for the same thread count, whatever the scheduling.
     */
    Workspace(Network network, Cost cost, int maxBatch, int threads) {
        if (maxBatch < 1) {
            throw new IllegalArgumentException("mini-batch size must be at least 1, got " + maxBatch);
        }
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
        this.network = network;
        this.cost = cost;
        this.depth = network.layers().size();
        this.maxBatch = maxBatch;
        int laneCount = Math.min(threads, maxBatch);
        int laneBatch = (maxBatch + laneCount - 1) / laneCount;
        this.lanes = new Lane[laneCount];
        for (int l = 0; l < laneCount; l++) {
            lanes[l] = new Lane(laneBatch);
        }
        this.laneThreads = new LaneThread[laneCount - 1];
        for (int l = 1; l < laneCount; l++) {
            laneThreads[l - 1] = new LaneThread();
        }
    }

    /** Stops the lanes' threads. */
    @Override
    public void close() {
        for (LaneThread thread : laneThreads) {
            thread.close();
        }
    }

    /** Writes examples [from, to) of the current batch into the leading columns of a lane's buffers. */
    @FunctionalInterface
    interface BatchSource {
        void fill(int from, int to, double[] inputs, double[] targets);
    }

    private static int buffer(int rows, int columns) {
        long size = (long) rows * columns;
        if (size > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("a batch of " + columns + " examples of " + rows
                    + " values needs a buffer of " + size + " doubles, more than a Java array holds; use a smaller mini-batch");
        }
        return (int) size;
    }

    /**
     * Forward and backward over a batch of {@code m} examples, each lane filling its block of
     * them from {@code source} on its own thread: afterwards lane 0's kernels hold the parameter
     * gradients, summed over the batch (block by block, in block order, when there are several).
     */
    void backprop(int m, BatchSource source) {
        backprop(m, source, null);
    }

    /**
     * As {@link #backprop(int, BatchSource)}, training: layer k of example j (of the whole batch,
     * whichever lane takes it) draws its dropout mask from {@code noise.layer(k)}'s column j; null
     * evaluates instead (dropout scales).
     */

    void backprop(int m, BatchSource source, @Nullable Noise noise) {
        if (m < 1 || m > maxBatch) {
            throw new IllegalArgumentException("batch of " + m + " examples in a workspace for 1 to " + maxBatch);
        }
        int active = Math.min(lanes.length, m);
        if (active == 1) {
            lanes[0].backprop(0, m, source, noise);
            return;
        }
        for (int l = 1; l < active; l++) {
            Lane lane = lanes[l];
            int from = blockStart(l, m, active);
            int to = blockStart(l + 1, m, active);
            laneThreads[l - 1].start(() -> {
                lane.takeParameters(lanes[0]);
                lane.backprop(from, to, source, noise);
            });
        }
        try {
            lanes[0].backprop(0, blockStart(1, m, active), source, noise);
        } catch (RuntimeException | Error e) {
            awaitLanes(active, e);
            throw e;
        }
        awaitLanes(active, null);
        // The sum is shared out too: each lane adds every block's gradients over its own range of elements.
        for (int l = 1; l < active; l++) {
            int part = l;
            laneThreads[l - 1].start(() -> addBlocks(part, active));
        }
        addBlocks(0, active);
        awaitLanes(active, null);
    }

    /**
     * Waits for every other lane, so that none is still at work when the workspace is used again,
     * then throws the first failure (after {@code earlier}, which the caller throws), the rest suppressed.
     */
    private void awaitLanes(int active, @Nullable Throwable earlier) {
        Throwable first = earlier;
        for (int l = 1; l < active; l++) {
            try {
                laneThreads[l - 1].await();
            } catch (RuntimeException | Error e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        if (earlier == null && first instanceof RuntimeException runtime) {
            throw runtime;
        }
        if (earlier == null && first instanceof Error error) {
            throw error;
        }
    }

    /**
     * Adds blocks 1.. of every gradient into block 0's, over elements [part·n/parts, (part+1)·n/parts)
     * of each array: each element is summed in block order, as one thread would.
     */
    private void addBlocks(int part, int parts) {
        for (int k = 0; k < depth; k++) {
            double[][] sums = lanes[0].kernels[k].gradients();
            for (int l = 1; l < parts; l++) {
                double[][] block = lanes[l].kernels[k].gradients();
                for (int p = 0; p < sums.length; p++) {
                    double[] sum = sums[p];
                    double[] add = block[p];
                    int to = blockStart(part + 1, sum.length, parts);
                    for (int i = blockStart(part, sum.length, parts); i < to; i++) {
                        sum[i] += add[i];
                    }
                }
            }
        }
    }

    /** The first column of block {@code l} of {@code blocks} over {@code m} columns: a fixed, even split. */
    private static int blockStart(int l, int m, int blocks) {
        return (int) ((long) l * m / blocks);
    }

    /** Copies an optimizer state in (one gradient per state slot) and builds the rule's views. */
    void loadState(Vector<Gradient> optimizerState) {
        int slotsPerParameter = optimizerState.size();
        state = new double[slotsPerParameter][depth][][];
        slots = new UpdateRule.Slot[depth][];
        for (int k = 0; k < depth; k++) {
            Layer layer = network.layers().get(k);
            double[][] params = lanes[0].kernels[k].parameters();
            double[][] grads = lanes[0].kernels[k].gradients();
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
            lanes[0].kernels[k].parametersMoved();
        }
    }

    /** Whether the last layer's gradients are finite: NaN or ∞ spreads to them within one step. */
    boolean outputGradientsFinite() {
        for (double[] g : lanes[0].kernels[depth - 1].gradients()) {
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
                copies(network.layers().get(k).parameters(), lanes[0].kernels[k].gradients()))));
    }

    /** The parameters as they are now, as a new network. */
    Network network() {
        return new Network(Vector.range(0, depth).map(k -> {
            Layer layer = network.layers().get(k);
            return layer.withParameters(copies(layer.parameters(), lanes[0].kernels[k].parameters()));
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

    /** One block's worth of the engine: a kernel per layer and the buffers between them. */
    private final class Lane {
        final Layer.Kernel[] kernels = new Layer.Kernel[depth];
        /** activations[0] is the lane's input block; activations[k + 1] is layer k's output (the kernel's buffer). */
        private final double[][] activations = new double[depth + 1][];
        private final double[][] deltas = new double[depth][];
        /** gradOutputs[k] = ∂C/∂a of layer k, written by layer k + 1's backward (unused for the last layer). */
        private final double[][] gradOutputs = new double[depth][];
        private final double[] inputs;
        private final double[] targets;

        Lane(int laneBatch) {
            this.inputs = new double[buffer(network.inputSize(), laneBatch)];
            this.targets = new double[buffer(network.outputSize(), laneBatch)];
            for (int k = 0; k < depth; k++) {
                Layer layer = network.layers().get(k);
                kernels[k] = layer.kernel(laneBatch, network.precision());
                deltas[k] = new double[buffer(layer.outputs(), laneBatch)];
                gradOutputs[k] = k < depth - 1 ? new double[buffer(layer.outputs(), laneBatch)] : new double[0];
            }
        }

        /** Copies lane 0's parameters, as the last update left them, into this lane's kernels. */
        void takeParameters(Lane first) {
            for (int k = 0; k < depth; k++) {
                double[][] moved = first.kernels[k].parameters();
                double[][] copy = kernels[k].parameters();
                for (int p = 0; p < moved.length; p++) {
                    System.arraycopy(moved[p], 0, copy[p], 0, moved[p].length);
                }
                kernels[k].parametersMoved();
            }
        }

        /** Fills examples [from, to) of the batch into this lane's buffers, then forward and backward over them. */
        void backprop(int from, int to, BatchSource source, @Nullable Noise noise) {
            int m = to - from;
            source.fill(from, to, inputs, targets);
            activations[0] = inputs;
            for (int k = 0; k < depth; k++) {
                activations[k + 1] = noise == null ? kernels[k].forward(activations[k], m)
                        : kernels[k].forward(activations[k], m, noise.layer(k).from(from));
            }
            int last = depth - 1;
            Layer output = network.layers().get(last);
            cost.delta(kernels[last].weightedInput(), activations[depth], targets, output.activation(), deltas[last],
                    output.outputs(), m);
            for (int k = last; k >= 0; k--) {
                kernels[k].backward(activations[k], deltas[k], m, k > 0 ? gradOutputs[k - 1] : null);
                if (k > 0) {
                    Layer below = network.layers().get(k - 1);
                    below.activation().backward(kernels[k - 1].weightedInput(), activations[k], gradOutputs[k - 1],
                            deltas[k - 1], below.outputs(), m);
                }
            }
        }
    }
}
