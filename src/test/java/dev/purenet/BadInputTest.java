package dev.purenet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.purenet.math.Matrix;
import dev.purenet.train.Backprop;
import io.vavr.collection.Vector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Bad input fails early, with a message that names what was expected and what was found. */
class BadInputTest {
    private final Network network = Fixtures.network(1, 4, 3, 2);

    private static void assertMessage(String expected, Executable call) {
        assertEquals(expected, assertThrows(IllegalArgumentException.class, call).getMessage());
    }

    /** Review L1: nulls were accepted and failed later, in feedforward or toString. */
    @Test
    void nullPartsAreRefusedAtConstruction() {
        Dense layer = (Dense) network.layers().head();
        assertEquals("activation", assertThrows(NullPointerException.class,
                () -> new Dense(layer.weights(), layer.biases(), null)).getMessage());
        assertEquals("layer 2 is null", assertThrows(NullPointerException.class,
                () -> new Network(Vector.of(layer, (Layer) null))).getMessage());
    }

    @Test
    void wrongInputHeight() {
        assertMessage("layer 1 (4 -> 3, sigmoid) expects 4 input rows, got 3x10",
                () -> Backprop.forward(network, Matrix.zeros(3, 10)));
        assertMessage("layer 1 (4 -> 3, sigmoid) expects 4 input rows, got 5x2",
                () -> Backprop.backprop(network, new Batch(Matrix.zeros(5, 2), Matrix.zeros(2, 2)), Cost.quadratic()));
    }

    @Test
    void wrongTargetHeight() {
        assertMessage("targets have 3 rows but the output layer (3 -> 2, sigmoid) has 2 outputs",
                () -> Backprop.backprop(network, new Batch(Matrix.zeros(4, 2), Matrix.zeros(3, 2)), Cost.quadratic()));
    }

    @Test
    void mismatchedBatchAndTargetWidths() {
        assertMessage("inputs have 10 columns (examples) but targets have 9; expected one target column per input column",
                () -> new Batch(Matrix.zeros(4, 10), Matrix.zeros(2, 9)));
    }

    @Test
    void emptyBatch() {
        assertMessage("a batch needs at least one example, got inputs 4x0",
                () -> new Batch(Matrix.zeros(4, 0), Matrix.zeros(2, 0)));
    }

    @Test
    void nanOrInfinityInInput() {
        Matrix x = Matrix.of(new double[][] {{0, 0}, {0, Double.NaN}, {0, 0}, {0, 0}});
        assertMessage("inputs must be finite numbers, found (1, 1) = NaN", () -> new Batch(x, Matrix.zeros(2, 2)));
        assertMessage("input must be finite numbers, found (1, 1) = NaN", () -> Backprop.forward(network, x));
        Matrix y = Matrix.of(new double[][] {{Double.POSITIVE_INFINITY}, {0}});
        assertMessage("targets must be finite numbers, found (0, 0) = Infinity", () -> new Batch(Matrix.zeros(4, 1), y));
    }

    @Test
    void nonPositiveLayerSizes() {
        assertMessage("layer sizes must be positive, got 0 at position 1 of [784, 0, 10]", () -> Network.of(784, 0, 10));
        assertMessage("layer sizes must be positive, got -3 at position 0 of [-3, 10]", () -> Network.of(-3, 10));
    }

    @Test
    void fewerThanTwoLayers() {
        assertMessage("a network needs at least 2 layer sizes (input and output), got [784]", () -> Network.of(784));
        assertMessage("a network needs at least 2 layer sizes (input and output), got []", () -> Network.of());
        assertMessage("a network needs at least one layer, got none", () -> new Network(Vector.empty()));
    }

    @Test
    void layersThatDoNotChain() {
        Layer first = network.layers().get(0);
        Layer wrong = new Dense(Matrix.zeros(10, 31), Matrix.zeros(10, 1), Activation.sigmoid());
        assertMessage("layer 2 (31 -> 10, sigmoid) takes 31 inputs but layer 1 has 3 outputs", () -> new Network(Vector.of(first, wrong)));
        assertMessage("biases must be 10x1 to match weights 10x31, got 9x1",
                () -> new Dense(Matrix.zeros(10, 31), Matrix.zeros(9, 1), Activation.sigmoid()));
    }

    @Test
    void nonPositiveLearningRate() {
        Batch batch = Fixtures.batchFor(network, 1, 2);
        assertMessage("learning rate eta must be a positive finite number, got 0.0",
                () -> Backprop.sgdStep(network, batch, 0.0, Cost.quadratic()));
        assertMessage("learning rate eta must be a positive finite number, got NaN",
                () -> Backprop.sgdStep(network, batch, Double.NaN, Cost.quadratic()));
    }

    @Test
    void perExampleReferenceTakesOneColumn() {
        assertMessage("backpropPerExample takes one example: expected column vectors, got x 4x2 and y 2x2",
                () -> Backprop.backpropPerExample(network, Matrix.zeros(4, 2), Matrix.zeros(2, 2), Cost.quadratic()));
    }
}
