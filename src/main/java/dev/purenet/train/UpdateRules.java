package dev.purenet.train;

import dev.purenet.Registry;
import dev.purenet.Spec;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The built-in update rules, each defined once as a kernel, and the registry that names them. */
final class UpdateRules {
    private UpdateRules() {}

    static final Registry<UpdateRule> REGISTRY = new Registry<>("update rule", "UpdateRule", UpdateRule::spec);

    static {
        REGISTRY.register(LearningRate.INSTANCE);
        REGISTRY.register("l2", s -> UpdateRule.l2(s.get("lambda")));
        REGISTRY.register("l1", s -> UpdateRule.l1(s.get("lambda")));
        REGISTRY.register("momentum", s -> UpdateRule.momentum(s.get("mu")));
        REGISTRY.register("nesterov", s -> UpdateRule.nesterov(s.get("mu")));
        REGISTRY.register("adam", s -> UpdateRule.adam(s.get("beta1", 0.9), s.get("beta2", 0.999), s.get("epsilon", 1e-8)));
        REGISTRY.register("rmsprop", s -> UpdateRule.rmsprop(s.get("rho", 0.9), s.get("epsilon", 1e-8)));
    }

    /** The optimizers each coefficient applies to, in the order messages list them. */
    private static final io.vavr.collection.Map<String, List<String>> COEFFICIENTS = io.vavr.collection.LinkedHashMap.of(
            "momentum", List.of("sgd", "momentum", "nesterov"),
            "beta1", List.of("adam"),
            "beta2", List.of("adam"),
            "epsilon", List.of("adam", "rmsprop"),
            "rho", List.of("rmsprop"));

    static UpdateRule optimizer(String name, Map<String, Double> coefficients) {
        if (!UpdateRule.OPTIMIZERS.contains(name)) {
            throw new IllegalArgumentException("optimizer takes " + either(UpdateRule.OPTIMIZERS) + "; got '" + name + "'");
        }
        for (var c : coefficients.entrySet()) {
            if (c.getValue() == null) {
                continue; // left at its default, as when absent
            }
            List<String> takers = COEFFICIENTS.get(c.getKey()).getOrElseThrow(() -> new IllegalArgumentException(
                    "unknown optimizer coefficient '" + c.getKey() + "', known: " + either(COEFFICIENTS.keySet().toJavaList())));
            if (!takers.contains(name)) {
                throw new IllegalArgumentException(c.getKey() + " applies to " + either(takers) + ", not " + name);
            }
            double value = c.getValue();
            if (c.getKey().equals("epsilon")) {
                requirePositive("epsilon", value);
            } else {
                requireFraction(c.getKey(), value);
            }
        }
        double epsilon = given(coefficients, "epsilon", 1e-8);
        return switch (name) {
            case "momentum" -> UpdateRule.learningRate().then(UpdateRule.momentum(given(coefficients, "momentum", 0.9)));
            case "nesterov" -> UpdateRule.learningRate().then(UpdateRule.nesterov(given(coefficients, "momentum", 0.9)));
            case "adam" -> UpdateRule.adam(given(coefficients, "beta1", 0.9), given(coefficients, "beta2", 0.999), epsilon);
            case "rmsprop" -> UpdateRule.rmsprop(given(coefficients, "rho", 0.9), epsilon);
            default -> {
                double mu = given(coefficients, "momentum", 0.0); // sgd: momentum only when asked for
                yield mu > 0 ? UpdateRule.learningRate().then(UpdateRule.momentum(mu)) : UpdateRule.learningRate();
            }
        };
    }

    private static double given(Map<String, Double> coefficients, String name, double otherwise) {
        Double value = coefficients.get(name);
        return value != null ? value : otherwise;
    }

    /** {@code a}, {@code a or b}, {@code a, b or c}. */
    private static String either(List<String> names) {
        return names.size() == 1 ? names.get(0)
                : String.join(", ", names.subList(0, names.size() - 1)) + " or " + names.get(names.size() - 1);
    }

    private static void requireFraction(String what, double value) {
        if (!(value >= 0 && value < 1)) {
            throw new IllegalArgumentException(what + " must be in [0, 1), got " + value);
        }
    }

