package dev.purenet.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.purenet.Batch;
import dev.purenet.math.Matrix;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** The factories for a user's own data: rows or columns, labels or real-valued targets, and their messages. */
class OwnDataTest {
    /** Three examples of two features, one per row, as numpy or a CSV file has them. */
    private static final double[][] ROWS = {{0, 10}, {1, 11}, {2, 12}};
    private static final Matrix COLUMNS = Matrix.of(new double[][] {{0, 1, 2}, {10, 11, 12}});

    private static String message(Executable call) {
        return assertThrows(IllegalArgumentException.class, call).getMessage();
    }

    @Test
    void rowsAndColumnsGiveTheSameDataSet() {
        Dataset fromRows = Dataset.ofRows(ROWS, new int[] {1, 0, 1}, 2);
        Dataset fromColumns = Dataset.of(COLUMNS, new int[] {1, 0, 1}, 2);
        assertEquals(fromColumns.fingerprint(), fromRows.fingerprint());
        assertEquals(Matrix.column(1, 11), fromRows.input(1));
        assertEquals(fromColumns.range(0, 3), fromRows.range(0, 3));
        assertEquals("Dataset(3 examples, 2 features, 2 classes)", fromRows.toString());
    }

    @Test
    void theNumberOfClassesIsInferredFromTheLargestLabel() {
        assertEquals(4, Dataset.ofRows(ROWS, new int[] {3, 0, 1}).classes());
        assertEquals(2, Dataset.of(COLUMNS, new int[] {1, 0, 1}).classes());
        assertEquals("label 1 is -1, expected 0 or more", message(() -> Dataset.ofRows(ROWS, new int[] {0, -1, 1})));
        assertEquals("cannot infer the number of classes from no labels; give it explicitly",
                message(() -> Dataset.of(Matrix.zeros(2, 0), new int[0])));
    }

    @Test
    void regressionKeepsRealTargetsInBatchesAndGather() {
        Dataset data = Dataset.regressionOfRows(ROWS, new double[][] {{0.5, -1}, {1.5, -2}, {2.5, -3}});
        assertFalse(data.isClassification());
        assertEquals(2, data.targetSize());
        assertEquals(Matrix.column(1.5, -2), data.target(1));
        Batch batch = data.batch(new int[] {2, 0, 1}, 0, 2);
        assertEquals(Matrix.of(new double[][] {{2, 0}, {12, 10}}), batch.inputs());
        assertEquals(Matrix.of(new double[][] {{2.5, 0.5}, {-3, -1}}), batch.targets());
        double[] inputs = new double[6];
        double[] targets = {9, 9, 9, 9, 9, 9};
        data.gather(new int[] {1, 2}, 0, 2, inputs, targets);
        assertArrayEquals(new double[] {1, 11, 2, 12, 0, 0}, inputs);
        assertArrayEquals(new double[] {1.5, -2, 2.5, -3, 9, 9}, targets);
        assertEquals(Matrix.column(2.5, -3), data.slice(1, 3).target(1));
        assertEquals("Dataset(3 examples, 2 features, 2 real-valued targets)", data.toString());
    }

    @Test
    void theFourRegressionFactoriesAgree() {
        Matrix targets = Matrix.of(new double[][] {{0.5, 1.5, 2.5}});
        String f = Dataset.regression(COLUMNS, targets).fingerprint();
        assertEquals(f, Dataset.regression(COLUMNS, new double[] {0.5, 1.5, 2.5}).fingerprint());
        assertEquals(f, Dataset.regressionOfRows(ROWS, new double[] {0.5, 1.5, 2.5}).fingerprint());
        assertEquals(f, Dataset.regressionOfRows(ROWS, new double[][] {{0.5}, {1.5}, {2.5}}).fingerprint());
        assertEquals("Dataset(3 examples, 2 features, 1 real-valued target)",
                Dataset.regression(COLUMNS, targets).toString());
    }

    @Test
    void theFingerprintCoversRealTargetsAndTheKindOfData() {
        String f = Dataset.regressionOfRows(ROWS, new double[] {0, 1, 1}).fingerprint();
        assertNotEquals(f, Dataset.regressionOfRows(ROWS, new double[] {0, 1, 1.000001}).fingerprint());
        assertNotEquals(f, Dataset.regressionOfRows(ROWS, new double[] {0, 1, 1}).slice(0, 2).fingerprint());
        // The same numbers as labels are another computation: one-hot targets of two classes.
        assertNotEquals(f, Dataset.ofRows(ROWS, new int[] {0, 1, 1}, 2).fingerprint());
    }

    @Test
    void aRegressionSetHasNoLabelsOrClasses() {
        Dataset data = Dataset.regressionOfRows(ROWS, new double[] {0, 1, 2});
        String expected = "this data set has real-valued targets (regression, 1 per example), so it has no classes;"
                + " use targetSize() and target(i)";
        assertEquals(expected, assertThrows(IllegalStateException.class, data::classes).getMessage());
        assertThrows(IllegalStateException.class, data::labels);
        assertThrows(IllegalStateException.class, () -> data.label(0));
        assertThrows(IllegalStateException.class, () -> data.withClasses(3));
    }

