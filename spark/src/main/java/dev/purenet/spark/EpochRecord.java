package dev.purenet.spark;

import java.io.Serializable;
import org.jspecify.annotations.Nullable;

/**
 * What one trained epoch of a run measured: one row of a sweep's result.
 *
 * @param epoch              the epoch's index, from 1
 * @param eta                the learning rate this epoch was trained with
 * @param evaluationCorrect  examples of the evaluation data classified correctly
 * @param evaluationTotal    examples in the evaluation data
 * @param evaluationCost     the cost on the evaluation data, when measured
 * @param trainingAccuracy   the accuracy on the training data (0 to 1), when measured
 * @param trainingCost       the cost on the training data, when measured
 * @param seconds            wall time of the epoch's training, without the measuring
 */
public record EpochRecord(int epoch, double eta, int evaluationCorrect, int evaluationTotal, @Nullable Double evaluationCost,
                          @Nullable Double trainingAccuracy, @Nullable Double trainingCost, double seconds) implements Serializable {
    private static final long serialVersionUID = 1L;

    /**
     * The evaluation accuracy.
     *
     * @return correct / total, 0 to 1
     */
    public double evaluationAccuracy() {
        return (double) evaluationCorrect / evaluationTotal;
    }
}
