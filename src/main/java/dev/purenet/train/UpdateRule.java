package dev.purenet.train;

import dev.purenet.Layer;
import dev.purenet.Network;
import dev.purenet.math.Matrix;
import io.vavr.collection.Vector;

/**
 * How a mini-batch's gradient becomes a change of the parameters, as a chain of small pure
 * functions in the manner of optax: each rule takes the "updates" so far (at first the summed
 * gradient of the batch) and its own state, and returns new updates and new state. The
 * network then moves by the final updates: {@code w ← w + u}.
 *
 * <p>{@code Sgd} builds the chain from its settings: weight decay first, then the learning
 * rate, then momentum, so that
 * <ul>
 * <li>plain SGD is {@code w ← w − (η/m)·∇w};
 * <li>with {@link #l2}: {@code w ← w − (η/m)·∇w − (ηλ/n)·w}, network2.py's
 *     {@code (1 − ηλ/n)·w − (η/m)·∇w};
 * <li>with {@link #l1}: {@code w ← w − (η/m)·∇w − (ηλ/n)·sgn(w)};
 * <li>with {@link #momentum}: {@code v ← μ·v − (η/m)·∇, w ← w + v}, velocity kept in the
 *     immutable {@link Epoch#optimizerState()}.
 * </ul>
 * Biases are never decayed. m is the mini-batch size, n the training-set size.
 */
public interface UpdateRule {

    /**
     * What a rule needs to know about the current step.
     *
     * @param eta          η for this epoch, after the schedule
     * @param batchSize    m, the examples in this mini-batch (the last may be smaller)
     * @param trainingSize n, the examples in the training set
     */
    record Step(double eta, int batchSize, int trainingSize) {}

    /**
     * New updates and new state.
     *
     * @param updates the updates for the next rule in the chain, or the final move
     * @param state   the rule's state after this step, as many entries as {@link #init} gave
     */
    record Result(Gradient updates, Vector<Gradient> state) {}

    /**
     * A short description for summaries and experiment records.
     *
     * @return e.g. {@code "l2(5.0)"}, or a chain joined by {@code " -> "}
     */
    String describe();

    /**
     * State for a fresh run; stateless rules have none.
     *
     * @param network gives the shapes of any state
     * @return the starting state (momentum: one zero velocity), empty by default
     */
    default Vector<Gradient> init(Network network) {
        return Vector.empty();
    }

    /**
     * How many entries this rule keeps in the state list: the size of what {@link #init}
     * returns, known without building it (a chain splits the state by it on every step).
     * Rules that override {@link #init} must override this too.
     *
     * @return 0 for a stateless rule
     */
    default int stateSlots() {
        return 0;
    }

    /**
     * Turns {@code updates} into new updates; {@code state} is what {@link #init} (or the previous step) returned.
     *
     * @param updates the updates so far, at first the batch's summed gradient
     * @param state   this rule's state
     * @param network the network before the step (weight decay reads its weights)
     * @param step    η, m and n for this step
     * @return the new updates and state
     */
    Result apply(Gradient updates, Vector<Gradient> state, Network network, Step step);

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
     * The learning rate: {@code u ← −(η/m)·u}, turning a summed gradient into a step.
     *
     * @return the stateless learning-rate rule
     */
    static UpdateRule learningRate() {
        return LearningRate.INSTANCE;
    }

    /**
     * L2 weight decay with strength λ: adds {@code (mλ/n)·w} to the summed weight gradient.
     *
     * @param lambda λ, finite and not negative
     * @return the stateless decay rule
     * @throws IllegalArgumentException if {@code lambda} is negative or not finite
     */
    static UpdateRule l2(double lambda) {
        return new Decay(Decay.Penalty.L2, lambda);
    }

    /**
     * L1 weight decay with strength λ: adds {@code (mλ/n)·sgn(w)} to the summed weight gradient.
     *
     * @param lambda λ, finite and not negative
     * @return the stateless decay rule
     * @throws IllegalArgumentException if {@code lambda} is negative or not finite
     */
    static UpdateRule l1(double lambda) {
        return new Decay(Decay.Penalty.L1, lambda);
    }

    /**
     * Momentum with coefficient μ in [0, 1): {@code v ← μ·v + u}, and the step is v.
     *
     * @param mu μ, in [0, 1)
     * @return the rule, whose state is one velocity
     * @throws IllegalArgumentException if {@code mu} is outside [0, 1)
     */
    static UpdateRule momentum(double mu) {
        return new Momentum(mu);
    }

