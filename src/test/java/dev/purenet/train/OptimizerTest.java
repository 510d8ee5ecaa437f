package dev.purenet.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.purenet.Spec;
import io.vavr.collection.Vector;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Each optimizer's kernel against its formula written out here, element by element, on small
 * arrays over several steps (so the state and the step count matter).
 */
class OptimizerTest {
    private static final double ETA = 0.01;
    private static final int M = 4;
    private static final int N = 100;
    /** Summed gradients of three successive steps, one parameter array of three weights. */
    private static final double[][] GRADIENTS = {{0.4, -1.2, 0.05}, {0.3, -0.8, -0.2}, {-0.1, 0.6, 0.0}};
    private static final double[] START = {0.5, -0.25, 2.0};

    /** Runs {@code rule} for the three steps with updateAndMove and returns the parameters after each. */
    private static double[][] run(UpdateRule rule, boolean weights) {
        double[] values = START.clone();
        double[][] state = new double[rule.stateSlots()][3];
        double[][] after = new double[GRADIENTS.length][];
        for (int t = 0; t < GRADIENTS.length; t++) {
            UpdateRule.Slot slot = new UpdateRule.Slot(values, GRADIENTS[t].clone(), state, 0, weights);
            rule.updateAndMove(slot, new UpdateRule.Step(ETA, M, N, t + 1));
            after[t] = values.clone();
        }
        return after;
    }

    @Test
    void learningRate() {
        double[] w = START.clone();
        for (int t = 0; t < 3; t++) {
            for (int i = 0; i < 3; i++) {
                w[i] = w[i] + GRADIENTS[t][i] * (-ETA / M);
            }
            assertArrayEquals(w, run(UpdateRule.learningRate(), true)[t]);
        }
    }

    @Test
    void momentumAndNesterov() {
        double mu = 0.9;
        double[] w = START.clone();
        double[] wn = START.clone();
        double[] v = new double[3];
        double[] vn = new double[3];
        for (int t = 0; t < 3; t++) {
            for (int i = 0; i < 3; i++) {
                double u = -ETA / M * GRADIENTS[t][i];
                v[i] = mu * v[i] + u;
                w[i] += v[i];
                // Nesterov (Sutskever et al.): step along the new velocity, looking ahead by μ·v.
                vn[i] = mu * vn[i] + u;
                wn[i] += u + mu * vn[i];
            }
            assertArrayClose(w, run(UpdateRule.learningRate().then(UpdateRule.momentum(mu)), true)[t], 1e-15);
            assertArrayClose(wn, run(UpdateRule.learningRate().then(UpdateRule.nesterov(mu)), true)[t], 1e-15);
        }
    }

    @Test
    void adamAsKingmaAndBaWriteIt() {
        double b1 = 0.9;
        double b2 = 0.999;
        double eps = 1e-8;
        double[] w = START.clone();
        double[] m = new double[3];
        double[] v = new double[3];
        for (int t = 1; t <= 3; t++) {
            for (int i = 0; i < 3; i++) {
                double g = GRADIENTS[t - 1][i] / M; // the batch's mean gradient
                m[i] = b1 * m[i] + (1 - b1) * g;
                v[i] = b2 * v[i] + (1 - b2) * g * g;
                double mHat = m[i] / (1 - Math.pow(b1, t));
                double vHat = v[i] / (1 - Math.pow(b2, t));
                w[i] = w[i] - ETA * mHat / (Math.sqrt(vHat) + eps);
            }
            assertArrayClose(w, run(UpdateRule.adam(b1, b2, eps), true)[t - 1], 1e-15);
        }
        // The first step of Adam moves each weight by about η against its gradient's sign.
        double[] first = run(UpdateRule.adam(), true)[0];
        for (int i = 0; i < 3; i++) {
            if (GRADIENTS[0][i] != 0) {
                assertEquals(-ETA * Math.signum(GRADIENTS[0][i]), first[i] - START[i], 1e-8);
            }
        }
    }

