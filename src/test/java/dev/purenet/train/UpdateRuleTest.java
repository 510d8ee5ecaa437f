package dev.purenet.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.purenet.Batch;
import dev.purenet.Cost;
import dev.purenet.Fixtures;
import dev.purenet.Layer;
import dev.purenet.Network;
import dev.purenet.math.Matrix;
import io.vavr.collection.Vector;
import org.junit.jupiter.api.Test;

/** Each update rule against its formula from the book, written out independently. */
class UpdateRuleTest {
    private final Network network = Fixtures.network(3, 4, 3, 2);
    private final Batch batch = Fixtures.batchFor(network, 4, 5);
    private final Gradient gradient = Backprop.backprop(network, batch, Cost.quadratic());
    private final double eta = 0.5;
    private final double lambda = 5.0;
    private final int n = 1000;
    private final UpdateRule.Step step = new UpdateRule.Step(eta, batch.size(), n);

    private Network applied(UpdateRule rule) {
        return UpdateRule.applyTo(network, rule.apply(gradient, rule.init(network), network, step).updates());
    }

    @Test
    void plainSgdIsExactlySgdStep() {
        assertEquals(Backprop.sgdStep(network, batch, eta, Cost.quadratic()), applied(UpdateRule.learningRate()));
    }

    @Test
    void l2IsNetwork2sWeightDecay() {
        Network after = applied(UpdateRule.l2(lambda).then(UpdateRule.learningRate()));
        int m = batch.size();
        for (int k = 0; k < network.layers().size(); k++) {
            Layer before = network.layers().get(k);
            Gradient.LayerGradient g = gradient.layers().get(k);
            // network2.py: w ← (1 − ηλ/n)·w − (η/m)·∇w;  b ← b − (η/m)·∇b
            Matrix w = before.parameters().get(0).scale(1 - eta * lambda / n).plusScaled(-eta / m, g.parameters().get(0));
            Matrix b = before.parameters().get(1).plusScaled(-eta / m, g.parameters().get(1));
            assertTrue(w.maxAbsDifference(after.layers().get(k).parameters().get(0)) < 1e-15);
            assertEquals(b, after.layers().get(k).parameters().get(1), "biases are not decayed");
        }
    }

    @Test
    void l1SubtractsTheSignOfEachWeight() {
        Network after = applied(UpdateRule.l1(lambda).then(UpdateRule.learningRate()));
        int m = batch.size();
        for (int k = 0; k < network.layers().size(); k++) {
            Layer before = network.layers().get(k);
            Matrix w = before.parameters().get(0).plusScaled(-eta * lambda / n, before.parameters().get(0).map(Math::signum))
                    .plusScaled(-eta / m, gradient.layers().get(k).parameters().get(0));
            assertTrue(w.maxAbsDifference(after.layers().get(k).parameters().get(0)) < 1e-15);
        }
    }

    @Test
    void momentumKeepsVelocityInTheState() {
        double mu = 0.9;
        UpdateRule rule = UpdateRule.learningRate().then(UpdateRule.momentum(mu));
        Vector<Gradient> state = rule.init(network);
        assertEquals(Vector.of(Gradient.zeros(network)), state);
        UpdateRule.Result first = rule.apply(gradient, state, network, step);
        Gradient v1 = gradient.scale(-eta / batch.size());
        assertEquals(0, first.updates().maxAbsDifference(v1));
        UpdateRule.Result second = rule.apply(gradient, first.state(), network, step);
        // v ← μ·v − (η/m)·∇ with the same gradient twice: v2 = (1 + μ)·v1
        assertTrue(second.updates().maxAbsDifference(v1.scale(1 + mu)) < 1e-15);
        assertEquals(second.updates(), second.state().head());
    }

    @Test
    void chainsKeepEachRulesStateApart() {
        UpdateRule rule = UpdateRule.momentum(0.5).then(UpdateRule.learningRate()).then(UpdateRule.momentum(0.25));
        assertEquals(2, rule.init(network).size());
        assertEquals(2, rule.stateSlots());
        assertEquals("momentum(mu=0.5) -> learning-rate -> momentum(mu=0.25)", rule.describe());
        UpdateRule.Result r = rule.apply(gradient, rule.init(network), network, step);
        assertEquals(2, r.state().size());
        assertEquals(0, r.state().get(0).maxAbsDifference(gradient));
    }

    @Test
    void sgdBuildsTheChainInTheBooksOrder() {
        Sgd sgd = Sgd.eta(0.5).momentum(0.9).l2(5.0).l1(1.0);
        assertEquals("l1(lambda=1.0) -> l2(lambda=5.0) -> learning-rate -> momentum(mu=0.9)", sgd.rule().describe());
    }

    @Test
    void rejectsBadStrengths() {
        assertEquals("l2 strength lambda must be a finite number >= 0, got -1.0",
                assertThrows(IllegalArgumentException.class, () -> UpdateRule.l2(-1)).getMessage());
        assertEquals("momentum coefficient mu must be in [0, 1), got 1.0",
                assertThrows(IllegalArgumentException.class, () -> UpdateRule.momentum(1)).getMessage());
    }
}
