package dev.purenet.spark;

import java.io.Serializable;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One finished run of a sweep: its settings, every trained epoch's measurements and its networks.
 *
 * @param runId        the run's id ({@link SweepRunner#runId}), the same for the same experiment
 * @param settings     the hyperparameters
 * @param status       {@code finished}, or {@code diverged} when a cost became NaN or infinite
 * @param attempt      Spark's attempt number of the task that trained it (0 unless it was retried)
 * @param epochs       the trained epochs in order
 * @param bestEpoch    the epoch with the most correct evaluation examples (the earliest of equals), 0 if none
 * @param bestNetwork  that epoch's network as purenet JSON; null when read back without networks
 * @param finalNetwork the last epoch's network as purenet JSON, the bytes {@code purenet train --out}
 *                     writes; null when diverged or read back without networks
 * @param taskSeconds  wall time of the whole run inside its task: loading the data (the executor's first
 *                     task only), training, measuring and writing the networks as JSON
 */
public record RunResult(String runId, RunSettings settings, String status, int attempt, List<EpochRecord> epochs, int bestEpoch,
                        @Nullable String bestNetwork, @Nullable String finalNetwork, double taskSeconds) implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Status of a run that trained all its epochs (or stopped early by its rule). */
    public static final String FINISHED = "finished";
    /** Status of a run whose training diverged. */
    public static final String DIVERGED = "diverged";

    /** Copies the epochs. */
    public RunResult {
        epochs = List.copyOf(epochs);
    }

    /**
     * The best epoch's measurements.
     *
     * @return the record, or null when no epoch was trained
     */
    public @Nullable EpochRecord best() {
        return epochs.stream().filter(e -> e.epoch() == bestEpoch).findFirst().orElse(null);
    }

    /**
     * The same result without the networks, as a run directory's result file keeps it.
     *
     * @return the result with null networks
     */
    public RunResult withoutNetworks() {
        return new RunResult(runId, settings, status, attempt, epochs, bestEpoch, null, null, taskSeconds);
    }
}
