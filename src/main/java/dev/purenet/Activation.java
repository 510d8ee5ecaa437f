package dev.purenet;

import dev.purenet.math.Matrix;

/**
 * A layer's non-linearity, applied to the weighted inputs {@code z} of a whole batch at once
 * (one column per example).
 *
 * <p>Backprop needs only {@link #backward}: given ∂C/∂a it returns ∂C/∂z. For element-wise
 * functions that is {@code gradA ⊙ σ'(z)}; implement {@link Elementwise} and only the scalar
 * function and its derivative are needed.
 */
public interface Activation {

    /**
     * The name used in summaries and JSON snapshots.
     *
     * @return e.g. {@code "sigmoid"}; {@link #named(String)} maps it back for built-ins
     */
    String name();

    /**
     * a = σ(z), column by column.
     *
     * @param z weighted inputs, neurons x examples
     * @return the activations, the same shape as {@code z}
     */
    Matrix apply(Matrix z);

    /**
     * ∂C/∂z given z, a = σ(z) and ∂C/∂a (the vector–Jacobian product of σ).
     *
     * @param z     weighted inputs, neurons x examples
     * @param a     {@code apply(z)}, passed so that it need not be recomputed
     * @param gradA ∂C/∂a, the same shape as {@code z}
     * @return ∂C/∂z, the same shape as {@code z}
     */
    Matrix backward(Matrix z, Matrix a, Matrix gradA);

    /**
     * The built-in activation called {@code name}, as written in JSON snapshots.
     *
     * @param name one of sigmoid, tanh, relu, identity, softmax
     * @return the shared instance of that activation
     * @throws IllegalArgumentException for any other name
     */
    static Activation named(String name) {
        return switch (name) {
            case "sigmoid" -> sigmoid();
            case "tanh" -> tanh();
            case "relu" -> relu();
            case "identity" -> identity();
            case "softmax" -> softmax();
            default -> throw new IllegalArgumentException(
                    "unknown activation '" + name + "', expected one of [sigmoid, tanh, relu, identity, softmax]");
        };
    }

    /**
     * The logistic function 1 / (1 + e^-z), network.py's only activation.
     *
     * @return the shared sigmoid instance, named {@code "sigmoid"}
     */
    static Activation sigmoid() {
        return Sigmoid.INSTANCE;
    }

    /**
     * tanh(z), outputs in (−1, 1).
     *
     * @return {@link Elementwise#TANH}
     */
    static Activation tanh() {
        return Elementwise.TANH;
    }

    /**
     * max(0, z); its derivative at 0 is taken as 0.
     *
     * @return {@link Elementwise#RELU}
     */
    static Activation relu() {
        return Elementwise.RELU;
    }

    /**
     * z itself: a linear layer.
     *
     * @return {@link Elementwise#IDENTITY}
     */
    static Activation identity() {
        return Elementwise.IDENTITY;
    }

    /**
     * e^z_i / Σ_j e^z_j over each column: outputs are positive and sum to 1, a probability
     * distribution over classes. Meant for the output layer, with {@link Cost#logLikelihood()}.
     *
     * @return the shared softmax instance, named {@code "softmax"}
     */
    static Activation softmax() {
        return Softmax.INSTANCE;
    }

    /** An activation applied element by element: σ and σ' are scalar functions. */
    interface Elementwise extends Activation {
        /** tanh(z), with σ'(z) = 1 − tanh²(z). */
        Elementwise TANH = of("tanh", Math::tanh, z -> {
            double t = Math.tanh(z);
            return 1 - t * t;
        });
        /** max(0, z), with σ'(z) = 1 for z &gt; 0 and 0 otherwise (including at 0). */
        Elementwise RELU = of("relu", z -> z > 0 ? z : 0, z -> z > 0 ? 1 : 0);
        /** z, with σ'(z) = 1. */
        Elementwise IDENTITY = of("identity", z -> z, z -> 1);

        /**
         * An element-wise activation from a name, σ and σ'.
         *
         * @param name       the name returned by {@link #name()} and {@code toString()}
         * @param value      σ, applied to each entry of z
         * @param derivative σ', applied to each entry of z in {@link #backward}
         * @return a new activation
         */
        static Elementwise of(String name, java.util.function.DoubleUnaryOperator value,
                              java.util.function.DoubleUnaryOperator derivative) {
            return new Elementwise() {
                @Override
                public String name() {
                    return name;
                }

                @Override
                public double value(double z) {
                    return value.applyAsDouble(z);
                }

                @Override
                public double derivative(double z) {
                    return derivative.applyAsDouble(z);
                }

                @Override
                public String toString() {
                    return name;
                }
            };
        }

        /**
         * σ(z) for one entry.
         *
         * @param z one weighted input
         * @return its activation
         */
        double value(double z);

        /**
         * σ'(z) for one entry.
         *
         * @param z one weighted input
         * @return the derivative of σ at {@code z}
         */
        double derivative(double z);

        @Override
        default Matrix apply(Matrix z) {
            return z.map(this::value);
        }

        @Override
        default Matrix backward(Matrix z, Matrix a, Matrix gradA) {
            return gradA.hadamard(z.map(this::derivative));
        }
    }
}
