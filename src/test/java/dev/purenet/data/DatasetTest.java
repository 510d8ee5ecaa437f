package dev.purenet.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.purenet.Batch;
import dev.purenet.math.Matrix;
import org.junit.jupiter.api.Test;

class DatasetTest {
    private final Dataset data = Dataset.of(Matrix.of(new double[][] {{0, 1, 2, 3}, {10, 11, 12, 13}}), new int[] {2, 0, 1, 2}, 3);

    @Test
    void gathersMiniBatchesWithOneHotTargets() {
        Batch batch = data.batch(new int[] {3, 1, 0, 2}, 1, 3);
        assertEquals(Matrix.of(new double[][] {{1, 0}, {11, 10}}), batch.inputs());
        assertEquals(Matrix.of(new double[][] {{1, 0}, {0, 0}, {0, 1}}), batch.targets());
    }

    @Test
    void slicesShareTheExamplesInOrder() {
        Dataset tail = data.slice(2, 4);
        assertEquals(2, tail.size());
        assertArrayEquals(new int[] {1, 2}, tail.labels());
        assertEquals(Matrix.column(3, 13), tail.input(1));
        assertThrows(IndexOutOfBoundsException.class, () -> tail.input(2));
    }

    @Test
    void takeClampsToTheSize() {
        assertEquals(2, data.take(2).size());
        assertEquals(4, data.take(100).size());
        assertThrows(IllegalArgumentException.class, () -> data.take(-1));
    }

    @Test
    void bytesAreScaledToTheUnitInterval() {
        Dataset bytes = Dataset.ofBytes(2, new byte[] {0, (byte) 255, (byte) 51, 102}, new int[] {0, 1}, 2);
        assertEquals(Matrix.of(new double[][] {{0, 0.2}, {1, 0.4}}), bytes.range(0, 2).inputs());
    }

    @Test
    void rejectsLabelsOutOfRangeAndMismatchedCounts() {
        assertEquals("label 1 is 3, expected 0 to 2", assertThrows(IllegalArgumentException.class,
                () -> Dataset.of(Matrix.zeros(1, 2), new int[] {0, 3}, 3)).getMessage());
        assertEquals("expected one label per example: 2 examples but 1 labels; the inputs are 1x2 (features x examples)"
                + " and look transposed: purenet takes one example per column, so pass inputs.transpose(), or use"
                + " Dataset.ofRows(inputs, labels) with one example per row", assertThrows(IllegalArgumentException.class,
                () -> Dataset.of(Matrix.zeros(1, 2), new int[] {0}, 3)).getMessage());
        assertEquals("expected 6 values for 2 examples of 3 features, got 5", assertThrows(IllegalArgumentException.class,
                () -> Dataset.ofBytes(3, new byte[5], new int[] {0, 0}, 1)).getMessage());
    }

    @Test
    void fingerprintChangesWithAnyValueOrLabel() {
        String f = data.fingerprint();
        assertEquals(64, f.length());
        assertEquals(f, Dataset.of(Matrix.of(new double[][] {{0, 1, 2, 3}, {10, 11, 12, 13}}), new int[] {2, 0, 1, 2}, 3).fingerprint());
        assertNotEquals(f, Dataset.of(Matrix.of(new double[][] {{0, 1, 2, 3}, {10, 11, 12, 14}}), new int[] {2, 0, 1, 2}, 3).fingerprint());
        assertNotEquals(f, Dataset.of(Matrix.of(new double[][] {{0, 1, 2, 3}, {10, 11, 12, 13}}), new int[] {2, 0, 1, 1}, 3).fingerprint());
        assertNotEquals(f, data.slice(0, 3).fingerprint());
    }
}
