package dev.purenet;

import dev.purenet.math.Matrix;

/**
 * A cost function over a batch: outputs {@code a} and targets {@code y}, one column per example.
 * Both the value and the gradient are sums over the examples (not means), as in the book.
 */
public interface Cost {

    /** The name used in summaries and JSON snapshots, e.g. {@code "quadratic"}. */
    String name();

    /** The total cost of the batch. */
    double value(Matrix a, Matrix y);

    /** δ = ∂C/∂z for the output layer, one column per example. */
    Matrix delta(Matrix z, Matrix a, Matrix y, Activation output);

    /** C = ½‖a − y‖² per example; δ = (a − y) ⊙ σ'(z). */
    static Cost quadratic() {
        return QuadraticCost.INSTANCE;
    }
}
