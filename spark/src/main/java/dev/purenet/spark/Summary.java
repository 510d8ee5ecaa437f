package dev.purenet.spark;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The sweep's summary: one row per configuration (the settings without the seed) at its best
 * epoch, the epoch whose evaluation accuracy, averaged over the configuration's seeds, is highest;
 * with that mean and the standard deviation over seeds. Best first.
 *
 * @param settings     the configuration (the seed is that of its first run)
 * @param seeds        how many seeds reached the best epoch
 * @param bestEpoch    the epoch with the highest mean accuracy (the earliest of equals)
 * @param meanAccuracy the mean evaluation accuracy at that epoch, 0 to 1
 * @param stdAccuracy  the sample standard deviation over seeds at that epoch; NaN for one seed
 */
record Summary(RunSettings settings, int seeds, int bestEpoch, double meanAccuracy, double stdAccuracy) {

    static List<Summary> of(List<RunResult> results) {
        Map<List<Object>, List<RunResult>> configurations = new LinkedHashMap<>();
        for (RunResult r : results) {
            List<Object> key = new ArrayList<>(SweepTables.settings(r.settings()));
            key.remove(6); // the seed, the one setting a configuration's runs may differ in
            configurations.computeIfAbsent(key, k -> new ArrayList<>()).add(r);
        }
        List<Summary> rows = new ArrayList<>();
        for (List<RunResult> runs : configurations.values()) {
            int epochs = runs.stream().mapToInt(r -> r.epochs().size()).max().orElse(0);
            Summary best = null;
            for (int epoch = 1; epoch <= epochs; epoch++) {
                List<Double> accuracies = new ArrayList<>();
                for (RunResult r : runs) {
                    if (epoch <= r.epochs().size()) {
                        accuracies.add(r.epochs().get(epoch - 1).evaluationAccuracy());
                    }
                }
                double mean = accuracies.stream().mapToDouble(Double::doubleValue).sum() / accuracies.size();
                double squares = accuracies.stream().mapToDouble(a -> (a - mean) * (a - mean)).sum();
                double std = accuracies.size() > 1 ? Math.sqrt(squares / (accuracies.size() - 1)) : Double.NaN;
                if (best == null || mean > best.meanAccuracy) {
                    best = new Summary(runs.get(0).settings(), accuracies.size(), epoch, mean, std);
                }
            }
            if (best != null) {
                rows.add(best);
            }
        }
        rows.sort(Comparator.comparingDouble(Summary::meanAccuracy).reversed());
        return rows;
    }
}
