package dev.purenet.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.purenet.Batch;
import dev.purenet.Cost;
import dev.purenet.Fixtures;
import dev.purenet.Layer;
import dev.purenet.Network;
import dev.purenet.math.Matrix;
import io.vavr.collection.Vector;
import org.junit.jupiter.api.Test;

/** Training returns new values and never changes the ones it was given or handed out. */
class ImmutabilityTest {

    private static Matrix deepCopy(Matrix m) {
        return Matrix.fromColumnMajor(m.rows(), m.cols(), m.toColumnMajorArray());
    }

    private static Network deepCopy(Network n) {
        return new Network(n.layers().map(l -> l.withParameters(l.parameters().map(ImmutabilityTest::deepCopy))));
    }

    @Test
    void sgdStepLeavesTheOldNetworkAndTheBatchUnchanged() {
        Network before = Fixtures.network(1, 6, 5, 4);
        Batch batch = Fixtures.batchFor(before, 2, 8);
        Network beforeCopy = deepCopy(before);
        Batch batchCopy = new Batch(deepCopy(batch.inputs()), deepCopy(batch.targets()));

        Network after = Backprop.sgdStep(before, batch, 3.0, Cost.quadratic());
        Backprop.backprop(before, batch, Cost.quadratic());
        Backprop.forward(before, batch.inputs());

        assertEquals(beforeCopy, before);
        assertEquals(batchCopy, batch);
        assertNotEquals(before, after);
    }

    @Test
    void matricesHandedOutCannotBeChangedThroughTheirArrays() {
        Network network = Fixtures.network(3, 4, 3, 2);
        Network copy = deepCopy(network);
        network.layers().head().parameters().get(0).toColumnMajorArray()[0] = 1e9;
        network.layers().head().parameters().get(1).toRowArrays()[0][0] = 1e9;
        Gradient g = Backprop.backprop(network, Fixtures.batchFor(network, 4, 3), Cost.quadratic());
        Gradient gCopy = new Gradient(g.layers().map(l -> new Gradient.LayerGradient(l.parameters().map(ImmutabilityTest::deepCopy))));
        g.layers().head().parameters().get(0).toColumnMajorArray()[0] = 1e9;
        assertEquals(copy, network);
        assertEquals(gCopy, g);
    }

    @Test
    void unchangedPartsAreSharedNotCopied() {
        Network network = Fixtures.network(5, 3, 2, 2);
        Layer replacement = network.layers().get(1).withParameters(io.vavr.collection.Vector.of(Matrix.zeros(2, 2), Matrix.zeros(2, 1)));
        Network changed = network.withLayer(1, replacement);
        assertEquals(java.util.List.of(3, 2, 2), changed.sizes());
        org.junit.jupiter.api.Assertions.assertSame(network.layers().head(), changed.layers().head());
    }
}
