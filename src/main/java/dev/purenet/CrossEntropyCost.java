package dev.purenet;

import dev.purenet.math.Matrix;

final class CrossEntropyCost implements Cost {
    static final CrossEntropyCost INSTANCE = new CrossEntropyCost();

    private CrossEntropyCost() {}

    @Override
    public String name() {
        return "cross-entropy";
    }

    @Override
    public double value(Matrix a, Matrix y) {
        // y·ln(a) is taken as 0 where y = 0 (and likewise for 1 − y), as network2's nan_to_num does;
        // a log of exactly 0 is clamped to the smallest normal double's log, so the cost stays finite.
        return a.zip(y, (ai, yi) -> -(yi == 0 ? 0 : yi * SafeLog.log(ai)) - (yi == 1 ? 0 : (1 - yi) * SafeLog.log1m(ai))).sum();
    }

    @Override
    public Matrix delta(Matrix z, Matrix a, Matrix y, Activation output) {
        if (output == Activation.sigmoid()) {
            return a.minus(y);
        }
        // ∂C/∂a = (a − y) / (a (1 − a)), then through the activation's Jacobian.
        Matrix gradA = a.zip(y, (ai, yi) -> (ai - yi) / Math.max(ai * (1 - ai), Double.MIN_NORMAL));
        return output.backward(z, a, gradA);
    }

    @Override
    public String toString() {
        return name();
    }
}
