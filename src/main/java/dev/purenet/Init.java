package dev.purenet;

import dev.purenet.math.Matrix;
import dev.purenet.math.Rng;

/**
 * How a layer's starting weights and biases are drawn. The generator comes from the caller
 * (derived from an explicit {@link Seed}); an {@code Init} holds no randomness of its own.
 */
public interface Init {

    /** The name used in summaries and experiment records, e.g. {@code "gaussian"}. */
    String name();

    /** Weights for a layer with {@code inputs} inputs and {@code outputs} neurons (outputs x inputs). */
    Matrix weights(int outputs, int inputs, Rng rng);

    /** Biases for a layer of {@code outputs} neurons (outputs x 1). */
    Matrix biases(int outputs, Rng rng);

    /** Weights and biases N(0, 1): network.py's initialisation. */
    static Init gaussian() {
        return new ScaledGaussian("gaussian", false);
    }

    /** Weights N(0, 1/√inputs), biases N(0, 1): network2.py's default initialisation. */
    static Init scaled() {
        return new ScaledGaussian("scaled", true);
    }

    /** Gaussian weights, optionally divided by √inputs; Gaussian biases. Draws row by row, like numpy's randn. */
    record ScaledGaussian(String name, boolean scaleByFanIn) implements Init {
        @Override
        public Matrix weights(int outputs, int inputs, Rng rng) {
            double scale = scaleByFanIn ? 1.0 / Math.sqrt(inputs) : 1.0;
            double[][] rows = new double[outputs][inputs];
            for (double[] row : rows) {
                for (int j = 0; j < inputs; j++) {
                    row[j] = rng.nextGaussian() * scale;
                }
            }
            return Matrix.of(rows);
        }

        @Override
        public Matrix biases(int outputs, Rng rng) {
            double[] b = new double[outputs];
            for (int i = 0; i < outputs; i++) {
                b[i] = rng.nextGaussian();
            }
            return Matrix.column(b);
        }
    }
}
