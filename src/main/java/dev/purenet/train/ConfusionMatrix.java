package dev.purenet.train;

import dev.purenet.Ensemble;
import dev.purenet.Network;
import dev.purenet.data.Dataset;
import dev.purenet.math.Matrix;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * How a network's answers on a data set spread over the classes, immutable: for every pair
 * (actual class, predicted class) the number of examples, plus each example's prediction so the
 * misclassified ones can be shown. The prediction is the largest output, as in
 * {@link Evaluation}, so {@link #correct()} equals {@code Evaluation.of(network, data).correct()}.
 */
public final class ConfusionMatrix {
    /** Columns per forward pass, as in {@link Evaluation}. */
    private static final int CHUNK = 1000;

    private final int classes;
    private final int[] actual;
    private final int[] predicted;
    /** Row-major: {@code counts[actual * classes + predicted]}. */
    private final int[] counts;

    private ConfusionMatrix(int classes, int[] actual, int[] predicted) {
        this.classes = classes;
        this.actual = actual;
        this.predicted = predicted;
        this.counts = new int[classes * classes];
        for (int i = 0; i < actual.length; i++) {
            counts[actual[i] * classes + predicted[i]]++;
        }
    }

    /**
     * One example the network got wrong: its index in the data, its label and the network's answer.
     *
     * @param index     the example's 0-based index in the data set
     * @param actual    its label
     * @param predicted the network's answer, different from {@code actual}
     */
    public record Mistake(int index, int actual, int predicted) {}

    /**
     * Classifies every example of {@code data}, a chunk of columns at a time.
     *
     * @param network the network; its output size must be the data's number of classes
     * @param data    the examples, not empty
     * @return the counts and every example's prediction
     * @throws IllegalArgumentException if {@code data} is empty, is a regression set (real-valued
     *         targets have no classes to count) or its classes or features do not match the network
     */
    public static ConfusionMatrix of(Network network, Dataset data) {
        return classified(network.outputSize(), "the network has " + network.outputSize() + " outputs", network::classify, data);
    }

    /**
     * Classifies every example of {@code data} by the ensemble's mean output ({@link Ensemble#classify}).
     *
     * @param ensemble the networks; their output size must be the data's number of classes
     * @param data     the examples, not empty
     * @return the counts and every example's prediction
     * @throws IllegalArgumentException as {@link #of(Network, Dataset)}
     */
    public static ConfusionMatrix of(Ensemble ensemble, Dataset data) {
        return classified(ensemble.outputSize(), "the ensemble's networks have " + ensemble.outputSize() + " outputs",
                ensemble::classify, data);
    }

    /**
     * Classifies every example of {@code data} by the majority vote of the ensemble's networks
     * ({@link Ensemble#classifyByVote}: a tie goes to the lowest class).
     *
     * @param ensemble the networks; their output size must be the data's number of classes
     * @param data     the examples, not empty
     * @return the counts and every example's prediction
     * @throws IllegalArgumentException as {@link #of(Network, Dataset)}
     */
    public static ConfusionMatrix byVote(Ensemble ensemble, Dataset data) {
        return classified(ensemble.outputSize(), "the ensemble's networks have " + ensemble.outputSize() + " outputs",
                ensemble::classifyByVote, data);
    }

    /** Every example's answer from {@code classify}, a chunk of columns at a time, after checking the data fits. */
    private static ConfusionMatrix classified(int outputs, String outputsSaid, Function<Matrix, int[]> classify, Dataset data) {
        if (data.size() == 0) {
            throw new IllegalArgumentException("cannot evaluate on an empty data set");
        }
        requireClassification(data, "a confusion matrix or an accuracy");
        if (data.classes() != outputs) {
            throw new IllegalArgumentException("the data has " + data.classes() + " classes but " + outputsSaid);
        }
        int[] predicted = new int[data.size()];
        for (int from = 0; from < data.size(); from += CHUNK) {
            int to = Math.min(data.size(), from + CHUNK);
            System.arraycopy(classify.apply(data.range(from, to).inputs()), 0, predicted, from, to - from);
        }
        return new ConfusionMatrix(data.classes(), data.labels(), predicted);
    }

    /** Refuses a regression set where only classification makes sense, saying what to measure instead. */
    static void requireClassification(Dataset data, String what) {
        if (!data.isClassification()) {
            throw new IllegalArgumentException(what + " needs class labels, but this data set has real-valued targets"
                    + " (regression, " + data.targetSize() + " per example); measure it with a cost instead:"
                    + " Monitor.costs(...) or Monitor.meanSquaredError(network, data)");
        }
    }

    /**
     * From labels and predictions given directly, example by example (both arrays are copied).
     * Each value must lie in [0, classes).
     *
     * @param classes   the number of classes, at least 1
     * @param actual    the labels, one per example, at least one
     * @param predicted the predictions, one per label
     * @return the confusion matrix
     * @throws IllegalArgumentException if there are no examples, the lengths differ or a value
     *         is out of range
     */
    public static ConfusionMatrix of(int classes, int[] actual, int[] predicted) {
        if (classes < 1) {
            throw new IllegalArgumentException("expected at least one class, got " + classes);
        }
        if (actual.length == 0) {
            throw new IllegalArgumentException("cannot make a confusion matrix of no examples");
        }
        if (actual.length != predicted.length) {
            throw new IllegalArgumentException("expected one prediction per label: " + actual.length + " labels but "
                    + predicted.length + " predictions");
        }
        checkClasses("label", actual, classes);
        checkClasses("prediction", predicted, classes);
        return new ConfusionMatrix(classes, actual.clone(), predicted.clone());
    }

    private static void checkClasses(String what, int[] values, int classes) {
        for (int i = 0; i < values.length; i++) {
            if (values[i] < 0 || values[i] >= classes) {
                throw new IllegalArgumentException(what + " " + i + " is " + values[i] + ", expected 0 to " + (classes - 1));
            }
        }
    }

    /**
     * The number of classes: the matrix is classes x classes.
     *
     * @return at least 1
     */
    public int classes() {
        return classes;
    }

    /**
     * How many examples of class {@code actual} the network called {@code predicted}.
     *
     * @param actual    the true class: the row
     * @param predicted the predicted class: the column
     * @return the count, 0 or more
     * @throws IndexOutOfBoundsException if a class is outside [0, classes)
     */
    public int count(int actual, int predicted) {
        if (actual < 0 || actual >= classes || predicted < 0 || predicted >= classes) {
            throw new IndexOutOfBoundsException("class pair (" + actual + ", " + predicted + ") of a "
                    + classes + "x" + classes + " confusion matrix");
        }
        return counts[actual * classes + predicted];
    }

    /**
     * The number of examples: the sum of all counts.
     *
     * @return at least 1
     */
    public int total() {
        return actual.length;
    }

    /**
     * The number of examples classified correctly: the sum of the diagonal.
     *
     * @return 0 to {@link #total()}
     */
    public int correct() {
        int sum = 0;
        for (int k = 0; k < classes; k++) {
            sum += counts[k * classes + k];
        }
        return sum;
    }

    /**
     * The first {@code max} (or fewer) misclassified examples, in data order.
     *
     * @param max the most to return, not negative
     * @return an unmodifiable list
     * @throws IllegalArgumentException if {@code max} is negative
     */
    public List<Mistake> misclassified(int max) {
        if (max < 0) {
            throw new IllegalArgumentException("expected a non-negative number of mistakes, got " + max);
        }
        List<Mistake> mistakes = new ArrayList<>();
        for (int i = 0; i < actual.length && mistakes.size() < max; i++) {
            if (actual[i] != predicted[i]) {
                mistakes.add(new Mistake(i, actual[i], predicted[i]));
            }
        }
        return List.copyOf(mistakes);
    }

    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof ConfusionMatrix other && classes == other.classes
                && Arrays.equals(actual, other.actual) && Arrays.equals(predicted, other.predicted);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * classes + Arrays.hashCode(actual)) + Arrays.hashCode(predicted);
    }

    /** {@code ConfusionMatrix(10 classes, 9523 / 10000 correct)}. */
    @Override
    public String toString() {
        return "ConfusionMatrix(" + classes + " classes, " + correct() + " / " + total() + " correct)";
    }
}
