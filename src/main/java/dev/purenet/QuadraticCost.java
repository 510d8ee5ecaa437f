package dev.purenet;

import dev.purenet.math.Matrix;

final class QuadraticCost implements Cost {
    static final QuadraticCost INSTANCE = new QuadraticCost();

    private QuadraticCost() {}

    @Override
    public String name() {
        return "quadratic";
    }

    @Override
    public double value(Matrix a, Matrix y) {
        return 0.5 * a.minus(y).squaredNorm();
    }

    @Override
    public Matrix delta(Matrix z, Matrix a, Matrix y, Activation output) {
        return output.backward(z, a, a.minus(y));
    }

    @Override
    public String toString() {
        return "quadratic";
    }
}
