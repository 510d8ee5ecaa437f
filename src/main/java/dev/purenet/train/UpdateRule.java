package dev.purenet.train;

import dev.purenet.Layer;
import dev.purenet.Network;
import dev.purenet.Registry;
import dev.purenet.Spec;
import dev.purenet.math.Matrix;
import io.vavr.collection.Vector;
import org.jspecify.annotations.Nullable;

/**
 * How a mini-batch's gradient becomes a change of the parameters, as a chain of small rules in
 * the manner of optax: each rule takes the "updates" so far (at first the batch's summed
 * gradient) and its own state, and leaves new updates; the parameters then move by the final
 * updates, {@code w ← w + u}.
 *
 * <p>A rule's arithmetic is defined once, as the kernel {@link #update}, which works in place on
 * one parameter array of one layer (a {@link Slot}). The training workspace calls it on its
 * buffers; the pure {@link #apply} calls it on copies of immutable values, so both give the same
 * bits. {@code Sgd} builds the classic chain: weight decay, then the learning rate, then
 * momentum:
 * <ul>
 * <li>plain SGD is {@code w ← w − (η/m)·∇w};
 * <li>with {@link #l2}: {@code w ← w − (η/m)·∇w − (ηλ/n)·w}, network2.py's {@code (1 − ηλ/n)·w − (η/m)·∇w};
 * <li>with {@link #l1}: {@code w ← w − (η/m)·∇w − (ηλ/n)·sgn(w)};
 * <li>with {@link #momentum}: {@code v ← μ·v − (η/m)·∇, w ← w + v}; {@link #nesterov} looks ahead by μ·v.
 * </ul>
 * {@link #adam} and {@link #rmsprop} are complete optimizers that take the place of the learning
 * rate: they read η from the {@link Step} and work on the batch's mean gradient. Biases are
 * never decayed. m is the mini-batch size, n the training-set size. A rule's state (velocity,
 * moments) lives in {@link Epoch#optimizerState()} and in snapshots, so resumed runs replay bit
 * for bit; register your own rule with {@code UpdateRule.registry()} to record and replay runs
 * that use it.
 */
public interface UpdateRule {
    /** The optimizers {@link #optimizer} knows by name, as {@code purenet train --optimizer} and {@code purenet sweep} take them. */
    java.util.List<String> OPTIMIZERS = java.util.List.of("sgd", "momentum", "nesterov", "adam", "rmsprop");
    /** The coefficients {@link #optimizer} takes by name, as {@code purenet train}'s options spell them without "--". */
    java.util.List<String> OPTIMIZER_COEFFICIENTS = java.util.List.of("momentum", "beta1", "beta2", "epsilon", "rho");

    /**
     * What a rule knows about the current step.
     *
     * @param eta          η for this epoch, after the schedule
     * @param batchSize    m, the examples in this mini-batch (the last may be smaller)
     * @param trainingSize n, the examples in the training set
     * @param count        the number of this update since the rule's state was created, 1 for
     *                     the first (Adam's t)
     */
    record Step(double eta, int batchSize, int trainingSize, long count) {
        /**
         * A step that is the first of its state.
         *
         * @param eta          η
         * @param batchSize    m
         * @param trainingSize n
         */
        public Step(double eta, int batchSize, int trainingSize) {
            this(eta, batchSize, trainingSize, 1);
        }
    }

    /**
     * One parameter array of one layer, as a rule sees it: all arrays have the same length and
     * are changed in place.
     *
     * @param values      the parameters (read by weight decay; moved by {@link #updateAndMove})
     * @param updates     the updates so far, rewritten by each rule of the chain
     * @param state       the whole chain's state arrays for this parameter
     * @param stateOffset where this rule's state starts in {@code state}
     * @param decays      whether weight decay applies (weights) or not (biases)
     */
    record Slot(double[] values, double[] updates, double[][] state, int stateOffset, boolean decays) {
        /**
         * This rule's i-th state array.
         *
         * @param i 0-based, below {@link UpdateRule#stateSlots()}
         * @return the array, changed in place
         */
        public double[] state(int i) {
            return state[stateOffset + i];
        }

