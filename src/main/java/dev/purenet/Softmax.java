package dev.purenet;

import dev.purenet.math.FusedSgd;
import dev.purenet.math.Matrix;

/** Column-wise softmax, computed stably by subtracting each column's maximum first. */
final class Softmax implements Activation {
    static final Softmax INSTANCE = new Softmax();

    private Softmax() {}

    @Override
    public String name() {
        return "softmax";
    }

    @Override
    public Matrix apply(Matrix z) {
        double[] v = z.toColumnMajorArray();
        FusedSgd.softmax(v, v, z.rows(), z.cols());
        return Matrix.fromColumnMajor(z.rows(), z.cols(), v);
    }

    /** The Jacobian-vector product: ∂C/∂z_i = a_i (g_i − Σ_k a_k g_k), per column. */
    @Override
    public Matrix backward(Matrix z, Matrix a, Matrix gradA) {
        Matrix dot = a.hadamard(gradA).columnSums();
        return Matrix.generate(a.rows(), a.cols(), (i, j) -> a.get(i, j) * (gradA.get(i, j) - dot.get(0, j)));
    }

    @Override
    public String toString() {
        return name();
    }
}
