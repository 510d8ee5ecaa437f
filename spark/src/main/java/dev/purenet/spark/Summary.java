package dev.purenet.spark;

import dev.purenet.Ensemble;
import dev.purenet.Network;
import dev.purenet.data.Dataset;
import dev.purenet.train.Evaluation;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

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
 * @param ensembleAccuracy the accuracy of the seeds' final networks as one ensemble (outputs
 *                     averaged, as {@code purenet evaluate --network a,b,c} reports it "by mean")
 *                     on the evaluation data; NaN for fewer than two seeds
 */
record Summary(RunSettings settings, int seeds, int bestEpoch, double meanAccuracy, double stdAccuracy, double ensembleAccuracy) {

    /**
     * The summary of {@code results}.
     *
     * @param results      every finished run
     * @param finalNetwork a run's last network, if it was kept
     * @param evaluation   the data the runs were evaluated on
     */
    static List<Summary> of(List<RunResult> results, Function<RunResult, Optional<Network>> finalNetwork, Dataset evaluation) {
        Map<List<Object>, List<RunResult>> configurations = new LinkedHashMap<>();
        for (RunResult r : results) {
            List<Object> key = SweepTables.configuration(r.settings());
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
                    best = new Summary(runs.get(0).settings(), accuracies.size(), epoch, mean, std, Double.NaN);
                }
            }
            if (best != null) {
                rows.add(new Summary(best.settings, best.seeds, best.bestEpoch, best.meanAccuracy, best.stdAccuracy,
                        ensembleAccuracy(runs, finalNetwork, evaluation)));
            }
        }
        rows.sort(Comparator.comparingDouble(Summary::meanAccuracy).reversed());
        return rows;
    }

    private static double ensembleAccuracy(List<RunResult> runs, Function<RunResult, Optional<Network>> finalNetwork,
                                           Dataset evaluation) {
        List<Network> networks = runs.stream().map(finalNetwork).flatMap(Optional::stream).toList();
        return networks.size() < 2 ? Double.NaN : Evaluation.of(Ensemble.of(networks), evaluation).accuracy();
    }
}
