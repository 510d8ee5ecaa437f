package dev.purenet.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.purenet.Dense;
import dev.purenet.Activation;
import dev.purenet.Fixtures;
import dev.purenet.Layer;
import dev.purenet.Network;
import dev.purenet.data.Dataset;
import dev.purenet.math.Matrix;
import dev.purenet.math.Rng;
import dev.purenet.train.ConfusionMatrix.Mistake;
import io.vavr.collection.Vector;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConfusionMatrixTest {

    /** Identity weights, zero biases: sigmoid keeps the order, so the answer is the largest input. */
    private static final Network PICK_LARGEST = new Network(Vector.of(new Dense(
            Matrix.of(new double[][] {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}}), Matrix.zeros(3, 1), Activation.sigmoid())));

    /** Answers 0, 1, 2, 2, 0 against labels 0, 0, 2, 1, 0. */
    private static Dataset handMade() {
        Matrix inputs = Matrix.of(new double[][] {
                {1, 0, 0, 0, 1},
                {0, 1, 0, 0, 0},
                {0, 0, 1, 1, 0}});
        return Dataset.of(inputs, new int[] {0, 0, 2, 1, 0}, 3);
    }

    @Test
    void countsEveryPairOfActualAndPredictedClass() {
        ConfusionMatrix m = ConfusionMatrix.of(PICK_LARGEST, handMade());
        int[][] expected = {{2, 1, 0}, {0, 0, 1}, {0, 0, 1}};
        for (int a = 0; a < 3; a++) {
            for (int p = 0; p < 3; p++) {
                assertEquals(expected[a][p], m.count(a, p), "count(" + a + ", " + p + ")");
            }
        }
        assertEquals(3, m.classes());
        assertEquals(5, m.total());
        assertEquals(3, m.correct());
        assertEquals(m, ConfusionMatrix.of(3, new int[] {0, 0, 2, 1, 0}, new int[] {0, 1, 2, 2, 0}));
        assertEquals("ConfusionMatrix(3 classes, 3 / 5 correct)", m.toString());
    }

    @Test
    void listsTheFirstMistakesInDataOrder() {
        ConfusionMatrix m = ConfusionMatrix.of(PICK_LARGEST, handMade());
        assertEquals(List.of(new Mistake(1, 0, 1), new Mistake(3, 1, 2)), m.misclassified(10));
        assertEquals(List.of(new Mistake(1, 0, 1)), m.misclassified(1));
        assertEquals(List.of(), m.misclassified(0));
        assertThrows(IllegalArgumentException.class, () -> m.misclassified(-1));
    }

    @Test
    void agreesWithOneUnchunkedForwardPass() {
        Network network = Fixtures.network(3, 6, 4, 5);
        Rng rng = new Rng(9);
        int n = 2345;
        Matrix inputs = Matrix.generate(6, n, (i, j) -> rng.nextDouble());
        int[] labels = new int[n];
        for (int j = 0; j < n; j++) {
            labels[j] = rng.nextInt(5);
        }
        Dataset data = Dataset.of(inputs, labels, 5);
        ConfusionMatrix m = ConfusionMatrix.of(network, data);
        int sum = 0;
        for (int a = 0; a < 5; a++) {
            for (int p = 0; p < 5; p++) {
                sum += m.count(a, p);
            }
        }
        assertEquals(n, sum);
        int[] predicted = network.feedforward(inputs).argmaxPerColumn();
        int correct = 0;
        for (int j = 0; j < n; j++) {
            correct += predicted[j] == labels[j] ? 1 : 0;
        }
        assertEquals(correct, m.correct(), "the same answers as one forward pass over all columns");
        List<Mistake> mistakes = m.misclassified(n);
        assertEquals(n - m.correct(), mistakes.size());
        for (Mistake mistake : mistakes) {
            assertEquals(labels[mistake.index()], mistake.actual());
            assertEquals(predicted[mistake.index()], mistake.predicted());
            assertNotEquals(mistake.actual(), mistake.predicted());
        }
    }

    @Test
    void rejectsMismatchedOrInvalidInput() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> ConfusionMatrix.of(Fixtures.network(1, 3, 4), handMade()));
        assertEquals("the data has 3 classes but the network has 4 outputs", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ConfusionMatrix.of(3, new int[] {0, 1}, new int[] {0}));
        assertEquals("expected one prediction per label: 2 labels but 1 predictions", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ConfusionMatrix.of(3, new int[] {0, 1}, new int[] {0, 3}));
        assertEquals("prediction 1 is 3, expected 0 to 2", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ConfusionMatrix.of(3, new int[0], new int[0]));
        var outside = assertThrows(IndexOutOfBoundsException.class,
                () -> ConfusionMatrix.of(3, new int[] {0}, new int[] {0}).count(3, 0));
        assertTrue(outside.getMessage().contains("(3, 0)"), outside.getMessage());
    }

    @Test
    void doesNotShareTheArraysItWasGiven() {
        int[] actual = {0, 1};
        int[] predicted = {0, 1};
        ConfusionMatrix m = ConfusionMatrix.of(2, actual, predicted);
        predicted[1] = 0;
        assertEquals(2, m.correct());
    }
}
