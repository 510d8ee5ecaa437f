package dev.purenet;

import dev.purenet.math.Matrix;
import io.vavr.collection.Vector;

/**
 * A feed-forward network as an immutable value: a non-empty list of layers whose shapes
 * chain (layer k+1 has as many inputs as layer k has outputs), and the {@link Precision} it
 * computes in.
 *
 * <p>"Changing" a network (a training step, say) returns a new {@code Network}; the old one
 * stays valid and shares whatever did not change.
 *
 * @param layers    the layers, input side first
 * @param precision how the parameters are stored and the products computed; in
 *                  {@link Precision#FLOAT32} every parameter is a float value
 */
public record Network(Vector<Layer> layers, Precision precision) {

    /**
     * Checks that the layers chain, and stores the parameters in the network's precision: in
     * float32 each parameter is rounded to the nearest float (a layer already stored exactly is
     * kept as it is).
     *
     * @param layers    the layers, input side first
     * @param precision float64 or float32
     * @throws IllegalArgumentException if there are no layers or a layer's inputs do not match
     *         the previous layer's outputs
     */
    public Network {
        java.util.Objects.requireNonNull(layers, "layers");
        java.util.Objects.requireNonNull(precision, "precision");
        if (layers.isEmpty()) {
            throw new IllegalArgumentException("a network needs at least one layer, got none");
        }
        for (int k = 0; k < layers.size(); k++) {
            if (layers.get(k) == null) {
                throw new NullPointerException("layer " + (k + 1) + " is null");
            }
        }
        for (int k = 1; k < layers.size(); k++) {
            Layer previous = layers.get(k - 1);
            Layer layer = layers.get(k);
            if (layer.inputs() != previous.outputs()) {
                throw new IllegalArgumentException("layer " + (k + 1) + " (" + layer.describe() + ") takes " + layer.inputs()
                        + " inputs but layer " + k + " has " + previous.outputs() + " outputs");
            }
        }
        layers = layers.map(precision::round);
    }

    /**
     * A float64 network: the book's numbers.
     *
     * @param layers the layers, input side first
     * @throws IllegalArgumentException if there are no layers or a layer's inputs do not match
     *         the previous layer's outputs
     */
    public Network(Vector<Layer> layers) {
        this(layers, Precision.FLOAT64);
    }

    /**
     * The same layers in another precision: to float32, every parameter rounded to the nearest
     * float; to float64, the same values (which then train in double).
     *
     * @param newPrecision the precision to train and compute in
     * @return this network when the precision is the same, else a new one
     */
    public Network withPrecision(Precision newPrecision) {
        return newPrecision == precision ? this : new Network(layers, newPrecision);
    }

    /**
     * Starts the fluent description of a network by its layer sizes, input first:
     * {@code Network.of(784, 30, 10).sigmoid().gaussian(seed(42))}.
     *
     * @param sizes layer sizes, input first; at least two, all positive
     * @return the architecture, every layer sigmoid until said otherwise
     * @throws IllegalArgumentException if there are fewer than two sizes or one is not positive
     */
    public static Architecture of(int... sizes) {
        return Architecture.of(sizes);
    }

    /**
     * Starts describing a network layer by layer:
     * {@code Network.input(784).dense(30, sigmoid()).dense(10, softmax()).scaled(seed(1))}.
     *
     * @param size the number of inputs
     * @return the input layer, to which {@code dense} adds the first layer
     * @throws IllegalArgumentException if {@code size} is not positive
     */
    public static Architecture.Input input(int size) {
        return new Architecture.Input(size);
    }

    /**
     * Layer sizes, input first.
     *
     * @return one more size than there are layers, e.g. {@code [784, 30, 10]}, as an unmodifiable {@code java.util.List}
     */
    public java.util.List<Integer> sizes() {
        return layers.map(Layer::outputs).prepend(layers.head().inputs()).asJava();
    }

    /**
     * The number of inputs: the rows an input matrix must have.
     *
     * @return the first layer's inputs
     */
    public int inputSize() {
        return layers.head().inputs();
    }

    /**
     * The number of outputs: the rows of {@link #feedforward} results and of targets.
     *
     * @return the last layer's outputs
     */
    public int outputSize() {
        return layers.last().outputs();
    }

    /**
     * The number of weights and biases.
     *
     * @return the sum over layers of outputs x inputs + outputs
     */
    public long parameterCount() {
        return layers.map(Layer::parameterCount).sum().longValue();
    }

    /**
     * The same network with layer {@code index} (0-based) replaced.
     *
     * @param index the layer to replace, 0-based
     * @param layer the new layer; its shape must chain with its neighbours
     * @return a new network sharing the other layers
     * @throws IllegalArgumentException if the new layer's shape does not chain
     */
    public Network withLayer(int index, Layer layer) {
        return new Network(layers.update(index, layer), precision);
    }

    /**
     * The network's output for {@code x}: one column per example (a single column vector is a
     * batch of one). Checks the input height and that every input is finite.
     *
     * @param x inputs x examples
     * @return outputs x examples: the last layer's activations
     * @throws IllegalArgumentException as {@link #requireInput(Matrix)}
     */
    public Matrix feedforward(Matrix x) {
        requireInput(x);
        Matrix a = x;
        for (Layer layer : layers) {
            a = layer.forward(a, precision);
        }
        return a;
    }

    /**
     * The network's answer for each column of {@code x}: the index of its largest output.
     *
     * @param x inputs x examples
     * @return one class index per column of {@code x}
     * @throws IllegalArgumentException as {@link #requireInput(Matrix)}
     */
    public int[] classify(Matrix x) {
        return feedforward(x).argmaxPerColumn();
    }

    /**
     * Throws a message naming layer 1 when {@code x} does not fit the input layer.
     *
     * @param x the input to check, inputs x examples
     * @throws IllegalArgumentException if {@code x} has the wrong number of rows, no columns, or
     *         a NaN or infinite entry
     */
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
        StringBuilder sb = new StringBuilder("Network ").append(layers.map(Layer::outputs).prepend(layers.head().inputs()).mkString(" -> "))
                .append(" (").append(parameterCount()).append(" parameters")
                .append(precision == Precision.FLOAT64 ? "" : ", " + precision.label()).append(")");
        for (int k = 0; k < layers.size(); k++) {
            Layer l = layers.get(k);
            sb.append("\n  layer ").append(k + 1).append(": ").append(l.kind()).append(' ').append(l.describe()).append(' ');
            for (int p = 0; p < l.parameters().size(); p++) {
                sb.append(p == 0 ? " " : ", ").append(l.parameterNames().get(p)).append(' ').append(l.parameters().get(p).shape());
            }
        }
        return sb.toString();
    }
}
