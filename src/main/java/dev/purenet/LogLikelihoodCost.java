package dev.purenet;

import dev.purenet.math.Matrix;

final class LogLikelihoodCost implements Cost {
    static final LogLikelihoodCost INSTANCE = new LogLikelihoodCost();

    private LogLikelihoodCost() {}

    @Override
    public String name() {
        return "log-likelihood";
    }

    @Override
    public double value(Matrix a, Matrix y) {
        return a.zip(y, (ai, yi) -> yi == 0 ? 0 : -yi * SafeLog.log(ai)).sum();
    }

    @Override
    public Matrix delta(Matrix z, Matrix a, Matrix y, Activation output) {
        if (output == Activation.softmax()) {
            return a.minus(y);
        }
        Matrix gradA = a.zip(y, (ai, yi) -> yi == 0 ? 0 : -yi / Math.max(ai, Double.MIN_NORMAL));
        return output.backward(z, a, gradA);
    }

    @Override
    public String toString() {
        return name();
    }
}
