package dev.purenet.cli;

import dev.purenet.Cost;
import dev.purenet.Network;
import dev.purenet.data.Dataset;
import dev.purenet.train.Epoch;
import dev.purenet.train.Monitor;
import io.vavr.control.Option;

/**
 * Decides after each epoch whether training has blown up, so the CLI can stop before it
 * writes a useless network. Diverged means: a parameter or a measured cost is NaN or infinite,
 * or the mean cost on a fixed sample of the training data has grown to more than
 * {@value #GROWTH} times what the untrained network scored. (A network that merely saturates,
 * as a sigmoid network does at a huge learning rate with the quadratic cost, has a bounded
 * cost and is not reported.)
 */
final class DivergenceCheck {
    static final double GROWTH = 10;
    private static final int SAMPLE = 1000;

    private final Dataset sample;
    private final Cost cost;
    private final double startCost;

    DivergenceCheck(Dataset training, Cost cost, Network start) {
        this.sample = training.slice(0, Math.min(SAMPLE, training.size()));
        this.cost = cost;
        this.startCost = Monitor.totalCost(start, sample, cost, 0);
    }

    /** What went wrong, or nothing. */
    Option<String> check(Epoch epoch) {
        Network n = epoch.network();
        for (int k = 0; k < n.layers().size(); k++) {
            var layer = n.layers().get(k);
            if (!layer.parameters().forAll(p -> p.isFinite())) {
                return Option.some("layer " + (k + 1) + " has NaN or infinite parameters");
            }
        }
        if (epoch.metrics().diverged()) {
            return Option.some("a monitored cost is NaN or infinite");
        }
        double now = Monitor.totalCost(n, sample, cost, 0);
        if (!Double.isFinite(now)) {
            return Option.some("the cost on " + sample.size() + " training examples is " + now);
        }
        if (now > GROWTH * startCost) {
            return Option.some("the mean cost on " + sample.size() + " training examples rose from "
                    + Text.decimals(startCost, 4) + " before training to " + Text.decimals(now, 4));
        }
        return Option.none();
    }
}
