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

    /** The name used in summaries and JSON snapshots, e.g. {@code "sigmoid"}. */
    String name();

    /** a = σ(z), column by column. */
    Matrix apply(Matrix z);

    /** ∂C/∂z given z, a = σ(z) and ∂C/∂a (the vector–Jacobian product of σ). */
    Matrix backward(Matrix z, Matrix a, Matrix gradA);

    /** The built-in activation called {@code name}, as written in JSON snapshots. */
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

    /** The logistic function 1 / (1 + e^-z), network.py's only activation. */
    static Activation sigmoid() {
        return Sigmoid.INSTANCE;
    }

    /** tanh(z), outputs in (−1, 1). */
    static Activation tanh() {
        return Elementwise.TANH;
    }

    /** max(0, z); its derivative at 0 is taken as 0. */
    static Activation relu() {
        return Elementwise.RELU;
    }

    /** z itself: a linear layer. */
    static Activation identity() {
        return Elementwise.IDENTITY;
    }

    /**
     * e^z_i / Σ_j e^z_j over each column: outputs are positive and sum to 1, a probability
     * distribution over classes. Meant for the output layer, with {@link Cost#logLikelihood()}.
     */
    static Activation softmax() {
        return Softmax.INSTANCE;
    }

    /** An activation applied element by element: σ and σ' are scalar functions. */
    interface Elementwise extends Activation {
        Elementwise TANH = of("tanh", Math::tanh, z -> {
            double t = Math.tanh(z);
            return 1 - t * t;
        });
        Elementwise RELU = of("relu", z -> z > 0 ? z : 0, z -> z > 0 ? 1 : 0);
        Elementwise IDENTITY = of("identity", z -> z, z -> 1);

        /** An element-wise activation from a name, σ and σ'. */
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

        double value(double z);

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
