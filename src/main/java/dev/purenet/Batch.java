package dev.purenet;

import dev.purenet.math.Matrix;

/**
 * A mini-batch: inputs and targets with one column per example.
 * It is never empty and holds only finite numbers.
 *
 * @param inputs  input size x examples
 * @param targets output size x examples: the wanted outputs, column by column
 */
public record Batch(Matrix inputs, Matrix targets) {

    /**
     * Checks the batch.
     *
     * @param inputs  input size x examples
     * @param targets output size x examples: the wanted outputs, column by column
     * @throws IllegalArgumentException if there are no examples, if inputs and targets have
     *         different numbers of columns, or if either holds a NaN or an infinity
     */
    public Batch {
        if (inputs.cols() == 0) {
            throw new IllegalArgumentException("a batch needs at least one example, got inputs " + inputs.shape());
        }
        if (inputs.cols() != targets.cols()) {
            throw new IllegalArgumentException("inputs have " + inputs.cols() + " columns (examples) but targets have "
                    + targets.cols() + "; expected one target column per input column");
        }
        requireFinite(inputs, "inputs");
        requireFinite(targets, "targets");
    }

    private static void requireFinite(Matrix m, String what) {
        int bad = m.firstNonFinite();
        if (bad >= 0) {
            throw new IllegalArgumentException(what + " must be finite numbers, found " + m.describeIndex(bad));
        }
    }

    /**
     * The number of examples.
     *
     * @return the number of columns, at least 1
     */
    public int size() {
        return inputs.cols();
    }

    /**
     * Example {@code j} alone, as a batch of one.
     *
     * @param j the example's column, 0-based
     * @return a batch whose inputs and targets are column {@code j}
     */
    public Batch example(int j) {
        return new Batch(inputs.column(j), targets.column(j));
    }
}
