package dev.purenet.train;

import io.vavr.control.Option;

/**
 * What was measured about one epoch: network2.py's four monitors. Each is absent until
 * asked for. Costs are means over the data set, including the regularisation term when the
 * run is regularised.
 */
public record Metrics(Option<Double> trainingCost, Option<Evaluation> trainingAccuracy,
                      Option<Double> evaluationCost, Option<Evaluation> evaluationAccuracy) {

    public static final Metrics NONE = new Metrics(Option.none(), Option.none(), Option.none(), Option.none());

    public Metrics withTrainingCost(double cost) {
        return new Metrics(Option.some(cost), trainingAccuracy, evaluationCost, evaluationAccuracy);
    }

    public Metrics withTrainingAccuracy(Evaluation e) {
        return new Metrics(trainingCost, Option.some(e), evaluationCost, evaluationAccuracy);
    }

    public Metrics withEvaluationCost(double cost) {
        return new Metrics(trainingCost, trainingAccuracy, Option.some(cost), evaluationAccuracy);
    }

    public Metrics withEvaluationAccuracy(Evaluation e) {
        return new Metrics(trainingCost, trainingAccuracy, evaluationCost, Option.some(e));
    }

    /** True when a measured cost is NaN or infinite: training has diverged. */
    public boolean diverged() {
        return trainingCost.exists(c -> !Double.isFinite(c)) || evaluationCost.exists(c -> !Double.isFinite(c));
    }
}