    private static void requirePositive(String what, double value) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(what + " must be a positive finite number, got " + value);
        }
    }

    /** {@code u ← −(η/m)·u}; fused with the move as {@code w ← w + u·(−η/m)}. */
    enum LearningRate implements UpdateRule {
        INSTANCE;

        @Override
        public Spec spec() {
            return Spec.of("learning-rate");
        }

        @Override
        public void update(Slot slot, Step step) {
            double f = -step.eta() / step.batchSize();
            double[] u = slot.updates();
            for (int e = 0; e < u.length; e++) {
                u[e] = u[e] * f;
            }
        }

        @Override
        public void updateAndMove(Slot slot, Step step) {
            double f = -step.eta() / step.batchSize();
            double[] p = slot.values();
            double[] u = slot.updates();
            for (int e = 0; e < p.length; e++) {
                p[e] = p[e] + u[e] * f;
            }
        }
    }

    /** Adds {@code (mλ/n)·w} (L2) or {@code (mλ/n)·sgn(w)} (L1) to the weights' updates. */
    record Decay(Penalty penalty, double lambda) implements UpdateRule {
        enum Penalty { L1, L2 }

        Decay {
            if (!(lambda >= 0) || Double.isInfinite(lambda)) {
                throw new IllegalArgumentException(penalty.name().toLowerCase(Locale.ROOT)
                        + " strength lambda must be a finite number >= 0, got " + lambda);
            }
        }

        @Override
        public Spec spec() {
            return Spec.of(penalty.name().toLowerCase(Locale.ROOT), "lambda", lambda);
        }

        @Override
        public void update(Slot slot, Step step) {
            if (!slot.decays()) {
                return;
            }
            double factor = step.batchSize() * lambda / step.trainingSize();
            double[] u = slot.updates();
            double[] w = slot.values();
            if (penalty == Penalty.L2) {
                for (int e = 0; e < u.length; e++) {
                    u[e] = u[e] + factor * w[e];
                }
            } else {
                for (int e = 0; e < u.length; e++) {
                    u[e] = u[e] + factor * Math.signum(w[e]);
                }
            }
        }
    }

    /** {@code v ← u + μ·v}; the step is v, or {@code u + μ·v} (the new v) for Nesterov. */
    record Momentum(double mu, boolean nesterov) implements UpdateRule {
        Momentum {
            requireFraction((nesterov ? "nesterov" : "momentum") + " coefficient mu", mu);
        }

        @Override
        public Spec spec() {
            return Spec.of(nesterov ? "nesterov" : "momentum", "mu", mu);
        }

        @Override
        public int stateSlots() {
            return 1;
        }

        @Override
        public void update(Slot slot, Step step) {
            double[] u = slot.updates();
            double[] v = slot.state(0);
            for (int e = 0; e < u.length; e++) {
                double velocity = u[e] + mu * v[e];
                v[e] = velocity;
                u[e] = nesterov ? u[e] + mu * velocity : velocity;
            }
        }

        @Override
        public void updateAndMove(Slot slot, Step step) {
            double[] p = slot.values();
            double[] u = slot.updates();
            double[] v = slot.state(0);
            for (int e = 0; e < u.length; e++) {
                double velocity = u[e] + mu * v[e];
                v[e] = velocity;
                p[e] = p[e] + (nesterov ? u[e] + mu * velocity : velocity);
            }
        }
    }

    /** Kingma and Ba's Adam on the batch's mean gradient, bias-corrected by the step count. */
    record Adam(double beta1, double beta2, double epsilon) implements UpdateRule {
        Adam {
            requireFraction("adam beta1", beta1);
            requireFraction("adam beta2", beta2);
            requirePositive("adam epsilon", epsilon);
        }

        @Override
        public Spec spec() {
            return Spec.of("adam", "beta1", beta1, "beta2", beta2, "epsilon", epsilon);
        }

        @Override
        public int stateSlots() {
            return 2;
        }

        /**
         * In the form PyTorch computes it, {@code u = −(η/(1−β₁^t))·m / (√v·(1/√(1−β₂^t)) + ε)}:
         * the same as the paper's m̂ and v̂ up to rounding, with one square root and one division
         * per element, and the loop's constants in locals so that it stays a simple loop.
         */
        @Override
        public void update(Slot slot, Step step) {
            double[] u = slot.updates();
            double[] m = slot.state(0);
            double[] v = slot.state(1);
            double scale = 1.0 / step.batchSize();
            double stepSize = -step.eta() / (1 - StrictMath.pow(beta1, step.count()));
            double inverseSqrtCorrection2 = 1 / Math.sqrt(1 - StrictMath.pow(beta2, step.count()));
            double b1 = beta1;
            double b2 = beta2;
            double keep1 = 1 - beta1;
            double keep2 = 1 - beta2;
            double eps = epsilon;
            for (int e = 0; e < u.length; e++) {
                double g = u[e] * scale;
                double mNew = b1 * m[e] + keep1 * g;
                double vNew = b2 * v[e] + keep2 * (g * g);
                m[e] = mNew;
                v[e] = vNew;
                u[e] = stepSize * mNew / (Math.sqrt(vNew) * inverseSqrtCorrection2 + eps);
            }
        }
    }

    /** Hinton's RMSProp on the batch's mean gradient. */
    record RmsProp(double rho, double epsilon) implements UpdateRule {
        RmsProp {
            requireFraction("rmsprop rho", rho);
            requirePositive("rmsprop epsilon", epsilon);
        }

        @Override
        public Spec spec() {
            return Spec.of("rmsprop", "rho", rho, "epsilon", epsilon);
        }

        @Override
        public int stateSlots() {
            return 1;
        }

        @Override
        public void update(Slot slot, Step step) {
            double[] u = slot.updates();
            double[] s = slot.state(0);
            double scale = 1.0 / step.batchSize();
            for (int e = 0; e < u.length; e++) {
                double g = u[e] * scale;
                s[e] = rho * s[e] + (1 - rho) * (g * g);
                u[e] = -step.eta() * g / (Math.sqrt(s[e]) + epsilon);
            }
        }
    }
}
