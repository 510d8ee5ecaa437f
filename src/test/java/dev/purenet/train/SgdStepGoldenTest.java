package dev.purenet.train;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.purenet.Dense;
import dev.purenet.Activation;
import dev.purenet.Batch;
import dev.purenet.Cost;
import dev.purenet.Layer;
import dev.purenet.Network;
import dev.purenet.math.Matrix;
import io.vavr.collection.Vector;
import org.junit.jupiter.api.Test;

/**
 * One step on a fixed 2-3-2 network, checked against numbers from an independent numpy
 * implementation of network.py (src/test/resources/golden/sgd_step.py).
 */
class SgdStepGoldenTest {

    static Network tinyNetwork() {
        return new Network(Vector.of(
                new Dense(Matrix.of(new double[][] {{0.1, -0.2}, {0.4, 0.3}, {-0.5, 0.6}}),
                        Matrix.column(0.01, -0.02, 0.03), Activation.sigmoid()),
                new Dense(Matrix.of(new double[][] {{0.7, -0.1, 0.2}, {-0.3, 0.5, -0.4}}),
                        Matrix.column(0.05, -0.06), Activation.sigmoid())));
    }

    static Batch tinyBatch() {
        return new Batch(Matrix.of(new double[][] {{0.9, 0.2}, {0.1, 0.8}}), Matrix.of(new double[][] {{1, 0}, {0, 1}}));
    }

    @Test
    void oneStepGivesTheGoldenNetwork() {
        Network after = Backprop.sgdStep(tinyNetwork(), tinyBatch(), 0.5, Cost.quadratic());
        Matrix w1 = Matrix.of(new double[][] {
                {0.10392938354869401, -0.2064173186891986},
                {0.39723760381816886, 0.3035616252391865},
                {-0.49736636553166863, 0.5964460819582531}});
        Matrix b1 = Matrix.column(0.0075120648594954025, -0.01920077094264463, 0.029079716426584454);
        Matrix w2 = Matrix.of(new double[][] {
                {0.6952229031381094, -0.10697854310999469, 0.18783355649617736},
                {-0.2998969003189362, 0.5015432514185414, -0.3921732252683995}});
        Matrix b2 = Matrix.column(0.03715866421170659, -0.056428518544103176);
        assertClose(w1, after.layers().get(0).parameters().get(0));
        assertClose(b1, after.layers().get(0).parameters().get(1));
        assertClose(w2, after.layers().get(1).parameters().get(0));
        assertClose(b2, after.layers().get(1).parameters().get(1));
    }

    private static void assertClose(Matrix expected, Matrix actual) {
        double d = expected.maxAbsDifference(actual);
        assertTrue(d < 1e-15, "differs by " + d + ": expected " + expected + " got " + actual);
    }
}
