package dev.purenet.data;

import dev.purenet.Seed;
import dev.purenet.math.Matrix;
import dev.purenet.math.Rng;

/** Small generated data sets for demos and tests, each from an explicit seed. */
public final class Synthetic {
    private Synthetic() {}

    /**
     * Points uniform in the square [-1, 1]², labelled by their distance r from the centre:
     * 0 inside r &lt; 0.45, 1 for 0.45 ≤ r &lt; 0.8, 2 beyond. Not linearly separable, so a
     * hidden layer is needed.
     *
     * @param size the number of points
     * @param seed the only source of randomness; equal seeds give equal data sets
     * @return 2 features (x, y) and 3 classes per point
     */
    public static Dataset rings(int size, Seed seed) {
        Rng rng = seed.rng();
        double[] points = new double[2 * size];
        int[] labels = new int[size];
        for (int i = 0; i < size; i++) {
            double x = 2 * rng.nextDouble() - 1;
            double y = 2 * rng.nextDouble() - 1;
            points[2 * i] = x;
            points[2 * i + 1] = y;
            double r = Math.sqrt(x * x + y * y);
            labels[i] = r < 0.45 ? 0 : r < 0.8 ? 1 : 2;
        }
        return Dataset.of(Matrix.fromColumnMajor(2, size, points), labels, 3);
    }
}
