package dev.purenet;

import dev.purenet.math.Matrix;
import dev.purenet.math.Rng;

/**
 * How a layer's starting weights and biases are drawn. The generator comes from the caller
 * (derived from an explicit {@link Seed}); an {@code Init} holds no randomness of its own.
 */
public interface Init {

    /**
     * The name used in summaries and experiment records.
     *
     * @return e.g. {@code "gaussian"}; {@link #named(String)} maps it back for built-ins
     */
    String name();

    /**
     * Weights for a layer with {@code inputs} inputs and {@code outputs} neurons (outputs x inputs).
     *
     * @param outputs the layer's neurons: the rows
     * @param inputs  the layer's inputs: the columns
     * @param rng     the generator to draw from; advanced by the draws
     * @return a fresh outputs x inputs matrix
     */
    Matrix weights(int outputs, int inputs, Rng rng);

    /**
     * Biases for a layer of {@code outputs} neurons (outputs x 1).
     *
     * @param outputs the layer's neurons
     * @param rng     the generator to draw from; advanced by any draws
     * @return a fresh outputs x 1 column
     */
    Matrix biases(int outputs, Rng rng);

    /**
     * Weights and biases N(0, 1): network.py's initialisation ("large" in network2.py).
     *
     * @return the initialiser named {@code "gaussian"}
     */
    static Init gaussian() {
        return new Gaussian("gaussian", Spread.ONE, true);
    }

    /**
     * Weights N(0, 1/√inputs), biases N(0, 1): network2.py's default initialisation.
     *
     * @return the initialiser named {@code "scaled"}
     */
    static Init scaled() {
        return new Gaussian("scaled", Spread.FAN_IN, true);
    }

    /**
     * Glorot/Xavier: weights N(0, √(2 / (inputs + outputs))), biases 0; suits tanh and sigmoid.
     *
     * @return the initialiser named {@code "xavier"}
     */
    static Init xavier() {
        return new Gaussian("xavier", Spread.GLOROT, false);
    }

    /**
     * He: weights N(0, √(2 / inputs)), biases 0; suits ReLU.
     *
     * @return the initialiser named {@code "he"}
     */
    static Init he() {
        return new Gaussian("he", Spread.HE, false);
    }

    /**
     * The built-in initialiser called {@code name}.
     *
     * @param name one of gaussian, scaled, xavier, he
     * @return that initialiser
     * @throws IllegalArgumentException for any other name
     */
    static Init named(String name) {
        return registry().resolve(name);
    }

    /**
     * The names experiments use for initialisers: the built-ins and whatever has been registered.
     *
     * @return the shared registry
     */
    static Registry<Init> registry() {
        return Inits.REGISTRY;
    }

    /**
     * The name written in experiment records; the spec {@link #registry()} resolves back.
     *
     * @return the name alone unless overridden
     */
    default Spec spec() {
        return Spec.of(name());
    }

    /** The standard deviation of the weights as a function of the layer's fan-in and fan-out. */
    enum Spread {
        /** 1, whatever the layer's size. */
        ONE,
        /** 1/√inputs. */
        FAN_IN,
        /** √(2 / (inputs + outputs)). */
        GLOROT,
        /** √(2 / inputs). */
        HE;

        double of(int inputs, int outputs) {
            return switch (this) {
                case ONE -> 1.0;
                case FAN_IN -> 1.0 / Math.sqrt(inputs);
                case GLOROT -> Math.sqrt(2.0 / (inputs + outputs));
                case HE -> Math.sqrt(2.0 / inputs);
            };
        }
    }

    /**
     * Gaussian weights with the given spread; biases N(0, 1) or zero. Draws weights row by
     * row, like numpy's randn(outputs, inputs), then the biases.
     *
     * @param name           the name returned by {@link Init#name()}
     * @param spread         the weights' standard deviation as a function of the layer's size
     * @param gaussianBiases true for biases N(0, 1), false for biases 0 (and no draws for them)
     */
    record Gaussian(String name, Spread spread, boolean gaussianBiases) implements Init {
        @Override
        public Matrix weights(int outputs, int inputs, Rng rng) {
            double scale = spread.of(inputs, outputs);
            double[][] rows = new double[outputs][inputs];
            for (double[] row : rows) {
                for (int j = 0; j < inputs; j++) {
                    row[j] = rng.nextGaussian() * scale;
                }
            }
            return Matrix.of(rows);
        }

        @Override
        public Matrix biases(int outputs, Rng rng) {
            double[] b = new double[outputs];
            if (gaussianBiases) {
                for (int i = 0; i < outputs; i++) {
                    b[i] = rng.nextGaussian();
                }
            }
            return Matrix.column(b);
        }
    }
}
