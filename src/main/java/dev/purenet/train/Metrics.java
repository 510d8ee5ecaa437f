package dev.purenet.train;

import java.util.Optional;

/**
 * What was measured about one epoch: network2.py's four monitors. Each is absent until
 * asked for ({@code java.util.Optional}: in Kotlin, {@code getOrNull()}). Costs are means over the data set, including the regularisation term when the
 * run is regularised.
 *
 * @param trainingCost       the mean cost on the training data
 * @param trainingAccuracy   the accuracy on the training data
 * @param evaluationCost     the mean cost on the evaluation (test or validation) data
 * @param evaluationAccuracy the accuracy on the evaluation data
 */
public record Metrics(Optional<Double> trainingCost, Optional<Evaluation> trainingAccuracy,
                      Optional<Double> evaluationCost, Optional<Evaluation> evaluationAccuracy) {

    /** Nothing measured: every monitor absent. */
    public static final Metrics NONE = new Metrics(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());

    /**
     * These metrics with the training cost set.
     *
     * @param cost the mean cost on the training data
     * @return the new metrics; the others are kept
     */
    public Metrics withTrainingCost(double cost) {
        return new Metrics(Optional.of(cost), trainingAccuracy, evaluationCost, evaluationAccuracy);
    }

    /**
     * These metrics with the training accuracy set.
     *
     * @param e the evaluation on the training data
     * @return the new metrics; the others are kept
     */
    public Metrics withTrainingAccuracy(Evaluation e) {
        return new Metrics(trainingCost, Optional.of(e), evaluationCost, evaluationAccuracy);
    }

    /**
     * These metrics with the evaluation cost set.
     *
     * @param cost the mean cost on the evaluation data
     * @return the new metrics; the others are kept
     */
    public Metrics withEvaluationCost(double cost) {
        return new Metrics(trainingCost, trainingAccuracy, Optional.of(cost), evaluationAccuracy);
    }

    /**
     * These metrics with the evaluation accuracy set.
     *
     * @param e the evaluation on the evaluation data
     * @return the new metrics; the others are kept
     */
    public Metrics withEvaluationAccuracy(Evaluation e) {
        return new Metrics(trainingCost, trainingAccuracy, evaluationCost, Optional.of(e));
    }

    /**
     * True when a measured cost is NaN or infinite: training has diverged.
     *
     * @return whether either cost was measured and is not finite
     */
    public boolean diverged() {
        return trainingCost.filter(c -> !Double.isFinite(c)).isPresent() || evaluationCost.filter(c -> !Double.isFinite(c)).isPresent();
    }
}