        /**
         * The same slot for the rule after one that keeps {@code slots} state arrays.
         *
         * @param slots the state arrays the earlier rule keeps
         * @return the shifted view
         */
        public Slot after(int slots) {
            return slots == 0 ? this : new Slot(values, updates, state, stateOffset + slots, decays);
        }
    }

    /**
     * New updates and new state, from the pure {@link #apply}.
     *
     * @param updates the final updates, shaped like the network
     * @param state   the chain's state after this step, as many entries as {@link #stateSlots()}
     */
    record Result(Gradient updates, Vector<Gradient> state) {}

    /**
     * The rule's name and parameters, as experiment records write it.
     *
     * @return e.g. {@code momentum(mu=0.9)}
     */
    Spec spec();

    /**
     * The links of the chain, in order; a single rule is a chain of one.
     *
     * @return the specs experiment records write
     */
    default Vector<Spec> links() {
        return Vector.of(spec());
    }

    /**
     * A short description for summaries.
     *
     * @return the links joined by {@code " -> "}
     */
    default String describe() {
        return links().mkString(" -> ");
    }

    /**
     * How many state arrays the rule keeps per parameter (momentum one, Adam two).
     *
     * @return 0 for a stateless rule
     */
    default int stateSlots() {
        return 0;
    }

    /**
     * The kernel: rewrites {@code slot.updates()} in place, reading and updating this rule's
     * state arrays.
     *
     * @param slot one parameter array of one layer
     * @param step η, m, n and the step count
     */
    void update(Slot slot, Step step);

    /**
     * {@link #update}, then {@code values ← values + updates}. Rules may fuse the two into one
     * pass, provided every value is the same as {@code update} followed by the addition.
     *
     * @param slot one parameter array of one layer
     * @param step η, m, n and the step count
     */
    default void updateAndMove(Slot slot, Step step) {
        update(slot, step);
        double[] p = slot.values();
        double[] u = slot.updates();
        for (int e = 0; e < p.length; e++) {
            p[e] = p[e] + u[e];
        }
    }

    /**
     * State for a fresh run: {@link #stateSlots()} zero gradients shaped like the network.
     *
     * @param network gives the shapes
     * @return the starting state
     */
    default Vector<Gradient> init(Network network) {
        return Vector.fill(stateSlots(), () -> Gradient.zeros(network));
    }

    /**
     * The pure form of {@link #update} over a whole network: the kernel on copies.
     *
     * @param updates the updates so far, at first the batch's summed gradient
     * @param state   this rule's state, {@link #stateSlots()} entries
     * @param network the network before the step (weight decay reads its weights)
     * @param step    η, m, n and the step count
     * @return the new updates and state; the arguments are unchanged
     * @throws IllegalArgumentException if the state does not have {@link #stateSlots()} entries
     */
    default Result apply(Gradient updates, Vector<Gradient> state, Network network, Step step) {
        int slots = stateSlots();
        if (state.size() != slots) {
            throw new IllegalArgumentException(describe() + " keeps " + slots + " state entries, got " + state.size());
        }
        Vector<Gradient.LayerGradient> newUpdates = Vector.empty();
        Vector<Vector<Gradient.LayerGradient>> newState = Vector.fill(slots, Vector::empty);
        for (int k = 0; k < network.layers().size(); k++) {
            Layer layer = network.layers().get(k);
            Vector<Matrix> params = layer.parameters();
            Vector<Matrix> outUpdates = Vector.empty();
            Vector<Vector<Matrix>> outState = Vector.fill(slots, Vector::empty);
            for (int p = 0; p < params.size(); p++) {
                Matrix shape = params.get(p);
                double[][] stateArrays = new double[slots][];
                for (int s = 0; s < slots; s++) {
                    stateArrays[s] = state.get(s).layers().get(k).parameters().get(p).toColumnMajorArray();
                }
                double[] u = updates.layers().get(k).parameters().get(p).toColumnMajorArray();
                update(new Slot(shape.toColumnMajorArray(), u, stateArrays, 0, layer.decays(p)), step);
                outUpdates = outUpdates.append(Matrix.fromColumnMajor(shape.rows(), shape.cols(), u));
                for (int s = 0; s < slots; s++) {
                    outState = outState.update(s, outState.get(s).append(
                            Matrix.fromColumnMajor(shape.rows(), shape.cols(), stateArrays[s])));
                }
            }
            newUpdates = newUpdates.append(new Gradient.LayerGradient(outUpdates));
            for (int s = 0; s < slots; s++) {
                newState = newState.update(s, newState.get(s).append(new Gradient.LayerGradient(outState.get(s))));
            }
        }
        return new Result(new Gradient(newUpdates), newState.map(Gradient::new));
    }

