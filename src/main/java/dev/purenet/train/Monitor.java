package dev.purenet.train;

import dev.purenet.Cost;
import dev.purenet.Layer;
import dev.purenet.Network;
import dev.purenet.data.Dataset;
import dev.purenet.math.Matrix;
import java.util.function.UnaryOperator;

/**
 * Measures epochs, as network2.py's {@code monitor_*} flags do: use it with
 * {@code epochs.map(monitor)}. Each measurement runs over the whole data set in a few large
 * matrix products (1000 columns at a time).
 *
 * @param training           the training data, for the training cost and accuracy
 * @param evaluation         the evaluation (test or validation) data
 * @param cost               the cost to report (with the run's penalty terms added when λ > 0)
 * @param lambda             the run's L2 strength, for the ½(λ/n)Σ‖w‖² term of the reported cost
 * @param l1                 the run's L1 strength, for the (λ/n)Σ|w| term of the reported cost
 * @param trainingCost       whether to measure the cost on {@code training}
 * @param trainingAccuracy   whether to measure the accuracy on {@code training}
 * @param evaluationCost     whether to measure the cost on {@code evaluation}
 * @param evaluationAccuracy whether to measure the accuracy on {@code evaluation}
 */
public record Monitor(Dataset training, Dataset evaluation, Cost cost, double lambda, double l1,
                      boolean trainingCost, boolean trainingAccuracy, boolean evaluationCost, boolean evaluationAccuracy)
        implements UnaryOperator<Epoch> {
    private static final int CHUNK = 1000;

    /**
     * Checks that accuracy is asked for only on classification data.
     *
     * @param training           the training data, for the training cost and accuracy
     * @param evaluation         the evaluation (test or validation) data
     * @param cost               the cost to report
     * @param lambda             the run's L2 strength
     * @param l1                 the run's L1 strength
     * @param trainingCost       whether to measure the cost on {@code training}
     * @param trainingAccuracy   whether to measure the accuracy on {@code training}
     * @param evaluationCost     whether to measure the cost on {@code evaluation}
     * @param evaluationAccuracy whether to measure the accuracy on {@code evaluation}
     * @throws IllegalArgumentException if an accuracy is asked for on a regression data set
     *         (use {@link #costs} for regression)
     */
    public Monitor {
        if (trainingAccuracy && !training.isClassification() || evaluationAccuracy && !evaluation.isClassification()) {
            throw new IllegalArgumentException("accuracy needs class labels, but the " + (trainingAccuracy
                    && !training.isClassification() ? "training" : "evaluation") + " data has real-valued targets"
                    + " (regression); measure the costs instead: Monitor.costs(training, evaluation, cost)");
        }
    }

    /**
     * Measures the cost on both data sets and no accuracy: the monitor for regression. With
     * {@code Cost.quadratic()} each reported cost is half the mean squared error summed over the
     * outputs (see {@link #meanSquaredError}).
     *
     * @param training   the training data
     * @param evaluation the evaluation data
     * @param cost       the cost to report
     * @return a monitor with λ 0 measuring the training and evaluation costs
     */
    public static Monitor costs(Dataset training, Dataset evaluation, Cost cost) {
        return new Monitor(training, evaluation, cost, 0, 0, true, false, true, false);
    }

    /**
     * The mean squared error of {@code network} on {@code data}: the mean, over every example and
     * every output, of (a − y)², where y is the target (the real values for regression, one-hot
     * for classification). With k outputs it is 2/k times the quadratic cost
     * {@link #totalCost(Network, Dataset, Cost, double) totalCost(network, data, Cost.quadratic(), 0)};
     * its square root is the root-mean-square error, in the targets' units.
     *
     * @param network the network
     * @param data    the examples, not empty
     * @return the mean squared error, 0 or more
     * @throws IllegalArgumentException if {@code data} is empty or does not fit the network
     */
    public static double meanSquaredError(Network network, Dataset data) {
        if (data.size() == 0) {
            throw new IllegalArgumentException("cannot measure an error on an empty data set");
        }
        if (network.outputSize() != data.targetSize()) {
            throw new IllegalArgumentException("the network has " + network.outputSize() + " outputs but the data has "
                    + data.targetSize() + (data.isClassification() ? " classes" : " targets per example"));
        }
        double sum = 0;
        for (int from = 0; from < data.size(); from += CHUNK) {
            int to = Math.min(data.size(), from + CHUNK);
            var batch = data.range(from, to);
            sum += network.feedforward(batch.inputs()).minus(batch.targets()).squaredNorm();
        }
        return sum / ((double) data.size() * data.targetSize());
    }

    /**
     * Measures the evaluation accuracy; add the others with the {@code with…} methods. For
     * regression data, which has no accuracy, use {@link #costs}.
     *
     * @param training   the training data
     * @param evaluation the evaluation data
     * @param cost       the cost to report
     * @return a monitor with λ 0 measuring only the evaluation accuracy
     * @throws IllegalArgumentException if {@code evaluation} is a regression data set
     */
    public static Monitor of(Dataset training, Dataset evaluation, Cost cost) {
        return new Monitor(training, evaluation, cost, 0, 0, false, false, false, true);
    }

    /**
     * All four of network2's monitors.
     *
     * @param training   the training data
     * @param evaluation the evaluation data
     * @param cost       the cost to report
     * @return a monitor with λ 0 measuring cost and accuracy on both data sets
     */
    public static Monitor all(Dataset training, Dataset evaluation, Cost cost) {
        return of(training, evaluation, cost).measuring(true, true, true, true);
    }

    /**
     * Also measure the cost on the training data.
     *
     * @return the new monitor
     */
    public Monitor withTrainingCost() {
        return measuring(true, trainingAccuracy, evaluationCost, evaluationAccuracy);
    }

    /**
     * Also measure the accuracy on the training data.
     *
     * @return the new monitor
     */
    public Monitor withTrainingAccuracy() {
        return measuring(trainingCost, true, evaluationCost, evaluationAccuracy);
    }

    /**
     * Also measure the cost on the evaluation data.
     *
     * @return the new monitor
     */
    public Monitor withEvaluationCost() {
        return measuring(trainingCost, trainingAccuracy, true, evaluationAccuracy);
    }

    /**
     * The run's L1 strength, so that reported costs include (λ/n)Σ|w|.
     *
     * @param newL1 λ of the run's L1 decay; 0 for none
     * @return the new monitor
     */
    public Monitor withL1(double newL1) {
        return new Monitor(training, evaluation, cost, lambda, newL1, trainingCost, trainingAccuracy, evaluationCost,
                evaluationAccuracy);
    }

    /**
     * The same monitor adding the L2 term ½(λ/n)Σ‖w‖² to the costs it reports.
     *
     * @param newLambda the run's L2 strength λ; 0 for none
     * @return the new monitor
     */
    public Monitor withL2(double newLambda) {
        return new Monitor(training, evaluation, cost, newLambda, l1, trainingCost, trainingAccuracy, evaluationCost, evaluationAccuracy);
    }

    /**
     * Chooses which of the four measurements to make.
     *
     * @param trainCost     the cost on the training data
     * @param trainAccuracy the accuracy on the training data
     * @param evalCost      the cost on the evaluation data
     * @param evalAccuracy  the accuracy on the evaluation data
     * @return the new monitor
     */
    public Monitor measuring(boolean trainCost, boolean trainAccuracy, boolean evalCost, boolean evalAccuracy) {
        return new Monitor(training, evaluation, cost, lambda, l1, trainCost, trainAccuracy, evalCost, evalAccuracy);
    }

    /**
     * Measures {@code epoch}'s network.
     *
     * @param epoch the epoch to measure
     * @return the epoch with the chosen metrics set; metrics not chosen are kept as they were
     */
    @Override
    public Epoch apply(Epoch epoch) {
        Network n = epoch.network();
        Metrics m = epoch.metrics();
        if (trainingCost) {
            m = m.withTrainingCost(totalCost(n, training, cost, lambda, l1));
        }
        if (trainingAccuracy) {
            m = m.withTrainingAccuracy(Evaluation.of(n, training));
        }
        if (evaluationCost) {
            m = m.withEvaluationCost(totalCost(n, evaluation, cost, lambda, l1));
        }
        if (evaluationAccuracy) {
            m = m.withEvaluationAccuracy(Evaluation.of(n, evaluation));
        }
        return epoch.withMetrics(m);
    }

    /**
     * network2.py's {@code total_cost}: the mean cost over {@code data} plus
     * ½(λ/n)Σ‖w‖² with n the size of {@code data}.
     *
     * @param network the network
     * @param data    the examples, not empty
     * @param cost    the cost function
     * @param lambda  λ for the L2 term; 0 for none
     * @return the mean cost plus the L2 term
     * @throws IllegalArgumentException if {@code data} does not fit the network
     */
    public static double totalCost(Network network, Dataset data, Cost cost, double lambda) {
        return totalCost(network, data, cost, lambda, 0);
    }

    /**
     * {@link #totalCost(Network, Dataset, Cost, double)} plus the L1 term (λ₁/n)Σ|w|, the cost
     * whose gradient {@link UpdateRule#l1} follows.
     *
     * @param network the network
     * @param data    the examples, not empty
     * @param cost    the cost function
     * @param lambda  λ for the L2 term; 0 for none
     * @param l1      λ for the L1 term; 0 for none
     * @return the mean cost plus both penalty terms
     * @throws IllegalArgumentException if {@code data} does not fit the network
     */
    public static double totalCost(Network network, Dataset data, Cost cost, double lambda, double l1) {
        double sum = 0;
        for (int from = 0; from < data.size(); from += CHUNK) {
            int to = Math.min(data.size(), from + CHUNK);
            var batch = data.range(from, to);
            Matrix outputs = network.feedforward(batch.inputs());
            sum += cost.value(outputs, batch.targets());
        }
        double squaredWeights = 0;
        double absoluteWeights = 0;
        for (Layer layer : network.layers()) {
            for (int p = 0; p < layer.parameters().size(); p++) {
                if (layer.decays(p)) {
                    squaredWeights += layer.parameters().get(p).squaredNorm();
                    absoluteWeights += l1 == 0 ? 0 : layer.parameters().get(p).map(Math::abs).sum();
                }
            }
        }
        return sum / data.size() + 0.5 * (lambda / data.size()) * squaredWeights + (l1 / data.size()) * absoluteWeights;
    }
}
