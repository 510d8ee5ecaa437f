package dev.purenet;

import dev.purenet.math.Matrix;
import java.util.function.DoubleBinaryOperator;

/** The built-in costs, each defined once, and the registry that names them. */
final class Costs {
    private Costs() {}

    static final Cost QUADRATIC = new Quadratic();
    static final Cost CROSS_ENTROPY = new CrossEntropy();
    static final Cost LOG_LIKELIHOOD = new LogLikelihood();

    static final Registry<Cost> REGISTRY = new Registry<>("cost", "Cost", Cost::spec);

    static {
        for (Cost c : new Cost[] {QUADRATIC, CROSS_ENTROPY, LOG_LIKELIHOOD}) {
            REGISTRY.register(c);
        }
    }

    /** ½‖a − y‖²; δ = (a − y) ⊙ σ′(z). */
    private static final class Quadratic extends NamedPart implements Cost {
        Quadratic() {
            super("quadratic");
        }

        @Override
        public double value(Matrix a, Matrix y) {
            return 0.5 * a.minus(y).squaredNorm();
        }

        @Override
        public void delta(double[] z, double[] a, double[] y, Activation output, double[] out, int rows, int cols) {
            for (int i = 0, n = rows * cols; i < n; i++) {
                out[i] = a[i] - y[i];
            }
            output.backward(z, a, out, out, rows, cols);
        }
    }

    /** −Σ [y ln a + (1 − y) ln(1 − a)]; δ = a − y with the sigmoid, where σ′ cancels. */
    private static final class CrossEntropy extends NamedPart implements Cost {
        CrossEntropy() {
            super("cross-entropy");
        }

        @Override
        public double value(Matrix a, Matrix y) {
            // y·ln(a) is taken as 0 where y = 0 (and likewise for 1 − y), as network2's nan_to_num does;
            // a log of exactly 0 is clamped to the smallest normal double's log, so the cost stays finite.
            return a.zip(y, (ai, yi) -> -(yi == 0 ? 0 : yi * SafeLog.log(ai)) - (yi == 1 ? 0 : (1 - yi) * SafeLog.log1m(ai))).sum();
        }

        @Override
        public void delta(double[] z, double[] a, double[] y, Activation output, double[] out, int rows, int cols) {
            int n = rows * cols;
            if (output == Activation.sigmoid()) {
                for (int i = 0; i < n; i++) {
                    out[i] = a[i] - y[i];
                }
                return;
            }
            // ∂C/∂a = (a − y) / (a (1 − a)), then through the activation's Jacobian.
            for (int i = 0; i < n; i++) {
                out[i] = (a[i] - y[i]) / Math.max(a[i] * (1 - a[i]), Double.MIN_NORMAL);
            }
            output.backward(z, a, out, out, rows, cols);
        }
    }

    /** −ln a_y; δ = a − y with softmax. */
    private static final class LogLikelihood extends NamedPart implements Cost {
        LogLikelihood() {
            super("log-likelihood");
        }

        @Override
        public double value(Matrix a, Matrix y) {
            return a.zip(y, (ai, yi) -> yi == 0 ? 0 : -yi * SafeLog.log(ai)).sum();
        }

        @Override
        public void delta(double[] z, double[] a, double[] y, Activation output, double[] out, int rows, int cols) {
            int n = rows * cols;
            if (output == Activation.softmax()) {
                for (int i = 0; i < n; i++) {
                    out[i] = a[i] - y[i];
                }
                return;
            }
            for (int i = 0; i < n; i++) {
                out[i] = y[i] == 0 ? 0 : -y[i] / Math.max(a[i], Double.MIN_NORMAL);
            }
            output.backward(z, a, out, out, rows, cols);
        }
    }

    /** An element-wise cost from lambdas, as {@link Cost.Elementwise#of} makes it. */
    static final class FromFunctions extends NamedPart implements Cost.Elementwise {
        private final DoubleBinaryOperator value;
        private final DoubleBinaryOperator gradient;

        FromFunctions(String name, DoubleBinaryOperator value, DoubleBinaryOperator gradient) {
            super(name);
            this.value = value;
            this.gradient = gradient;
        }

        @Override
        public double value(double a, double y) {
            return value.applyAsDouble(a, y);
        }

        @Override
        public double gradient(double a, double y) {
            return gradient.applyAsDouble(a, y);
        }
    }
}
