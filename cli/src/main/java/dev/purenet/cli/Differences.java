package dev.purenet.cli;

import dev.purenet.Layer;
import dev.purenet.train.Epoch;

/** Says in words how a replayed epoch differs from the recorded one, or "" when it does not. */
final class Differences {
    private Differences() {}

    static String between(Epoch recorded, Epoch replayed) {
        if (!recorded.network().sizes().equals(replayed.network().sizes())) {
            return "sizes " + recorded.network().sizes().stream().map(String::valueOf).collect(java.util.stream.Collectors.joining("-")) + " vs " + replayed.network().sizes().stream().map(String::valueOf).collect(java.util.stream.Collectors.joining("-"));
        }
        for (int k = 0; k < recorded.network().layers().size(); k++) {
            Layer a = recorded.network().layers().get(k);
            Layer b = replayed.network().layers().get(k);
            for (int p = 0; p < a.parameters().size(); p++) {
                var mine = a.parameters().get(p);
                var theirs = b.parameters().get(p);
                if (!mine.equals(theirs)) {
                    return "layer " + (k + 1) + " " + a.parameterNames().get(p) + " differ by up to "
                            + mine.maxAbsDifference(theirs) + ", first at " + firstDifference(mine, theirs);
                }
            }
        }
        if (!recorded.optimizerState().equals(replayed.optimizerState())) {
            return "the optimizer state (velocity, moments) differs";
        }
        if (Double.compare(recorded.eta(), replayed.eta()) != 0) {
            return "learning rate " + recorded.eta() + " vs " + replayed.eta();
        }
        if (!recorded.metrics().equals(replayed.metrics())) {
            return "metrics " + recorded.metrics() + " vs " + replayed.metrics();
        }
        return "";
    }

    /** "(row, column): recorded vs replayed" for the first element (row by row) whose bits differ. */
    private static String firstDifference(dev.purenet.math.Matrix recorded, dev.purenet.math.Matrix replayed) {
        double[][] a = recorded.toRowArrays();
        double[][] b = replayed.toRowArrays();
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < a[i].length; j++) {
                if (Double.doubleToLongBits(a[i][j]) != Double.doubleToLongBits(b[i][j])) {
                    return "(" + i + ", " + j + "): " + a[i][j] + " recorded vs " + b[i][j] + " replayed";
                }
            }
        }
        return "no element";
    }
}