    /**
     * Moves every weight and bias by its update.
     *
     * @param network the network before the step
     * @param updates the chain's final updates, shaped like the network
     * @return {@code w + u} and {@code b + u} for every layer
     */
    static Network applyTo(Network network, Gradient updates) {
        return new Network(network.layers().zipWith(updates.layers(), (Layer layer, Gradient.LayerGradient u) ->
                layer.withParameters(layer.weights().plusScaled(1.0, u.weights()), layer.biases().plusScaled(1.0, u.biases()))));
    }

    /**
     * Two rules in sequence; the first's state comes first in the state list.
     *
     * @param first  applied to the incoming updates
     * @param second applied to {@code first}'s output
     */
    record Chain(UpdateRule first, UpdateRule second) implements UpdateRule {
        @Override
        public String describe() {
            return first.describe() + " -> " + second.describe();
        }

        @Override
        public Vector<Gradient> init(Network network) {
            return first.init(network).appendAll(second.init(network));
        }

        @Override
        public int stateSlots() {
            return first.stateSlots() + second.stateSlots();
        }

        @Override
        public Result apply(Gradient updates, Vector<Gradient> state, Network network, Step step) {
            int split = first.stateSlots();
            Result a = first.apply(updates, state.take(split), network, step);
            Result b = second.apply(a.updates(), state.drop(split), network, step);
            return new Result(b.updates(), a.state().appendAll(b.state()));
        }
    }

    /** The learning rate: {@code u ← −(η/m)·u}. */
    enum LearningRate implements UpdateRule {
        /** The only instance: the rule has no parameters. */
        INSTANCE;

        @Override
        public String describe() {
            return "learning-rate";
        }

        @Override
        public Result apply(Gradient updates, Vector<Gradient> state, Network network, Step step) {
            return new Result(updates.scale(-step.eta() / step.batchSize()), state);
        }
    }

    /**
     * Weight decay: adds {@code (mλ/n)·w} (L2) or {@code (mλ/n)·sgn(w)} (L1) to the summed
     * weight gradient; biases are not decayed.
     *
     * @param penalty L2 or L1
     * @param lambda  λ, finite and not negative
     */
    record Decay(Penalty penalty, double lambda) implements UpdateRule {
        /** Which penalty: ½λ‖w‖² (L2) or λ‖w‖₁ (L1), each over n. */
        public enum Penalty {
            /** λ‖w‖₁ / n: decays each weight by a constant amount toward 0. */
            L1,
            /** ½λ‖w‖² / n: decays each weight in proportion to its size. */
            L2
        }

        /**
         * Checks λ.
         *
         * @param penalty L2 or L1
         * @param lambda  λ, finite and not negative
         * @throws IllegalArgumentException if {@code lambda} is negative, NaN or infinite
         */
        public Decay {
            if (!(lambda >= 0) || Double.isInfinite(lambda)) {
                throw new IllegalArgumentException(penalty.name().toLowerCase(java.util.Locale.ROOT)
                        + " strength lambda must be a finite number >= 0, got " + lambda);
            }
        }

        @Override
        public String describe() {
            return penalty.name().toLowerCase(java.util.Locale.ROOT) + "(" + lambda + ")";
        }

        @Override
        public Result apply(Gradient updates, Vector<Gradient> state, Network network, Step step) {
            double factor = step.batchSize() * lambda / step.trainingSize();
            Gradient decayed = new Gradient(updates.layers().zipWith(network.layers(), (u, layer) ->
                    new Gradient.LayerGradient(u.weights().plusScaled(factor, direction(layer.weights())), u.biases())));
            return new Result(decayed, state);
        }

        private Matrix direction(Matrix weights) {
            return penalty == Penalty.L2 ? weights : weights.map(Math::signum);
        }
    }

    /**
     * Momentum: {@code v ← μ·v + u}, and the step is v; v starts at zero.
     *
     * @param mu μ, in [0, 1)
     */
    record Momentum(double mu) implements UpdateRule {
        /**
         * Checks μ.
         *
         * @param mu μ, in [0, 1)
         * @throws IllegalArgumentException if {@code mu} is outside [0, 1) or NaN
         */
        public Momentum {
            if (!(mu >= 0 && mu < 1)) {
                throw new IllegalArgumentException("momentum coefficient mu must be in [0, 1), got " + mu);
            }
        }

        @Override
        public String describe() {
            return "momentum(" + mu + ")";
        }

        @Override
        public Vector<Gradient> init(Network network) {
            return Vector.of(Gradient.zeros(network));
        }

        @Override
        public int stateSlots() {
            return 1;
        }

        @Override
        public Result apply(Gradient updates, Vector<Gradient> state, Network network, Step step) {
            Gradient velocity = state.head().scalePlus(mu, updates);
            return new Result(velocity, Vector.of(velocity));
        }
    }
}
