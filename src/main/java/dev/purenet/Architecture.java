package dev.purenet;

import io.vavr.collection.Vector;
import java.util.Arrays;

/**
 * A network's shape before it has parameters: layer sizes (input first) and one activation
 * per non-input layer. Initialising it with an {@link Init} and an explicit {@link Seed} gives
 * a {@link Network}.
 */
public record Architecture(Vector<Integer> sizes, Vector<Activation> activations) {

    public Architecture {
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

    /** Sizes, input first; every layer sigmoid until said otherwise. */
    public static Architecture of(int... sizes) {
        Vector<Integer> s = Vector.ofAll(Arrays.stream(sizes).boxed().toList());
        return new Architecture(s, Vector.fill(Math.max(0, s.size() - 1), Activation::sigmoid));
    }

    /** The first step of {@link Network#input(int)}: an input layer and no other layer yet. */
    public record Input(int size) {
        public Input {
            if (size <= 0) {
                throw new IllegalArgumentException("the input size must be positive, got " + size);
            }
        }

        /** A dense layer of {@code size} neurons after the input. */
        public Architecture dense(int size, Activation activation) {
            return new Architecture(Vector.of(this.size, size), Vector.of(activation));
        }
    }

    /** One more dense layer of {@code size} neurons: {@code Network.input(784).dense(30, sigmoid()).dense(10, softmax())}. */
    public Architecture dense(int size, Activation activation) {
        return new Architecture(sizes.append(size), activations.append(activation));
    }

    /** Every layer sigmoid, as in network.py. */
    public Architecture sigmoid() {
        return activation(Activation.sigmoid());
    }

    /** The same activation on every layer. */
    public Architecture activation(Activation activation) {
        return new Architecture(sizes, Vector.fill(sizes.size() - 1, () -> activation));
    }

    /** {@code hidden} on every hidden layer and {@code output} on the output layer. */
    public Architecture activations(Activation hidden, Activation output) {
        return new Architecture(sizes, Vector.fill(sizes.size() - 2, () -> hidden).append(output));
    }

    /** {@code 784 -> 30 (sigmoid) -> 10 (softmax)}. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder().append(sizes.head());
        for (int k = 1; k < sizes.size(); k++) {
            sb.append(" -> ").append(sizes.get(k)).append(" (").append(activations.get(k - 1).name()).append(")");
        }
        return sb.toString();
    }

    /** Weights and biases N(0, 1), as network.py. */
    public Network gaussian(Seed seed) {
        return initialize(Init.gaussian(), seed);
    }

    /** Weights N(0, 1/√inputs), biases N(0, 1), as network2.py. */
    public Network scaled(Seed seed) {
        return initialize(Init.scaled(), seed);
    }

    /**
     * Draws every layer's parameters. Layer k (0-based) draws from {@code seed.derive(k)}:
     * weights row by row, then biases, so one layer's numbers do not depend on another's size.
     */
    public Network initialize(Init init, Seed seed) {
        Vector<Layer> layers = Vector.empty();
        for (int k = 0; k < sizes.size() - 1; k++) {
            var rng = seed.derive(k).rng();
            int inputs = sizes.get(k);
            int outputs = sizes.get(k + 1);
            var weights = init.weights(outputs, inputs, rng);
            var biases = init.biases(outputs, rng);
            layers = layers.append(new Layer(weights, biases, activations.get(k)));
        }
        return new Network(layers);
    }
}
