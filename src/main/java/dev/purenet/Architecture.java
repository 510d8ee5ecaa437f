package dev.purenet;

import io.vavr.collection.Vector;
import java.util.Arrays;

/**
 * A network's shape before it has parameters: layer sizes (input first), one activation per
 * non-input layer, and the precision it computes in. Initialising it with an {@link Init} and an
 * explicit {@link Seed} gives a {@link Network}.
 *
 * @param sizes       layer sizes, input first; at least two, all positive
 * @param activations one per non-input layer, in order
 * @param precision   float64 (the default) or float32
 */
public record Architecture(Vector<Integer> sizes, Vector<Activation> activations, Precision precision) {

    /**
     * Checks the sizes and that there is one activation per non-input layer.
     *
     * @param sizes       layer sizes, input first; at least two, all positive
     * @param activations one per non-input layer, in order
     * @param precision   float64 or float32
     * @throws IllegalArgumentException if there are fewer than two sizes, a size is not
     *         positive, or the number of activations is not one less than the number of sizes
     */
    public Architecture {
        java.util.Objects.requireNonNull(precision, "precision");
        if (sizes.size() < 2) {
            throw new IllegalArgumentException("a network needs at least 2 layer sizes (input and output), got "
                    + sizes.mkString("[", ", ", "]"));
        }
        for (int k = 0; k < sizes.size(); k++) {
            if (sizes.get(k) <= 0) {
                throw new IllegalArgumentException("layer sizes must be positive, got " + sizes.get(k)
                        + " at position " + k + " of " + sizes.mkString("[", ", ", "]"));
            }
        }
        if (activations.size() != sizes.size() - 1) {
            throw new IllegalArgumentException("expected " + (sizes.size() - 1) + " activations (one per non-input layer), got "
                    + activations.size());
        }
    }

    /**
     * A float64 architecture.
     *
     * @param sizes       layer sizes, input first; at least two, all positive
     * @param activations one per non-input layer, in order
     * @throws IllegalArgumentException as the canonical constructor
     */
    public Architecture(Vector<Integer> sizes, Vector<Activation> activations) {
        this(sizes, activations, Precision.FLOAT64);
    }

    /**
     * The same architecture computing in {@code newPrecision}:
     * {@code Network.of(784, 30, 10).withPrecision(Precision.FLOAT32).gaussian(seed(1))}. The
     * parameters are drawn as in float64, then rounded to float.
     *
     * @param newPrecision float64 or float32
     * @return the new architecture
     */
    public Architecture withPrecision(Precision newPrecision) {
        return new Architecture(sizes, activations, newPrecision);
    }

    /**
     * Sizes, input first; every layer sigmoid until said otherwise.
     *
     * @param sizes layer sizes, input first; at least two, all positive
     * @return the architecture with sigmoid on every non-input layer
     * @throws IllegalArgumentException if there are fewer than two sizes or one is not positive
     */
    public static Architecture of(int... sizes) {
        Vector<Integer> s = Vector.ofAll(Arrays.stream(sizes).boxed().toList());
        return new Architecture(s, Vector.fill(Math.max(0, s.size() - 1), Activation::sigmoid));
    }

    /**
     * The first step of {@link Network#input(int)}: an input layer and no other layer yet.
     *
     * @param size the number of inputs
     */
    public record Input(int size) {
        /**
         * Checks the size.
         *
         * @param size the number of inputs
         * @throws IllegalArgumentException if {@code size} is not positive
         */
        public Input {
            if (size <= 0) {
                throw new IllegalArgumentException("the input size must be positive, got " + size);
            }
        }

        /**
         * A dense layer of {@code size} neurons after the input.
         *
         * @param size       the number of neurons; positive
         * @param activation the layer's activation
         * @return a two-size architecture: this input and the new layer
         * @throws IllegalArgumentException if {@code size} is not positive
         */
        public Architecture dense(int size, Activation activation) {
            return new Architecture(Vector.of(this.size, size), Vector.of(activation));
        }
    }

    /**
     * One more dense layer of {@code size} neurons: {@code Network.input(784).dense(30, sigmoid()).dense(10, softmax())}.
     *
     * @param size       the number of neurons; positive
     * @param activation the new layer's activation
     * @return this architecture with the layer appended as the new output layer
     * @throws IllegalArgumentException if {@code size} is not positive
     */
    public Architecture dense(int size, Activation activation) {
        return new Architecture(sizes.append(size), activations.append(activation), precision);
    }

    /**
     * Every layer sigmoid, as in network.py.
     *
     * @return the same sizes with sigmoid on every non-input layer
     */
    public Architecture sigmoid() {
        return activation(Activation.sigmoid());
    }

    /**
     * The same activation on every layer.
     *
     * @param activation for every non-input layer
     * @return the same sizes with {@code activation} everywhere
     */
    public Architecture activation(Activation activation) {
        return new Architecture(sizes, Vector.fill(sizes.size() - 1, () -> activation), precision);
    }

    /**
     * {@code hidden} on every hidden layer and {@code output} on the output layer.
     *
     * @param hidden for every layer between the input and the output layer (none for two sizes)
     * @param output for the last layer, e.g. softmax
     * @return the same sizes with these activations
     */
    public Architecture activations(Activation hidden, Activation output) {
        return new Architecture(sizes, Vector.fill(sizes.size() - 2, () -> hidden).append(output), precision);
    }

    /** {@code 784 -> 30 (sigmoid) -> 10 (softmax)}. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder().append(sizes.head());
        for (int k = 1; k < sizes.size(); k++) {
            sb.append(" -> ").append(sizes.get(k)).append(" (").append(activations.get(k - 1).name()).append(")");
        }
        return precision == Precision.FLOAT64 ? sb.toString() : sb.append(", ").append(precision.label()).toString();
    }

    /**
     * Weights and biases N(0, 1), as network.py.
     *
     * @param seed the only source of randomness; equal seeds give equal networks
     * @return the initialised network
     */
    public Network gaussian(Seed seed) {
        return initialize(Init.gaussian(), seed);
    }

    /**
     * Weights N(0, 1/√inputs), biases N(0, 1), as network2.py.
     *
     * @param seed the only source of randomness; equal seeds give equal networks
     * @return the initialised network
     */
    public Network scaled(Seed seed) {
        return initialize(Init.scaled(), seed);
    }

    /**
     * Draws every layer's parameters. Layer k (0-based) draws from {@code seed.derive(k)}:
     * weights row by row, then biases, so one layer's numbers do not depend on another's size.
     *
     * @param init how the weights and biases are drawn
     * @param seed the only source of randomness; equal seeds give equal networks
     * @return the initialised network, in this architecture's precision
     */
    public Network initialize(Init init, Seed seed) {
        Vector<Layer> layers = Vector.empty();
        for (int k = 0; k < sizes.size() - 1; k++) {
            var rng = seed.derive(k).rng();
            int inputs = sizes.get(k);
            int outputs = sizes.get(k + 1);
            var weights = init.weights(outputs, inputs, rng);
            var biases = init.biases(outputs, rng);
            layers = layers.append(new Dense(weights, biases, activations.get(k)));
        }
        return new Network(layers, precision);
    }
}