    @Test
    void rmspropAsHintonWritesIt() {
        double rho = 0.9;
        double eps = 1e-8;
        double[] w = START.clone();
        double[] s = new double[3];
        for (int t = 0; t < 3; t++) {
            for (int i = 0; i < 3; i++) {
                double g = GRADIENTS[t][i] / M;
                s[i] = rho * s[i] + (1 - rho) * g * g;
                w[i] = w[i] - ETA * g / (Math.sqrt(s[i]) + eps);
            }
            assertArrayClose(w, run(UpdateRule.rmsprop(rho, eps), true)[t], 1e-15);
        }
    }

    @Test
    void decayAppliesToWeightsOnly() {
        double lambda = 5.0;
        double[] w = START.clone();
        for (int t = 0; t < 3; t++) {
            for (int i = 0; i < 3; i++) {
                w[i] = w[i] - ETA / M * (GRADIENTS[t][i] + M * lambda / N * w[i]);
            }
            assertArrayClose(w, run(UpdateRule.l2(lambda).then(UpdateRule.learningRate()), true)[t], 1e-15);
        }
        assertArrayEquals(run(UpdateRule.learningRate(), false)[2], run(UpdateRule.l2(lambda).then(UpdateRule.learningRate()), false)[2],
                "biases are not decayed");
    }

    @Test
    void updateAndMoveIsUpdateThenAddBitForBit() {
        for (UpdateRule rule : java.util.List.of(UpdateRule.learningRate(), UpdateRule.learningRate().then(UpdateRule.momentum(0.5)),
                UpdateRule.learningRate().then(UpdateRule.nesterov(0.5)), UpdateRule.adam(), UpdateRule.rmsprop(),
                UpdateRule.l1(0.3).then(UpdateRule.l2(0.2)).then(UpdateRule.learningRate()))) {
            double[] values = START.clone();
            double[] updates = GRADIENTS[0].clone();
            double[][] state = new double[rule.stateSlots()][3];
            UpdateRule.Step step = new UpdateRule.Step(ETA, M, N, 1);
            rule.update(new UpdateRule.Slot(values, updates, state, 0, true), step);
            double[] expected = values.clone();
            for (int i = 0; i < 3; i++) {
                expected[i] = values[i] + updates[i];
            }
            assertArrayEquals(expected, run(rule, true)[0], rule.describe());
        }
    }

    @Test
    void specsNameEveryParameterAndReadBack() {
        UpdateRule chain = UpdateRule.l2(5.0).then(UpdateRule.adam(0.8, 0.99, 1e-7));
        assertEquals(Vector.of(Spec.of("l2", "lambda", 5.0), Spec.of("adam", "beta1", 0.8, "beta2", 0.99, "epsilon", 1e-7)),
                chain.links());
        assertEquals(chain, UpdateRule.chain(chain.links()));
        assertEquals("l2(lambda=5.0) -> adam(beta1=0.8, beta2=0.99, epsilon=1.0E-7)", chain.describe());
        assertEquals(UpdateRule.rmsprop(), UpdateRule.registry().resolve("rmsprop"));
        assertEquals(UpdateRule.nesterov(0.5), UpdateRule.registry().resolve("nesterov(mu=0.5)"));
    }

    @Test
    void badParametersAreRefusedWithTheirNames() {
        assertEquals("adam beta1 must be in [0, 1), got 1.0",
                assertThrows(IllegalArgumentException.class, () -> UpdateRule.adam(1, 0.9, 1e-8)).getMessage());
        assertEquals("rmsprop epsilon must be a positive finite number, got 0.0",
                assertThrows(IllegalArgumentException.class, () -> UpdateRule.rmsprop(0.9, 0)).getMessage());
        assertEquals("nesterov coefficient mu must be in [0, 1), got -0.1",
                assertThrows(IllegalArgumentException.class, () -> UpdateRule.nesterov(-0.1)).getMessage());
        assertEquals("momentum needs the parameter mu, got momentum",
                assertThrows(IllegalArgumentException.class, () -> UpdateRule.registry().resolve("momentum")).getMessage());
    }

