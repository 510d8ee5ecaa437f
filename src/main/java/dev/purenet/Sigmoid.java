package dev.purenet;

import dev.purenet.math.Matrix;

/** The logistic function; σ'(z) = σ(z)(1 − σ(z)) is computed from the stored output. */
final class Sigmoid implements Activation.Elementwise {
    static final Sigmoid INSTANCE = new Sigmoid();

    private Sigmoid() {}

    @Override
    public String name() {
        return "sigmoid";
    }

    @Override
    public double value(double z) {
        return 1.0 / (1.0 + Math.exp(-z));
    }

    @Override
    public double derivative(double z) {
        double s = value(z);
        return s * (1 - s);
    }

    @Override
    public Matrix backward(Matrix z, Matrix a, Matrix gradA) {
        return gradA.hadamard(a.map(s -> s * (1 - s)));
    }

    @Override
    public String toString() {
        return "sigmoid";
    }
}
