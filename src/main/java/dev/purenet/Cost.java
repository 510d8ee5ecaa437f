package dev.purenet;

import dev.purenet.math.Matrix;
import java.util.function.DoubleBinaryOperator;

/**
 * A cost over a batch: outputs {@code a} and targets {@code y}, one column per example. Value
 * and gradient are sums over the examples (not means), as in the book. The output layer's δ is
 * defined once, as the kernel {@link #delta(double[], double[], double[], Activation, double[], int, int)};
 * the training workspace calls it on its buffers and {@link #delta(Matrix, Matrix, Matrix, Activation)}
 * on copies. For a cost that is a sum of per-element terms implement {@link Elementwise}.
 * Register your own with {@code Cost.registry().register(mine)} to save and replay runs using it.
 */
public interface Cost {

    /**
     * The name written in summaries and snapshots.
     *
     * @return e.g. {@code "quadratic"}
     */
    String name();

    /**
     * The name and parameters written in experiment records; the name alone unless overridden.
     *
     * @return the spec {@link #registry()} resolves back to this cost
     */
    default Spec spec() {
        return Spec.of(name());
    }

    /**
     * The total cost of the batch.
     *
     * @param a the network's outputs, outputs x examples
     * @param y the targets, the same shape
     * @return the sum of the per-example costs (not the mean)
     */
    double value(Matrix a, Matrix y);

    /**
     * out ← δ = ∂C/∂z for the output layer, column-major {@code rows x cols}.
     *
     * @param z      the output layer's weighted inputs
     * @param a      its activations, σ(z)
     * @param y      the targets
     * @param output the output layer's activation, through which the gradient flows
     * @param out    where δ goes (not aliased with the inputs)
     * @param rows   outputs
     * @param cols   examples
     */
    void delta(double[] z, double[] a, double[] y, Activation output, double[] out, int rows, int cols);

    /**
     * δ = ∂C/∂z as a new matrix: the kernel on copies.
     *
     * @param z      the output layer's weighted inputs, outputs x examples
     * @param a      its activations, {@code output.apply(z)}
     * @param y      the targets, the same shape
     * @param output the output layer's activation
     * @return ∂C/∂z, the same shape as {@code z}
     * @throws IllegalArgumentException if the shapes differ
     */
    default Matrix delta(Matrix z, Matrix a, Matrix y, Activation output) {
        if (!z.shape().equals(a.shape()) || !z.shape().equals(y.shape())) {
            throw new IllegalArgumentException(name() + ".delta: z, a and y must have one shape, got "
                    + z.shape() + ", " + a.shape() + " and " + y.shape());
        }
        double[] out = new double[z.rows() * z.cols()];
        delta(z.toColumnMajorArray(), a.toColumnMajorArray(), y.toColumnMajorArray(), output, out, z.rows(), z.cols());
        return Matrix.fromColumnMajor(z.rows(), z.cols(), out);
    }

    /**
     * The names experiments use for costs: the built-ins and whatever has been registered.
     *
     * @return the shared registry
     */
    static Registry<Cost> registry() {
        return Costs.REGISTRY;
    }

    /**
     * The registered cost a name stands for.
     *
     * @param name e.g. {@code "cross-entropy"}
     * @return the cost
     * @throws IllegalArgumentException for an unknown name, listing the known ones
     */
    static Cost named(String name) {
        return registry().resolve(name);
    }

    /**
     * C = ½‖a − y‖² per example; δ = (a − y) ⊙ σ′(z).
     *
     * @return the shared quadratic cost, named {@code "quadratic"}
     */
    static Cost quadratic() {
        return Costs.QUADRATIC;
    }

    /**
     * C = −Σ [y ln a + (1 − y) ln(1 − a)] per example. With the sigmoid output layer δ = a − y:
     * the σ′(z) factor cancels, which is why learning does not slow down when a neuron
     * saturates (chapter 3).
     *
     * @return the shared cross-entropy cost, named {@code "cross-entropy"}
     */
    static Cost crossEntropy() {
        return Costs.CROSS_ENTROPY;
    }

    /**
     * C = −ln a_y per example (y one-hot), meant for a softmax output layer, with which δ = a − y.
     *
     * @return the shared log-likelihood cost, named {@code "log-likelihood"}
     */
    static Cost logLikelihood() {
        return Costs.LOG_LIKELIHOOD;
    }

    /**
     * A cost that is the sum of one term per output and example, C = Σ c(a, y): implement the
     * term and its derivative ∂c/∂a; δ then flows through the output activation's
     * {@link Activation#backward}.
     */
    interface Elementwise extends Cost {
        /**
         * c(a, y) for one output of one example.
         *
         * @param a the output
         * @param y its target
         * @return the term
         */
        double value(double a, double y);

        /**
         * ∂c/∂a for one output of one example.
         *
         * @param a the output
         * @param y its target
         * @return the derivative
         */
        double gradient(double a, double y);

        @Override
        default double value(Matrix a, Matrix y) {
            return a.zip(y, this::value).sum();
        }

        @Override
        default void delta(double[] z, double[] a, double[] y, Activation output, double[] out, int rows, int cols) {
            for (int i = 0, n = rows * cols; i < n; i++) {
                out[i] = gradient(a[i], y[i]);
            }
            output.backward(z, a, out, out, rows, cols);
        }

        /**
         * An element-wise cost from a name, the term and its derivative.
         *
         * @param name     the name in files; register the result to read them back
         * @param value    c(a, y)
         * @param gradient ∂c/∂a
         * @return a new cost
         */
        static Elementwise of(String name, DoubleBinaryOperator value, DoubleBinaryOperator gradient) {
            return new Costs.FromFunctions(name, value, gradient);
        }
    }
}
