package dev.purenet.report;

import io.vavr.control.Option;

/**
 * What was measured after one epoch of training; a metric that was not measured is
 * {@code none}. Accuracies are fractions in [0, 1] (0.9523 for 95.23%); a cost that is not a
 * finite number (a diverged run) is drawn as a gap in the curve.
 *
 * @param epoch              the epoch, 0 for the untrained network
 * @param trainingCost       the mean cost on the training data
 * @param trainingAccuracy   the fraction of the training data classified correctly
 * @param evaluationCost     the mean cost on the evaluation data
 * @param evaluationAccuracy the fraction of the evaluation data classified correctly
 */
public record EpochPoint(int epoch, Option<Double> trainingCost, Option<Double> trainingAccuracy,
        Option<Double> evaluationCost, Option<Double> evaluationAccuracy) {

    /**
     * Checks the epoch and the accuracies.
     *
     * @param epoch              the epoch, 0 for the untrained network
     * @param trainingCost       the mean cost on the training data
     * @param trainingAccuracy   the fraction of the training data classified correctly
     * @param evaluationCost     the mean cost on the evaluation data
     * @param evaluationAccuracy the fraction of the evaluation data classified correctly
     * @throws IllegalArgumentException if {@code epoch} is negative or an accuracy is outside [0, 1]
     */
    public EpochPoint {
        if (epoch < 0) {
            throw new IllegalArgumentException("epoch must not be negative, got " + epoch);
        }
        checkAccuracy("training", epoch, trainingAccuracy);
        checkAccuracy("evaluation", epoch, evaluationAccuracy);
    }

    private static void checkAccuracy(String which, int epoch, Option<Double> accuracy) {
        for (double a : accuracy) {
            if (!(a >= 0 && a <= 1)) {
                throw new IllegalArgumentException("epoch " + epoch + ": expected " + which
                        + " accuracy as a fraction in [0, 1], got " + a);
            }
        }
    }

    /**
     * Only the accuracy on the evaluation data (the book's chapter-1 output).
     *
     * @param epoch    the epoch, not negative
     * @param accuracy the evaluation accuracy, a fraction in [0, 1]
     * @return a point with the other three metrics absent
     * @throws IllegalArgumentException if {@code epoch} is negative or {@code accuracy} is outside [0, 1]
     */
    public static EpochPoint evaluationAccuracy(int epoch, double accuracy) {
        return new EpochPoint(epoch, Option.none(), Option.none(), Option.none(), Option.some(accuracy));
    }
}
