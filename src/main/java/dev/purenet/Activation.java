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
        if (name.equals("sigmoid")) {
            return sigmoid();
        }
        throw new IllegalArgumentException("unknown activation '" + name + "', expected one of [sigmoid]");
    }

    /** The logistic function 1 / (1 + e^-z), network.py's only activation. */
    static Activation sigmoid() {
        return Sigmoid.INSTANCE;
    }

    /** An activation applied element by element: σ and σ' are scalar functions. */
    interface Elementwise extends Activation {
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
