package dev.purenet.report;

import io.vavr.control.Option;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The data for learning curves: one {@link EpochPoint} per measured epoch, in increasing epoch
 * order, and what the evaluation data is called in the report ("validation", "test").
 *
 * @param evaluationLabel what the evaluation data is called; not blank and not "training"
 * @param points          the measured epochs, in strictly increasing epoch order; copied
 */
public record RunHistory(String evaluationLabel, List<EpochPoint> points) {

    /**
     * Checks the label and the order of the points.
     *
     * @param evaluationLabel what the evaluation data is called; not blank and not "training"
     * @param points          the measured epochs, in strictly increasing epoch order; copied
     * @throws IllegalArgumentException if the label is blank or "training", or the epochs do not
     *         increase strictly
     */
    public RunHistory {
        if (evaluationLabel.isBlank()) {
            throw new IllegalArgumentException("expected a label for the evaluation data such as \"test\", got a blank one");
        }
        if (evaluationLabel.equals("training")) {
            throw new IllegalArgumentException("the evaluation data cannot be labelled \"training\": the curves "
                    + "need that name for the training data");
        }
        points = List.copyOf(points);
        for (int k = 1; k < points.size(); k++) {
            if (points.get(k).epoch() <= points.get(k - 1).epoch()) {
                throw new IllegalArgumentException("expected epochs in increasing order, got epoch "
                        + points.get(k).epoch() + " after epoch " + points.get(k - 1).epoch());
            }
        }
    }

    /**
     * The point with the highest evaluation accuracy (the earliest of equals), if any was measured.
     *
     * @return the best point, or none when no point has an evaluation accuracy
     */
    public Option<EpochPoint> best() {
        @Nullable EpochPoint best = null;
        for (EpochPoint p : points) {
            if (p.evaluationAccuracy().isDefined()
                    && (best == null || p.evaluationAccuracy().get() > best.evaluationAccuracy().get())) {
                best = p;
            }
        }
        return Option.of(best);
    }

    /**
     * The last point with an evaluation accuracy, if any.
     *
     * @return that point, or none
     */
    public Option<EpochPoint> lastEvaluated() {
        for (int k = points.size() - 1; k >= 0; k--) {
            if (points.get(k).evaluationAccuracy().isDefined()) {
                return Option.some(points.get(k));
            }
        }
        return Option.none();
    }
}
