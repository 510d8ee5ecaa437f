package dev.purenet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.purenet.math.Matrix;
import org.junit.jupiter.api.Test;

class CostsAndActivationsTest {
    private final Matrix y = Matrix.of(new double[][] {{1, 0}, {0, 1}});

    @Test
    void crossEntropyStaysFiniteForOutputsOfExactlyZeroOrOne() {
        Matrix saturated = Matrix.of(new double[][] {{1, 1}, {0, 0}});
        double c = Cost.crossEntropy().value(saturated, y);
        assertTrue(Double.isFinite(c) && c > 1000, "wrong answers at full confidence cost a lot but finitely: " + c);
        assertEquals(0.0, Cost.crossEntropy().value(y, y), "perfect answers cost nothing");
        assertTrue(Double.isFinite(Cost.logLikelihood().value(saturated, y)));
    }

    @Test
    void crossEntropyMatchesItsFormula() {
        Matrix a = Matrix.of(new double[][] {{0.8, 0.3}, {0.1, 0.6}});
        double expected = -(Math.log(0.8) + Math.log(1 - 0.1)) - (Math.log(1 - 0.3) + Math.log(0.6));
        assertEquals(expected, Cost.crossEntropy().value(a, y), 1e-15);
        assertEquals(-(Math.log(0.8) + Math.log(0.6)), Cost.logLikelihood().value(a, y), 1e-15);
    }

    @Test
    void theBooksPairingsHaveDeltaAMinusY() {
        Matrix z = Matrix.of(new double[][] {{0.5, -1}, {2, 0.25}});
        Matrix a = Activation.sigmoid().apply(z);
        assertEquals(a.minus(y), Cost.crossEntropy().delta(z, a, y, Activation.sigmoid()));
        Matrix s = Activation.softmax().apply(z);
        assertEquals(s.minus(y), Cost.logLikelihood().delta(z, s, y, Activation.softmax()));
    }

    @Test
    void softmaxColumnsArePositiveAndSumToOneEvenForHugeInputs() {
        Matrix s = Activation.softmax().apply(Matrix.of(new double[][] {{1000, -1000}, {999, 0}, {0, 1}}));
        assertTrue(s.isFinite());
        Matrix sums = s.columnSums();
        assertEquals(1, sums.get(0, 0), 1e-15);
        assertEquals(1, sums.get(0, 1), 1e-15);
        assertEquals(1 / (1 + Math.exp(-1)), s.get(0, 0), 1e-12);
    }

    @Test
    void elementwiseActivations() {
        Activation.Elementwise tanh = (Activation.Elementwise) Activation.tanh();
        Activation.Elementwise relu = (Activation.Elementwise) Activation.relu();
        assertEquals(Math.tanh(0.3), tanh.value(0.3));
        assertEquals(1 - Math.tanh(0.3) * Math.tanh(0.3), tanh.derivative(0.3));
        assertEquals(0, relu.value(-2));
        assertEquals(2, relu.value(2));
        assertEquals(0, relu.derivative(0));
        assertEquals(1, relu.derivative(0.1));
        assertEquals(-3, ((Activation.Elementwise) Activation.identity()).value(-3));
    }

    @Test
    void namesRoundTripAndUnknownNamesAreListed() {
        for (String name : new String[] {"sigmoid", "tanh", "relu", "identity", "softmax"}) {
            assertEquals(name, Activation.named(name).name());
        }
        for (String name : new String[] {"quadratic", "cross-entropy", "log-likelihood"}) {
            assertEquals(name, Cost.named(name).name());
        }
        for (String name : new String[] {"gaussian", "scaled", "xavier", "he"}) {
            assertEquals(name, Init.named(name).name());
        }
        assertEquals("unknown cost 'hinge', known: [cross-entropy, log-likelihood, quadratic] (register your own with Cost.registry().register(...))",
                Fixtures.withoutTestParts(assertThrows(IllegalArgumentException.class, () -> Cost.named("hinge")).getMessage()));
    }

    @Test
    void xavierAndHeSpreadTheirWeightsByFanInAndOut() {
        Network xavier = Network.of(400, 200, 1).initialize(Init.xavier(), Seed.seed(1));
        Network he = Network.of(400, 200, 1).initialize(Init.he(), Seed.seed(1));
        double n = 400.0 * 200;
        assertEquals(2.0 / 600, xavier.layers().head().parameters().get(0).squaredNorm() / n, 0.02 * 2.0 / 600);
        assertEquals(2.0 / 400, he.layers().head().parameters().get(0).squaredNorm() / n, 0.02 * 2.0 / 400);
        assertEquals(Matrix.zeros(200, 1), he.layers().head().parameters().get(1));
    }
}
