package dev.purenet;

import dev.purenet.math.Matrix;
import io.vavr.collection.Vector;

/**
 * A feed-forward network as an immutable value: a non-empty list of dense layers whose shapes
 * chain (layer k+1 has as many inputs as layer k has outputs).
 *
 * <p>"Changing" a network (a training step, say) returns a new {@code Network}; the old one
 * stays valid and shares whatever did not change.
 */
public record Network(Vector<Layer> layers) {

    public Network {
        if (layers.isEmpty()) {
            throw new IllegalArgumentException("a network needs at least one layer, got none");
        }
        for (int k = 1; k < layers.size(); k++) {
            Layer previous = layers.get(k - 1);
            Layer layer = layers.get(k);
            if (layer.inputs() != previous.outputs()) {
                throw new IllegalArgumentException("layer " + (k + 1) + ": weights are " + layer.weights().shape()
                        + " but layer " + k + " has " + previous.outputs() + " outputs");
            }
        }
    }

    /**
     * Starts the fluent description of a network by its layer sizes, input first:
     * {@code Network.of(784, 30, 10).sigmoid().gaussian(seed(42))}.
     */
    public static Architecture of(int... sizes) {
        return Architecture.of(sizes);
    }

    /**
     * Starts describing a network layer by layer:
     * {@code Network.input(784).dense(30, sigmoid()).dense(10, softmax()).scaled(seed(1))}.
     */
    public static Architecture.Input input(int size) {
        return new Architecture.Input(size);
    }

    /** Layer sizes, input first: {@code [784, 30, 10]}. */
    public Vector<Integer> sizes() {
        return layers.map(Layer::outputs).prepend(layers.head().inputs());
    }

    public int inputSize() {
        return layers.head().inputs();
    }

    public int outputSize() {
        return layers.last().outputs();
    }

    /** The number of weights and biases. */
    public long parameterCount() {
        return layers.map(l -> (long) l.outputs() * l.inputs() + l.outputs()).sum().longValue();
    }

    /** The same network with layer {@code index} (0-based) replaced. */
    public Network withLayer(int index, Layer layer) {
        return new Network(layers.update(index, layer));
    }

    /**
     * The network's output for {@code x}: one column per example (a single column vector is a
     * batch of one). Checks the input height and that every input is finite.
     */
    public Matrix feedforward(Matrix x) {
        requireInput(x);
        Matrix a = x;
        for (Layer layer : layers) {
            a = layer.activation().apply(layer.weights().timesPlusColumn(a, layer.biases()));
        }
        return a;
    }

    /** The network's answer for each column of {@code x}: the index of its largest output. */
    public int[] classify(Matrix x) {
        return feedforward(x).argmaxPerColumn();
    }

    /** Throws a message naming layer 1 when {@code x} does not fit the input layer. */
    public void requireInput(Matrix x) {
        Layer first = layers.head();
        if (x.rows() != first.inputs()) {
            throw new IllegalArgumentException("layer 1 (" + first.describe() + ") expects " + first.inputs()
                    + " input rows, got " + x.shape());
        }
        if (x.cols() == 0) {
            throw new IllegalArgumentException("input has no columns (examples): " + x.shape());
        }
        int bad = x.firstNonFinite();
        if (bad >= 0) {
            throw new IllegalArgumentException("input must be finite numbers, found " + x.describeIndex(bad));
        }
    }

    /** A model summary: sizes, then one line per layer with shapes, activation and parameter count. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("Network ").append(sizes().mkString(" -> "))
                .append(" (").append(parameterCount()).append(" parameters)");
        for (int k = 0; k < layers.size(); k++) {
            Layer l = layers.get(k);
            sb.append("\n  layer ").append(k + 1).append(": ").append(l.describe())
                    .append("  weights ").append(l.weights().shape())
                    .append(", biases ").append(l.biases().shape());
        }
        return sb.toString();
    }
}
