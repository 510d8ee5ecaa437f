package dev.purenet;

import dev.purenet.math.Matrix;
import java.util.Arrays;
import java.util.Locale;

/**
 * How a network stores its parameters and computes its matrix products, chosen when the network
 * is built ({@link Network#withPrecision}, {@link Architecture#withPrecision}).
 *
 * <p>{@link #FLOAT64} is the default and the book's numbers. {@link #FLOAT32} keeps every
 * parameter a float value and computes the layers' products in single precision ({@code sgemm}),
 * which moves half the bytes and does twice the multiply-adds per instruction. The parameters are
 * still {@link Matrix} values (doubles that are exactly floats), so the pure API, the JSON formats
 * and the update rules work unchanged; the element-wise maths (activations, costs, update rules) is
 * the same double kernel in both precisions.
 */
public enum Precision {
    /** Doubles throughout: {@code dgemm}. */
    FLOAT64,
    /** Parameters rounded to float after every change, products in {@code sgemm}. */
    FLOAT32;

    /**
     * The name files and the command line use.
     *
     * @return {@code "float64"} or {@code "float32"}
     */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The precision a file or a command line names.
     *
     * @param label {@code "float64"} or {@code "float32"}
     * @return the precision
     * @throws IllegalArgumentException naming the known labels for anything else
     */
    public static Precision of(String label) {
        for (Precision p : values()) {
            if (p.label().equals(label)) {
                return p;
            }
        }
        throw new IllegalArgumentException("unknown precision '" + label + "', known: "
                + Arrays.stream(values()).map(Precision::label).toList());
    }

    /**
     * {@code values} as this precision stores them: unchanged in float64, each rounded to the
     * nearest float in float32.
     *
     * @param values the matrix to round
     * @return {@code values} itself when nothing changes, else a rounded copy
     */
    Matrix round(Matrix values) {
        if (this == FLOAT64) {
            return values;
        }
        double[] a = values.toColumnMajorArray();
        boolean changed = false;
        for (int i = 0; i < a.length; i++) {
            double rounded = (float) a[i];
            // != is false for NaN, which stays NaN: a diverged network is reported, not hidden.
            changed |= rounded != a[i];
            a[i] = rounded;
        }
        return changed ? Matrix.fromColumnMajor(values.rows(), values.cols(), a) : values;
    }

    /**
     * {@link #round(Matrix)} on every parameter of {@code layer}.
     *
     * @param layer the layer to round
     * @return {@code layer} itself when every parameter is already stored exactly
     */
    Layer round(Layer layer) {
        if (this == FLOAT64) {
            return layer;
        }
        var rounded = layer.parameters().map(this::round);
        boolean same = true;
        for (int p = 0; p < rounded.size(); p++) {
            same &= rounded.get(p) == layer.parameters().get(p);
        }
        return same ? layer : layer.withParameters(rounded);
    }
}
