package dev.purenet;

import dev.purenet.math.Matrix;

/**
 * A mini-batch: inputs and targets with one column per example.
 * It is never empty and holds only finite numbers.
 */
public record Batch(Matrix inputs, Matrix targets) {

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

    public int size() {
        return inputs.cols();
    }

    /** Example {@code j} alone, as a batch of one. */
    public Batch example(int j) {
        return new Batch(inputs.column(j), targets.column(j));
    }
}