    /**
     * This rule, then {@code next} on its output; each keeps its own slice of the state.
     *
     * @param next the rule that receives this one's updates
     * @return the two rules in sequence
     */
    default UpdateRule then(UpdateRule next) {
        return new Chain(this, next);
    }

    /**
     * Moves every parameter by its update.
     *
     * @param network the network before the step
     * @param updates the chain's final updates, shaped like the network
     * @return {@code w + u} for every parameter of every layer, in the network's precision
     *         (rounded to float for a float32 network, as the training workspace does)
     */
    static Network applyTo(Network network, Gradient updates) {
        return new Network(network.layers().zipWith(updates.layers(), (Layer layer, Gradient.LayerGradient u) ->
                layer.withParameters(layer.parameters().zipWith(u.parameters(), (p, d) -> p.plusScaled(1.0, d)))),
                network.precision());
    }

    /**
     * The names experiment records use for update rules: the built-ins and whatever has been registered.
     *
     * @return the shared registry
     */
    static Registry<UpdateRule> registry() {
        return UpdateRules.REGISTRY;
    }

    /**
     * The chain a list of link specs describes, as experiment records write it.
     *
     * @param links the links in order; at least one
     * @return the chain
     * @throws IllegalArgumentException for an unknown name or bad parameters
     */
    static UpdateRule chain(Vector<Spec> links) {
        if (links.isEmpty()) {
            throw new IllegalArgumentException("an update chain needs at least one rule, got none");
        }
        return links.map(registry()::resolve).reduceLeft(UpdateRule::then);
    }

    /**
     * The learning rate: {@code u ← −(η/m)·u}, turning a summed gradient into a step.
     *
     * @return the stateless learning-rate rule
     */
    static UpdateRule learningRate() {
        return UpdateRules.LearningRate.INSTANCE;
    }

    /**
     * L2 weight decay with strength λ: adds {@code (mλ/n)·w} to the summed weight gradient.
     *
     * @param lambda λ, finite and not negative
     * @return the stateless decay rule
     * @throws IllegalArgumentException if {@code lambda} is negative or not finite
     */
    static UpdateRule l2(double lambda) {
        return new UpdateRules.Decay(UpdateRules.Decay.Penalty.L2, lambda);
    }

    /**
     * L1 weight decay with strength λ: adds {@code (mλ/n)·sgn(w)} to the summed weight gradient.
     *
     * @param lambda λ, finite and not negative
     * @return the stateless decay rule
     * @throws IllegalArgumentException if {@code lambda} is negative or not finite
     */
    static UpdateRule l1(double lambda) {
        return new UpdateRules.Decay(UpdateRules.Decay.Penalty.L1, lambda);
    }

    /**
     * Momentum with coefficient μ: {@code v ← μ·v + u}, and the step is v.
     *
     * @param mu μ, in [0, 1)
     * @return the rule, whose state is one velocity
     * @throws IllegalArgumentException if {@code mu} is outside [0, 1)
     */
    static UpdateRule momentum(double mu) {
        return new UpdateRules.Momentum(mu, false);
    }

    /**
     * Nesterov's accelerated momentum (Sutskever et al. 2013, in the form PyTorch uses):
     * {@code v ← μ·v + u}, and the step is {@code u + μ·v}, a look-ahead along the new velocity.
     *
     * @param mu μ, in [0, 1)
     * @return the rule, whose state is one velocity
     * @throws IllegalArgumentException if {@code mu} is outside [0, 1)
     */
    static UpdateRule nesterov(double mu) {
        return new UpdateRules.Momentum(mu, true);
    }

    /**
     * Adam (Kingma and Ba 2015) with the paper's defaults β₁ = 0.9, β₂ = 0.999, ε = 1e-8.
     *
     * @return the rule; it takes the place of {@link #learningRate()}
     */
    static UpdateRule adam() {
        return adam(0.9, 0.999, 1e-8);
    }

