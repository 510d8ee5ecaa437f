package dev.purenet.train;

import dev.purenet.Batch;
import dev.purenet.Network;
import dev.purenet.Noise;
import dev.purenet.data.Dataset;
import io.vavr.collection.Vector;

/**
 * An epoch of {@link Sgd} written again from public pieces, the definition the trainer is tested
 * against: the seed's shuffle, each mini-batch's gradient by {@link Backprop#backprop} summed
 * block by block as {@code Sgd.threads(t)}'s lanes do (blocks [l·m/t, (l+1)·m/t), in block order),
 * each block with the batch's noise from its first column on, then the update rule.
 */
public final class PureEpochs {
    private PureEpochs() {}

    public static Epoch inBlocks(Sgd sgd, Epoch epoch, Dataset training, int threads) {
        int index = epoch.index() + 1;
        int[] order = Sgd.shuffleSeed(epoch.seed(), index).rng().permutation(training.size());
        Network network = epoch.network();
        Vector<Gradient> state = sgd.rule().init(network);
        long steps = 0;
        for (int from = 0, b = 0; from < training.size(); from += sgd.miniBatchSize(), b++) {
            int to = Math.min(training.size(), from + sgd.miniBatchSize());
            int m = to - from;
            int blocks = Math.min(threads, m);
            Noise noise = Sgd.noise(epoch.seed(), index, b);
            Gradient sum = null;
            for (int l = 0; l < blocks; l++) {
                int start = l * m / blocks;
                Batch block = training.batch(order, from + start, from + (l + 1) * m / blocks);
                Gradient g = Backprop.backprop(network, block, sgd.cost(), noise.from(start));
                sum = sum == null ? g : sum.plus(g);
            }
            UpdateRule.Result step = sgd.rule().apply(sum, state, network, new UpdateRule.Step(sgd.eta(), m, training.size(), ++steps));
            network = UpdateRule.applyTo(network, step.updates());
            state = step.state();
        }
        return epoch.next(network, state, steps, sgd.eta());
    }
}
