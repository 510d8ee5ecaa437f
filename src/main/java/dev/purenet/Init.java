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
     * network3.py's initialisation (the book's chapter 6): weights N(0, 1/n_out), where n_out is a
     * dense layer's outputs and a conv-pool layer's maps·k²/pool² (network3.py's integer
     * division), biases N(0, 1); an output layer with the softmax activation (network3.py's
     * {@code SoftmaxLayer}) starts at zero, weights and biases, and draws nothing.
     *
     * @return the initialiser named {@code "network3"}
     */
    static Init network3() {
        return new Network3();
    }

    /**
     * Weights for layer {@code form} of an architecture, which {@link Architecture#initialize}
     * asks for: {@link #weights(int, int, Rng)} of a dense layer's outputs and inputs, and of a
     * conv layer's maps and a filter's fan-in (channels·k·k), its weights being maps x
     * (channels·k·k). An initialiser that depends on more than the two sizes overrides this.
     *
     * @param form       the layer's form (dense or conv-pool)
     * @param outputs    the layer's outputs (a conv-pool layer's: every pooled value of every map)
     * @param inputs     the layer's inputs
     * @param activation the layer's activation
     * @param rng        the generator to draw from; advanced by the draws
     * @return the layer's weight matrix
     */
    default Matrix weights(LayerForm form, int outputs, int inputs, Activation activation, Rng rng) {
        return form instanceof LayerForm.ConvPool conv
                ? weights(conv.maps(), conv.channels() * conv.kernel() * conv.kernel(), rng)
                : weights(outputs, inputs, rng);
    }

    /**
     * Biases for layer {@code form} of an architecture, drawn after its weights: {@link
     * #biases(int, Rng)} of a dense layer's outputs or a conv layer's maps (one bias each).
     *
     * @param form       the layer's form
     * @param outputs    the layer's outputs
     * @param activation the layer's activation
     * @param rng        the generator to draw from; advanced by any draws
     * @return the layer's bias column
     */
    default Matrix biases(LayerForm form, int outputs, Activation activation, Rng rng) {
        return biases(form instanceof LayerForm.ConvPool conv ? conv.maps() : outputs, rng);
    }

    /**
     * The built-in initialiser called {@code name}.
     *
     * @param name one of gaussian, scaled, xavier, he, network3
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
            return normal(outputs, inputs, spread.of(inputs, outputs), rng);
        }

        @Override
        public Matrix biases(int outputs, Rng rng) {
            return gaussianBiases ? normal(outputs, 1, 1.0, rng) : Matrix.zeros(outputs, 1);
        }
    }

    /** {@link Init#network3()}: the standard deviation from the layer's fan-out, a softmax output at zero. */
    record Network3() implements Init {
        @Override
        public String name() {
            return "network3";
        }

        /** A dense layer's: N(0, 1/outputs). */
        @Override
        public Matrix weights(int outputs, int inputs, Rng rng) {
            return normal(outputs, inputs, 1.0 / Math.sqrt(outputs), rng);
        }

        @Override
        public Matrix biases(int outputs, Rng rng) {
            return normal(outputs, 1, 1.0, rng);
        }

        @Override
        public Matrix weights(LayerForm form, int outputs, int inputs, Activation activation, Rng rng) {
            if (form instanceof LayerForm.ConvPool conv) {
                int fanIn = conv.channels() * conv.kernel() * conv.kernel();
                int fanOut = conv.maps() * conv.kernel() * conv.kernel() / (conv.pool() * conv.pool());
                return normal(conv.maps(), fanIn, 1.0 / Math.sqrt(fanOut), rng);
            }
            return activation == Activation.softmax() ? Matrix.zeros(outputs, inputs) : weights(outputs, inputs, rng);
        }

        @Override
        public Matrix biases(LayerForm form, int outputs, Activation activation, Rng rng) {
            return activation == Activation.softmax() && form instanceof LayerForm.Dense
                    ? Matrix.zeros(outputs, 1) : Init.super.biases(form, outputs, activation, rng);
        }
    }

    /** An outputs x inputs matrix of N(0, scale²) draws, row by row (numpy's randn order). */
    private static Matrix normal(int rows, int columns, double scale, Rng rng) {
        double[][] values = new double[rows][columns];
        for (double[] row : values) {
            for (int j = 0; j < columns; j++) {
                row[j] = rng.nextGaussian() * scale;
            }
        }
        return Matrix.of(values);
    }
}
