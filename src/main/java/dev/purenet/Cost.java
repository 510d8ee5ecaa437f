package dev.purenet;

import dev.purenet.math.Matrix;

/**
 * A cost function over a batch: outputs {@code a} and targets {@code y}, one column per example.
 * Both the value and the gradient are sums over the examples (not means), as in the book.
 * Implementations are numerically safe: outputs of exactly 0 or 1 give finite values.
 */
public interface Cost {

    /**
     * The name used in summaries and JSON snapshots.
     *
     * @return e.g. {@code "quadratic"}; {@link #named(String)} maps it back for built-ins
     */
    String name();

    /**
     * The total cost of the batch.
     *
     * @param a the network's outputs, outputs x examples
     * @param y the targets, the same shape
     * @return the sum of the per-example costs (not the mean)
     */
    double value(Matrix a, Matrix y);

    /**
     * δ = ∂C/∂z for the output layer, one column per example.
     *
     * @param z      the output layer's weighted inputs, outputs x examples
     * @param a      the output layer's activations, {@code output.apply(z)}
     * @param y      the targets, the same shape
     * @param output the output layer's activation, through which the gradient flows
     * @return ∂C/∂z, the same shape as {@code z}
     */
    Matrix delta(Matrix z, Matrix a, Matrix y, Activation output);

    /**
     * C = ½‖a − y‖² per example; δ = (a − y) ⊙ σ'(z).
     *
     * @return the shared quadratic cost, named {@code "quadratic"}
     */
    static Cost quadratic() {
        return QuadraticCost.INSTANCE;
    }

    /**
     * C = −Σ [y ln a + (1 − y) ln(1 − a)] per example. With a sigmoid output layer
     * δ = a − y: the σ'(z) factor cancels, which is why learning does not slow down when
     * a neuron saturates (chapter 3).
     *
     * @return the shared cross-entropy cost, named {@code "cross-entropy"}
     */
    static Cost crossEntropy() {
        return CrossEntropyCost.INSTANCE;
    }

    /**
     * C = −ln a_y per example (y one-hot), meant for a softmax output layer, with which
     * δ = a − y.
     *
     * @return the shared log-likelihood cost, named {@code "log-likelihood"}
     */
    static Cost logLikelihood() {
        return LogLikelihoodCost.INSTANCE;
    }

    /**
     * The built-in cost called {@code name}: quadratic, cross-entropy or log-likelihood.
     *
     * @param name the cost's {@link #name()}
     * @return the shared instance of that cost
     * @throws IllegalArgumentException for any other name
     */
    static Cost named(String name) {
        return switch (name) {
            case "quadratic" -> quadratic();
            case "cross-entropy" -> crossEntropy();
            case "log-likelihood" -> logLikelihood();
            default -> throw new IllegalArgumentException(
                    "unknown cost '" + name + "', expected one of [quadratic, cross-entropy, log-likelihood]");
        };
    }
}