    @Test
    void transposedInputsAreNamedAsSuch() {
        // Rows given where columns are expected: 3 x 2, read as 2 examples of 3 features.
        assertEquals("expected one label per example: 2 examples but 3 labels; the inputs are 3x2 (features x examples)"
                + " and look transposed: purenet takes one example per column, so pass inputs.transpose(), or use"
                + " Dataset.ofRows(inputs, labels) with one example per row",
                message(() -> Dataset.of(Matrix.of(ROWS), new int[] {0, 1, 0}, 2)));
        // Columns given as rows: 2 rows of 3, read as 2 examples of 3 features.
        assertEquals("expected one label per example: 2 examples (rows of inputs) but 3 labels; the inputs are 2 rows"
                + " of 3 and look transposed (one example per column): give one row per example, or use"
                + " Dataset.of(Matrix.of(inputs), labels)",
                message(() -> Dataset.ofRows(COLUMNS.toRowArrays(), new int[] {0, 1, 0}, 2)));
        assertEquals("expected one target per example: 2 examples but 3 targets; the inputs are 3x2 (features x"
                + " examples) and look transposed: purenet takes one example per column, so pass inputs.transpose(),"
                + " or use Dataset.regressionOfRows(inputs, targets) with one example per row",
                message(() -> Dataset.regression(Matrix.of(ROWS), new double[] {1, 2, 3})));
        assertEquals("expected one target per example: 2 examples (rows of inputs) but 3 targets; the inputs are 2 rows"
                + " of 3 and look transposed (one example per column): give one row per example, or use"
                + " Dataset.regression(Matrix.of(inputs), targets)",
                message(() -> Dataset.regressionOfRows(COLUMNS.toRowArrays(), new double[] {1, 2, 3})));
        // A count that fits neither layout gets no hint.
        assertEquals("expected one label per example: 3 examples but 4 labels",
                message(() -> Dataset.of(COLUMNS, new int[] {0, 1, 0, 1}, 2)));
    }

    @Test
    void transposedTargetMatricesAreNamedAsSuch() {
        Matrix targets = Matrix.of(new double[][] {{1, 2, 3}, {4, 5, 6}}); // 2 outputs x 3 examples
        assertTrue(message(() -> Dataset.regression(COLUMNS, Matrix.column(1, 2, 3)))
                .endsWith("so 1; the targets look transposed (one example per row): pass targets.transpose()"));
        assertTrue(message(() -> Dataset.regression(COLUMNS.transpose(), targets))
                .endsWith("the inputs or the targets look transposed (one example per row): transpose the one that has"
                        + " one example per row"));
        assertTrue(message(() -> Dataset.regression(COLUMNS.transpose(), Matrix.of(new double[][] {{1, 2, 3}})))
                .endsWith("the inputs look transposed (one example per row): pass inputs.transpose(), or use"
                        + " Dataset.regressionOfRows for data with one example per row"));
        assertEquals("expected one target column per example (column of inputs): inputs are 3x2 (features x examples),"
                + " so 2 examples, but targets are 3x1 (outputs x examples), so 1; both look transposed (one example per"
                + " row): use Dataset.regressionOfRows(inputs, targets)",
                message(() -> Dataset.regression(COLUMNS.transpose(), Matrix.of(new double[][] {{1}, {2}, {3}}))));
        assertEquals("expected one target row per example (row of inputs): inputs have 3 rows of 2 features, targets"
                + " have 1 row of 3; the targets look transposed (one example per column): give one row per example",
                message(() -> Dataset.regressionOfRows(ROWS, new double[][] {{1, 2, 3}})));
    }

    @Test
    void nonFiniteValuesAreRefusedWithTheirPosition() {
        assertEquals("inputs must be finite numbers, found inputs[2][1] = NaN (example 2)",
                message(() -> Dataset.ofRows(new double[][] {{0, 1}, {2, 3}, {4, Double.NaN}}, new int[] {0, 1, 0})));
        assertEquals("targets must be finite numbers, found targets[1][0] = Infinity (example 1)",
                message(() -> Dataset.regressionOfRows(ROWS, new double[][] {{0}, {Double.POSITIVE_INFINITY}, {1}})));
        assertEquals("targets must be finite numbers, found targets[2] = NaN",
                message(() -> Dataset.regressionOfRows(ROWS, new double[] {0, 1, Double.NaN})));
        assertEquals("inputs must be finite numbers, found (1, 2) = -Infinity (example 2)",
                message(() -> Dataset.of(Matrix.of(new double[][] {{0, 1, 2}, {0, 1, Double.NEGATIVE_INFINITY}}),
                        new int[] {0, 0, 0}, 1)));
        assertEquals("targets must be finite numbers, found (0, 1) = NaN (example 1)",
                message(() -> Dataset.regression(COLUMNS, new double[] {0, Double.NaN, 1})));
    }

    @Test
    void raggedOrEmptyRowsAreRefused() {
        assertEquals("inputs: ragged rows: row 0 has 2 values but row 2 has 1",
                message(() -> Dataset.ofRows(new double[][] {{0, 1}, {2, 3}, {4}}, new int[] {0, 1, 0})));
        assertEquals("inputs: expected at least one row (example), got none",
                message(() -> Dataset.ofRows(new double[0][], new int[0], 2)));
        assertEquals("targets: expected at least one value per row, row 0 is empty",
                message(() -> Dataset.regressionOfRows(ROWS, new double[][] {{}, {}, {}})));
        assertEquals("a regression data set needs at least one example, got none",
                message(() -> Dataset.regression(Matrix.zeros(2, 0), new double[0])));
    }

    @Test
    void theFactoriesCopyTheirArguments() {
        double[][] rows = {{0, 1}, {2, 3}};
        double[] targets = {5, 6};
        Dataset data = Dataset.regressionOfRows(rows, targets);
        rows[0][0] = 99;
        targets[0] = 99;
        assertEquals(Matrix.column(0, 1), data.input(0));
        assertEquals(Matrix.column(5.0), data.target(0));
    }
}
