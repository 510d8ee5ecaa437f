package dev.purenet.train;

import dev.purenet.Activation;
import dev.purenet.Cost;
import dev.purenet.Layer;
import dev.purenet.Network;
import dev.purenet.data.Dataset;
import dev.purenet.math.FusedSgd;
import io.vavr.collection.Vector;
import io.vavr.control.Option;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs one epoch of {@link Sgd} in a {@link FusedSgd} workspace instead of through the pure
 * per-step functions: the network is copied in once, every mini-batch is gathered into the
 * same buffers and trained in place, and the result is copied out as a new immutable
 * {@link Network} (and optimizer state). The numbers are those of the pure loop, bit for bit.
 *
 * <p>It handles the built-in activations, costs and update rules; {@link #plan} returns
 * nothing for anything else (a user's own {@code Activation}, {@code Cost} or
 * {@code UpdateRule}), and {@code Sgd} then runs the pure loop.
 */
final class FastSgd {
    private final int[] sizes;
    private final List<FusedSgd.Nonlinearity> activations;
    private final FusedSgd.Loss loss;
    private final List<FusedSgd.UpdateOp> ops;
    private final int miniBatch;

    private FastSgd(int[] sizes, List<FusedSgd.Nonlinearity> activations, FusedSgd.Loss loss,
                    List<FusedSgd.UpdateOp> ops, int miniBatch) {
        this.sizes = sizes;
        this.activations = activations;
        this.loss = loss;
        this.ops = ops;
        this.miniBatch = miniBatch;
    }

    /** A trained network and the update rule's state after it. */
    record Trained(Network network, Vector<Gradient> state) {}

    /**
     * The fast path for this configuration, or nothing when some part is not a built-in, the
     * network does not fit the data (the pure loop then reports the mismatch) or the optimizer
     * state is not one velocity per momentum link (state handed over from another rule, which
     * the pure rules carry along untouched).
     */
    static Option<FastSgd> plan(Network network, Vector<Gradient> state, Dataset training, Cost cost, UpdateRule rule,
                                int miniBatch) {
        if (network.inputSize() != training.features() || network.outputSize() != training.classes()) {
            return Option.none();
        }
        Option<FusedSgd.Loss> loss = loss(cost);
        Option<List<FusedSgd.Nonlinearity>> activations = activations(network);
        List<FusedSgd.UpdateOp> ops = new ArrayList<>();
        if (loss.isEmpty() || activations.isEmpty() || !flatten(rule, ops)
                || ops.stream().noneMatch(op -> op.kind() == FusedSgd.UpdateOp.Kind.LEARNING_RATE)
                || state.size() != ops.stream().filter(op -> op.kind() == FusedSgd.UpdateOp.Kind.MOMENTUM).count()) {
            return Option.none();
        }
        int[] sizes = network.sizes().toJavaStream().mapToInt(Integer::intValue).toArray();
        return Option.some(new FastSgd(sizes, activations.get(), loss.get(), List.copyOf(ops), miniBatch));
    }

    private static Option<FusedSgd.Loss> loss(Cost cost) {
        if (cost == Cost.quadratic()) {
            return Option.some(FusedSgd.Loss.QUADRATIC);
        }
        if (cost == Cost.crossEntropy()) {
            return Option.some(FusedSgd.Loss.CROSS_ENTROPY);
        }
        if (cost == Cost.logLikelihood()) {
            return Option.some(FusedSgd.Loss.LOG_LIKELIHOOD);
        }
        return Option.none();
    }

    private static Option<List<FusedSgd.Nonlinearity>> activations(Network network) {
        List<FusedSgd.Nonlinearity> kinds = new ArrayList<>();
        for (Layer layer : network.layers()) {
            Activation a = layer.activation();
            FusedSgd.Nonlinearity kind;
            if (a == Activation.sigmoid()) {
                kind = FusedSgd.Nonlinearity.SIGMOID;
            } else if (a == Activation.tanh()) {
                kind = FusedSgd.Nonlinearity.TANH;
            } else if (a == Activation.relu()) {
                kind = FusedSgd.Nonlinearity.RELU;
            } else if (a == Activation.identity()) {
                kind = FusedSgd.Nonlinearity.IDENTITY;
            } else if (a == Activation.softmax()) {
                kind = FusedSgd.Nonlinearity.SOFTMAX;
            } else {
                return Option.none();
            }
            kinds.add(kind);
        }
        return Option.some(List.copyOf(kinds));
    }

    /** Appends the chain's links in the order {@link UpdateRule.Chain} applies them; false when a link is not a built-in. */
    private static boolean flatten(UpdateRule rule, List<FusedSgd.UpdateOp> ops) {
        if (rule instanceof UpdateRule.Chain chain) {
            return flatten(chain.first(), ops) && flatten(chain.second(), ops);
        }
        if (rule instanceof UpdateRule.LearningRate) {
            ops.add(FusedSgd.UpdateOp.learningRate());
        } else if (rule instanceof UpdateRule.Decay decay) {
            ops.add(decay.penalty() == UpdateRule.Decay.Penalty.L2
                    ? FusedSgd.UpdateOp.l2(decay.lambda()) : FusedSgd.UpdateOp.l1(decay.lambda()));
        } else if (rule instanceof UpdateRule.Momentum momentum) {
            ops.add(FusedSgd.UpdateOp.momentum(momentum.mu()));
        } else {
            return false;
        }
        return true;
    }

    /**
     * One epoch over {@code training} in the shuffled {@code order}: the same mini-batches, in
     * the same order, with the same updates as {@code Sgd}'s pure loop.
     */
    Trained epoch(Network network, Vector<Gradient> state, Dataset training, int[] order, double eta,
                  int epochIndex, Sgd.ProgressListener progress) {
        int n = training.size();
        int batchSize = Math.min(miniBatch, n);
        FusedSgd work = new FusedSgd(sizes, activations, loss, ops, batchSize);
        int depth = sizes.length - 1;
        for (int k = 0; k < depth; k++) {
            Layer layer = network.layers().get(k);
            work.setLayer(k, layer.weights(), layer.biases());
            for (int s = 0; s < state.size(); s++) {
                Gradient.LayerGradient v = state.get(s).layers().get(k);
                work.setVelocity(s, k, v.weights(), v.biases());
            }
        }
        int batches = (n + miniBatch - 1) / miniBatch;
        for (int b = 0; b < batches; b++) {
            int from = b * miniBatch;
            int to = Math.min(n, from + miniBatch);
            training.gather(order, from, to, work.inputBuffer(), work.targetBuffer());
            work.step(to - from, eta, n);
            progress.batchDone(epochIndex, b + 1, batches);
        }
        Vector<Layer> layers = network.layers();
        Vector<Layer> trained = Vector.range(0, depth).map(k -> layers.get(k).withParameters(work.weights(k), work.biases(k)));
        Vector<Gradient> velocities = Vector.range(0, work.velocitySlots()).map(s -> new Gradient(
                Vector.range(0, depth).map(k -> new Gradient.LayerGradient(work.velocityWeights(s, k), work.velocityBiases(s, k)))));
        return new Trained(new Network(trained), velocities);
    }
}
