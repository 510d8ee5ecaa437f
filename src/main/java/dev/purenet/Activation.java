package dev.purenet;

import dev.purenet.math.Matrix;
import java.util.function.DoubleUnaryOperator;

/**
 * A layer's non-linearity over a whole batch (one column per example), defined once as two
 * kernels that write into a destination: {@link #forward} (a = σ(z)) and {@link #backward}
 * (∂C/∂z from ∂C/∂a). The training workspace calls the kernels on its reused buffers; the pure
 * {@code Matrix} methods {@link #apply} and {@link #backward(Matrix, Matrix, Matrix)} call the
 * same kernels on fresh copies, so both give the same bits by construction.
 *
 * <p>For an element-wise function implement {@link Elementwise} (σ and σ′ only), or use
 * {@link Elementwise#of} / {@link Elementwise#ofOutput}. To save and read back networks and
 * experiments that use your activation, register it once: {@code Activation.registry().register(mine)}.
 *
 * <p>Arrays are column-major, {@code rows x cols}; only the first {@code rows * cols} entries
 * are read or written (buffers may be longer).
 */
public interface Activation {

    /**
     * The name written in summaries and snapshots.
     *
     * @return e.g. {@code "sigmoid"}
     */
    String name();

    /**
     * The name and parameters written in snapshots; the name alone unless overridden.
     *
     * @return the spec {@link #registry()} resolves back to this activation
     */
    default Spec spec() {
        return Spec.of(name());
    }

    /**
     * a ← σ(z). {@code a} may be {@code z} itself.
     *
     * @param z    weighted inputs, read only (unless it is {@code a})
     * @param a    where the activations go
     * @param rows neurons
     * @param cols examples
     */
    void forward(double[] z, double[] a, int rows, int cols);

    /**
     * out ← ∂C/∂z from z, a = σ(z) and gradA = ∂C/∂a (the vector–Jacobian product of σ).
     * {@code out} may be {@code gradA} itself: implementations read what they need of an
     * element (or a column) before writing it.
     *
     * @param z     weighted inputs
     * @param a     σ(z), as {@link #forward} wrote it
     * @param gradA ∂C/∂a
     * @param out   where ∂C/∂z goes
     * @param rows  neurons
     * @param cols  examples
     */
    void backward(double[] z, double[] a, double[] gradA, double[] out, int rows, int cols);

    /**
     * a = σ(z) as a new matrix: {@link #forward} on a copy.
     *
     * @param z weighted inputs, neurons x examples
     * @return the activations, the same shape
     */
    default Matrix apply(Matrix z) {
        double[] a = z.toColumnMajorArray();
        forward(a, a, z.rows(), z.cols());
        return Matrix.fromColumnMajor(z.rows(), z.cols(), a);
    }

    /**
     * ∂C/∂z as a new matrix: {@link #backward(double[], double[], double[], double[], int, int)} on copies.
     *
     * @param z     weighted inputs, neurons x examples
     * @param a     {@code apply(z)}
     * @param gradA ∂C/∂a, the same shape
     * @return ∂C/∂z, the same shape
     * @throws IllegalArgumentException if the shapes differ
     */
    default Matrix backward(Matrix z, Matrix a, Matrix gradA) {
        if (!z.shape().equals(a.shape()) || !z.shape().equals(gradA.shape())) {
            throw new IllegalArgumentException(name() + ".backward: z, a and gradA must have one shape, got "
                    + z.shape() + ", " + a.shape() + " and " + gradA.shape());
        }
        double[] out = gradA.toColumnMajorArray();
        backward(z.toColumnMajorArray(), a.toColumnMajorArray(), out, out, z.rows(), z.cols());
        return Matrix.fromColumnMajor(z.rows(), z.cols(), out);
    }

    /**
     * The names snapshots and experiments use for activations: the built-ins, and whatever
     * has been registered.
     *
     * @return the shared registry
     */
    static Registry<Activation> registry() {
        return Activations.REGISTRY;
    }

    /**
     * The registered activation a name (or {@code name(key=value)} spec) stands for.
     *
     * @param name e.g. {@code "relu"}
     * @return the activation
     * @throws IllegalArgumentException for an unknown name, listing the known ones
     */
    static Activation named(String name) {
        return registry().resolve(name);
    }

    /**
     * The logistic function 1 / (1 + e^-z), network.py's only activation.
     *
     * @return the shared sigmoid, named {@code "sigmoid"}
     */
    static Activation sigmoid() {
        return Activations.SIGMOID;
    }

    /**
     * tanh(z), outputs in (−1, 1).
     *
     * @return the shared tanh, named {@code "tanh"}
     */
    static Activation tanh() {
        return Activations.TANH;
    }

    /**
     * max(0, z); its derivative at 0 is taken as 0.
     *
     * @return the shared ReLU, named {@code "relu"}
     */
    static Activation relu() {
        return Activations.RELU;
    }

    /**
     * z itself: a linear layer.
     *
     * @return the shared identity, named {@code "identity"}
     */
    static Activation identity() {
        return Activations.IDENTITY;
    }

    /**
     * e^z_i / Σ_j e^z_j over each column: a probability distribution over classes. Meant for
     * the output layer, with {@link Cost#logLikelihood()}.
     *
     * @return the shared softmax, named {@code "softmax"}
     */
    static Activation softmax() {
        return Activations.SOFTMAX;
    }

    /**
     * An activation applied element by element: implement σ and σ′ and the kernels follow.
     * The default kernels call {@link #value} and {@link #derivative} once per element; the JIT
     * inlines them, so a user's element-wise activation trains at the built-ins' speed.
     */
    interface Elementwise extends Activation {

        /**
         * σ(z) for one entry.
         *
         * @param z one weighted input
         * @return its activation
         */
        double value(double z);

        /**
         * σ′(z) for one entry.
         *
         * @param z one weighted input
         * @return the derivative of σ at {@code z}
         */
        double derivative(double z);

        @Override
        default void forward(double[] z, double[] a, int rows, int cols) {
            for (int i = 0, n = rows * cols; i < n; i++) {
                a[i] = value(z[i]);
            }
        }

        @Override
        default void backward(double[] z, double[] a, double[] gradA, double[] out, int rows, int cols) {
            for (int i = 0, n = rows * cols; i < n; i++) {
                out[i] = gradA[i] * derivative(z[i]);
            }
        }

        /**
         * An element-wise activation from a name, σ and σ′ (as a function of z).
         *
         * @param name       the name in summaries and files; register the result to read files back
         * @param value      σ
         * @param derivative σ′, given z
         * @return a new activation
         */
        static Elementwise of(String name, DoubleUnaryOperator value, DoubleUnaryOperator derivative) {
            return new Activations.FromFunctions(name, value, derivative, false);
        }

        /**
         * An element-wise activation whose derivative is cheapest from its output, as
         * σ′ = σ(1 − σ) for the sigmoid: backprop then reads the stored a instead of
         * recomputing σ(z).
         *
         * @param name             the name in summaries and files
         * @param value            σ
         * @param derivativeOfOutput σ′ as a function of a = σ(z)
         * @return a new activation
         */
        static Elementwise ofOutput(String name, DoubleUnaryOperator value, DoubleUnaryOperator derivativeOfOutput) {
            return new Activations.FromFunctions(name, value, derivativeOfOutput, true);
        }
    }
}