    private static void assertArrayClose(double[] expected, double[] actual, double tolerance) {
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], tolerance * Math.max(1, Math.abs(expected[i])), "element " + i);
        }
    }

    @Test
    void optimizersByNameTakeTheirCoefficientsAndTheUsualDefaults() {
        UpdateRule lr = UpdateRule.learningRate();
        assertEquals(lr, UpdateRule.optimizer("sgd", Map.of()));
        assertEquals(lr, UpdateRule.optimizer("sgd", Map.of("momentum", 0.0)), "sgd with no momentum is the learning rate alone");
        assertEquals(lr.then(UpdateRule.momentum(0.5)), UpdateRule.optimizer("sgd", Map.of("momentum", 0.5)));
        assertEquals(lr.then(UpdateRule.momentum(0.9)), UpdateRule.optimizer("momentum", Map.of()));
        assertEquals(lr.then(UpdateRule.nesterov(0.8)), UpdateRule.optimizer("nesterov", Map.of("momentum", 0.8)));
        assertEquals(UpdateRule.adam(0.9, 0.999, 1e-8), UpdateRule.optimizer("adam", Map.of()));
        assertEquals(UpdateRule.adam(0.8, 0.99, 1e-7), UpdateRule.optimizer("adam", Map.of("beta1", 0.8, "beta2", 0.99, "epsilon", 1e-7)));
        assertEquals(UpdateRule.rmsprop(0.9, 1e-8), UpdateRule.optimizer("rmsprop", Map.of()));
        assertEquals(UpdateRule.rmsprop(0.95, 1e-6), UpdateRule.optimizer("rmsprop", Map.of("rho", 0.95, "epsilon", 1e-6)));
        Map<String, Double> notGiven = new java.util.HashMap<>();
        notGiven.put("momentum", null);
        assertEquals(lr.then(UpdateRule.momentum(0.9)), UpdateRule.optimizer("momentum", notGiven), "null is the default");
        assertEquals(UpdateRule.adam(), UpdateRule.optimizer("adam", notGiven), "and applies to any optimizer");
        assertEquals(UpdateRule.OPTIMIZERS.size(), UpdateRule.OPTIMIZERS.stream().map(n -> UpdateRule.optimizer(n, Map.of())).distinct().count());
    }

    @Test
    void anOptimizerByNameRefusesWhatItDoesNotTake() {
        assertEquals("optimizer takes sgd, momentum, nesterov, adam or rmsprop; got 'lbfgs'",
                assertThrows(IllegalArgumentException.class, () -> UpdateRule.optimizer("lbfgs", Map.of())).getMessage());
        assertEquals("unknown optimizer coefficient 'mu', known: momentum, beta1, beta2, epsilon or rho",
                assertThrows(IllegalArgumentException.class, () -> UpdateRule.optimizer("momentum", Map.of("mu", 0.5))).getMessage());
        assertEquals("beta1 applies to adam, not rmsprop",
                assertThrows(IllegalArgumentException.class, () -> UpdateRule.optimizer("rmsprop", Map.of("beta1", 0.5))).getMessage());
        assertEquals("momentum applies to sgd, momentum or nesterov, not adam",
                assertThrows(IllegalArgumentException.class, () -> UpdateRule.optimizer("adam", Map.of("momentum", 0.5))).getMessage());
        assertEquals("momentum must be in [0, 1), got 1.0",
                assertThrows(IllegalArgumentException.class, () -> UpdateRule.optimizer("nesterov", Map.of("momentum", 1.0))).getMessage());
        assertEquals("epsilon must be a positive finite number, got 0.0",
                assertThrows(IllegalArgumentException.class, () -> UpdateRule.optimizer("adam", Map.of("epsilon", 0.0))).getMessage());
    }
}
