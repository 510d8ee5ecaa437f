package dev.purenet.cli;

import dev.purenet.Dense;
import dev.purenet.Layer;
import dev.purenet.Network;
import dev.purenet.data.Dataset;
import dev.purenet.math.Blas;
import java.util.Arrays;

/**
 * bench's {@code products} path: an epoch of a dense network's matrix products and nothing else.
 * For each mini-batch it makes the native BLAS calls a dense layer's kernel makes in training,
 * with the same shapes and arguments (forward {@code W·a + b}, {@code ∇W = δ·aᵀ}, and above the
 * first layer {@code Wᵀ·δ}), on buffers filled once from the first mini-batch. No gathering, no
 * activation, no cost, no update: the time the BLAS alone needs, the floor under the fast path.
 * It trains nothing.
 */
final class ProductFloor {
    private final int[] inputs;
    private final int[] outputs;
    private final double[][] weights;
    /** activations[0] is the input batch; activations[k + 1] is layer k's output. */
    private final double[][] activations;
    private final double[][] deltas;
    private final double[][] weightGradients;
    private final double[][] inputGradients;
    private final int batch;
    private final int examples;

    /**
     * Buffers for mini-batches of {@code m} over {@code training}.
     *
     * @throws IllegalArgumentException if a layer is not dense
     */
    ProductFloor(Network network, Dataset training, int m) {
        int depth = network.layers().size();
        this.batch = Math.min(m, training.size());
        this.examples = training.size();
        inputs = new int[depth];
        outputs = new int[depth];
        weights = new double[depth][];
        activations = new double[depth + 1][];
        deltas = new double[depth][];
        weightGradients = new double[depth][];
        inputGradients = new double[depth][];
        activations[0] = new double[network.inputSize() * batch];
        int[] order = new int[training.size()];
        Arrays.setAll(order, i -> i);
        training.gather(order, 0, batch, activations[0], new double[training.targetSize() * batch]);
        for (int k = 0; k < depth; k++) {
            Layer layer = network.layers().get(k);
            if (!(layer instanceof Dense dense)) {
                throw new IllegalArgumentException("the products path times dense layers only; layer " + (k + 1) + " is " + layer.kind());
            }
            inputs[k] = layer.inputs();
            outputs[k] = layer.outputs();
            weights[k] = dense.weights().toColumnMajorArray();
            activations[k + 1] = new double[outputs[k] * batch];
            // Small, normal values: what a delta looks like, and no subnormal slow paths.
            deltas[k] = new double[outputs[k] * batch];
            Arrays.fill(deltas[k], 0.01);
            weightGradients[k] = new double[outputs[k] * inputs[k]];
            inputGradients[k] = k > 0 ? new double[inputs[k] * batch] : new double[0];
        }
    }

    /** One epoch's products: as many mini-batches as the training set has, the last one shorter if it is. */
    void epoch() {
        for (int from = 0; from < examples; from += batch) {
            int m = Math.min(batch, examples - from);
            for (int k = 0; k < weights.length; k++) {
                int out = outputs[k];
                int in = inputs[k];
                Blas.gemm(false, false, out, m, in, 1.0, weights[k], out, activations[k], in, 1.0, activations[k + 1], out);
            }
            for (int k = weights.length - 1; k >= 0; k--) {
                int out = outputs[k];
                int in = inputs[k];
                Blas.gemm(false, true, out, in, m, 1.0, deltas[k], out, activations[k], in, 0.0, weightGradients[k], out);
                if (k > 0) {
                    Blas.gemm(true, false, in, m, out, 1.0, weights[k], out, deltas[k], out, 0.0, inputGradients[k], in);
                }
            }
        }
    }

    /** Layer k's output buffer ({@code k = 0}: the input batch), for tests. */
    double[] activation(int k) {
        return activations[k];
    }

    /** Layer k's ∇W buffer as the last mini-batch left it, for tests. */
    double[] weightGradient(int k) {
        return weightGradients[k];
    }
}
