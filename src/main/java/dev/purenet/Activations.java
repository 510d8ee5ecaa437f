package dev.purenet;

import java.util.function.DoubleUnaryOperator;

/** The built-in activations, each defined once, and the registry that names them. */
final class Activations {
    private Activations() {}

    static final Activation SIGMOID = new Sigmoid();
    static final Activation TANH = new Tanh();
    static final Activation RELU = new Relu();
    static final Activation IDENTITY = new Identity();
    static final Activation SOFTMAX = new Softmax();

    static final Registry<Activation> REGISTRY = new Registry<>("activation", "Activation", Activation::spec);

    static {
        for (Activation a : new Activation[] {SIGMOID, TANH, RELU, IDENTITY, SOFTMAX}) {
            REGISTRY.register(a);
        }
    }

    /** 1 / (1 + e^-z); σ′ = σ(1 − σ) is taken from the stored output. */
    private static final class Sigmoid extends NamedPart implements Activation.Elementwise {
        Sigmoid() {
            super("sigmoid");
        }

        private static double sigma(double z) {
            return 1.0 / (1.0 + Math.exp(-z));
        }

        @Override
        public double value(double z) {
            return sigma(z);
        }

        @Override
        public double derivative(double z) {
            double s = sigma(z);
            return s * (1 - s);
        }

        @Override
        public void backward(double[] z, double[] a, double[] gradA, double[] out, int rows, int cols) {
            for (int i = 0, n = rows * cols; i < n; i++) {
                double s = a[i];
                out[i] = gradA[i] * (s * (1 - s));
            }
        }
    }

    /** tanh(z), σ′ = 1 − tanh²(z). */
    private static final class Tanh extends NamedPart implements Activation.Elementwise {
        Tanh() {
            super("tanh");
        }

        /**
         * StrictMath, not Math: Java 24+ compiles Math.tanh to an intrinsic with other last bits,
         * while Java 17's Math.tanh is StrictMath.tanh; this keeps runs bit-identical across JDKs.
         */
        @Override
        public double value(double z) {
            return StrictMath.tanh(z);
        }

        @Override
        public double derivative(double z) {
            double t = StrictMath.tanh(z);
            return 1 - t * t;
        }
    }

    /** max(0, z), σ′ = 1 for z &gt; 0 and 0 otherwise (also at 0). */
    private static final class Relu extends NamedPart implements Activation.Elementwise {
        Relu() {
            super("relu");
        }

        @Override
        public double value(double z) {
            return z > 0 ? z : 0;
        }

        @Override
        public double derivative(double z) {
            return z > 0 ? 1.0 : 0.0;
        }
    }

    /** z; ∂C/∂z is ∂C/∂a, copied (g·1 is g exactly). */
    private static final class Identity extends NamedPart implements Activation.Elementwise {
        Identity() {
            super("identity");
        }

        @Override
        public double value(double z) {
            return z;
        }

        @Override
        public double derivative(double z) {
            return 1.0;
        }

        @Override
        public void forward(double[] z, double[] a, int rows, int cols) {
            if (a != z) {
                System.arraycopy(z, 0, a, 0, rows * cols);
            }
        }

        @Override
        public void backward(double[] z, double[] a, double[] gradA, double[] out, int rows, int cols) {
            if (out != gradA) {
                System.arraycopy(gradA, 0, out, 0, rows * cols);
            }
        }
    }

    /** Column-wise softmax, computed stably by subtracting each column's maximum first. */
    private static final class Softmax extends NamedPart implements Activation {
        Softmax() {
            super("softmax");
        }

        @Override
        public void forward(double[] z, double[] a, int rows, int cols) {
            for (int j = 0; j < cols; j++) {
                int base = j * rows;
                double max = Double.NEGATIVE_INFINITY;
                for (int i = 0; i < rows; i++) {
                    max = Math.max(max, z[base + i]);
                }
                double sum = 0;
                for (int i = 0; i < rows; i++) {
                    a[base + i] = Math.exp(z[base + i] - max);
                    sum += a[base + i];
                }
                for (int i = 0; i < rows; i++) {
                    a[base + i] /= sum;
                }
            }
        }

        /** ∂C/∂z_i = a_i (g_i − Σ_k a_k g_k) per column; the dot product is summed first. */
        @Override
        public void backward(double[] z, double[] a, double[] gradA, double[] out, int rows, int cols) {
            for (int j = 0; j < cols; j++) {
                int base = j * rows;
                double dot = 0;
                for (int i = 0; i < rows; i++) {
                    dot += a[base + i] * gradA[base + i];
                }
                for (int i = 0; i < rows; i++) {
                    out[base + i] = a[base + i] * (gradA[base + i] - dot);
                }
            }
        }
    }

    /**
     * An element-wise activation from lambdas, as {@link Activation.Elementwise#of} and
     * {@link Activation.Elementwise#ofOutput} make it: σ′ from z, or from the stored output a.
     */
    static final class FromFunctions extends NamedPart implements Activation.Elementwise {
        private final DoubleUnaryOperator value;
        private final DoubleUnaryOperator derivative;
        private final boolean derivativeOfOutput;

        FromFunctions(String name, DoubleUnaryOperator value, DoubleUnaryOperator derivative, boolean derivativeOfOutput) {
            super(name);
            this.value = value;
            this.derivative = derivative;
            this.derivativeOfOutput = derivativeOfOutput;
        }

        @Override
        public double value(double z) {
            return value.applyAsDouble(z);
        }

        @Override
        public double derivative(double z) {
            return derivativeOfOutput ? derivative.applyAsDouble(value.applyAsDouble(z)) : derivative.applyAsDouble(z);
        }

        @Override
        public void backward(double[] z, double[] a, double[] gradA, double[] out, int rows, int cols) {
            if (!derivativeOfOutput) {
                Activation.Elementwise.super.backward(z, a, gradA, out, rows, cols);
                return;
            }
            for (int i = 0, n = rows * cols; i < n; i++) {
                out[i] = gradA[i] * derivative.applyAsDouble(a[i]);
            }
        }
    }
}