    /**
     * Adam: with g the batch's mean gradient and t the step count,
     * {@code m ← β₁m + (1−β₁)g, v ← β₂v + (1−β₂)g², u ← −η·m̂/(√v̂ + ε)} where
     * {@code m̂ = m/(1−β₁^t), v̂ = v/(1−β₂^t)}.
     *
     * @param beta1   β₁, in [0, 1)
     * @param beta2   β₂, in [0, 1)
     * @param epsilon ε, positive
     * @return the rule, whose state is the two moments
     * @throws IllegalArgumentException if a parameter is out of range
     */
    static UpdateRule adam(double beta1, double beta2, double epsilon) {
        return new UpdateRules.Adam(beta1, beta2, epsilon);
    }

    /**
     * RMSProp (Hinton, lecture 6e) with ρ = 0.9, ε = 1e-8.
     *
     * @return the rule; it takes the place of {@link #learningRate()}
     */
    static UpdateRule rmsprop() {
        return rmsprop(0.9, 1e-8);
    }

    /**
     * RMSProp: with g the batch's mean gradient, {@code s ← ρs + (1−ρ)g², u ← −η·g/(√s + ε)}.
     *
     * @param rho     ρ, in [0, 1)
     * @param epsilon ε, positive
     * @return the rule, whose state is the running mean square
     * @throws IllegalArgumentException if a parameter is out of range
     */
    static UpdateRule rmsprop(double rho, double epsilon) {
        return new UpdateRules.RmsProp(rho, epsilon);
    }

    /**
     * An optimizer by name, with the coefficients given and the usual defaults for the others:
     * {@code sgd} is the learning rate (with momentum when a positive {@code momentum} is given),
     * {@code momentum} and {@code nesterov} the learning rate then momentum (μ 0.9), {@code adam}
     * Adam (β₁ 0.9, β₂ 0.999, ε 1e-8), {@code rmsprop} RMSProp (ρ 0.9, ε 1e-8). Weight decay is
     * not part of it: put {@link #l2} or {@link #l1} before it with {@link #then}.
     *
     * @param name         one of {@link #OPTIMIZERS}
     * @param coefficients by name: {@code momentum} (sgd, momentum, nesterov), {@code beta1} and
     *                     {@code beta2} (adam), {@code epsilon} (adam, rmsprop), {@code rho} (rmsprop);
     *                     a null value is the default, as when the name is absent
     * @return the rule
     * @throws IllegalArgumentException naming what was expected and found: an unknown optimizer or
     *         coefficient, a coefficient the optimizer does not take, a value out of range
     */
    static UpdateRule optimizer(String name, java.util.Map<String, Double> coefficients) {
        return UpdateRules.optimizer(name, coefficients);
    }

    /**
     * Two rules in sequence; the first's state comes first. Chains are equal when they hold
     * equal rules in the same order, however they are nested.
     *
     * @param first  applied to the incoming updates
     * @param second applied to {@code first}'s output
     */
    record Chain(UpdateRule first, UpdateRule second) implements UpdateRule {
        @Override
        public Spec spec() {
            throw new UnsupportedOperationException("a chain is written as its links(), not one spec");
        }

        @Override
        public Vector<Spec> links() {
            return first.links().appendAll(second.links());
        }

        @Override
        public int stateSlots() {
            return first.stateSlots() + second.stateSlots();
        }

        @Override
        public void update(Slot slot, Step step) {
            first.update(slot, step);
            second.update(slot.after(first.stateSlots()), step);
        }

        @Override
        public void updateAndMove(Slot slot, Step step) {
            first.update(slot, step);
            second.updateAndMove(slot.after(first.stateSlots()), step);
        }

        /** The rules in order, however the chain is nested: (a, b), c and a, (b, c) are the same chain. */
        private Vector<UpdateRule> rules() {
            return (first instanceof Chain c ? c.rules() : Vector.of(first))
                    .appendAll(second instanceof Chain c ? c.rules() : Vector.of(second));
        }

        @Override
        public boolean equals(@Nullable Object o) {
            return o instanceof Chain other && rules().equals(other.rules());
        }

        @Override
        public int hashCode() {
            return rules().hashCode();
        }

        @Override
        public String toString() {
            return describe();
        }
    }
}
