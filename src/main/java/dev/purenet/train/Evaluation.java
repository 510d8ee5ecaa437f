package dev.purenet.train;

import dev.purenet.Ensemble;
import dev.purenet.Network;
import dev.purenet.data.Dataset;

/**
 * How many examples of a data set a network classifies correctly (the largest output is
 * taken as its answer, as in the book).
 *
 * @param correct examples classified correctly, 0 to {@code total}
 * @param total   examples classified, positive
 */
public record Evaluation(int correct, int total) {
    /**
     * Checks the counts.
     *
     * @param correct examples classified correctly, 0 to {@code total}
     * @param total   examples classified, positive
     * @throws IllegalArgumentException unless 0 ≤ correct ≤ total and total &gt; 0
     */
    public Evaluation {
        if (total <= 0 || correct < 0 || correct > total) {
            throw new IllegalArgumentException("expected 0 <= correct <= total and total > 0, got " + correct + " / " + total);
        }
    }

    /**
     * Classifies every example of {@code data} (batched, see {@link ConfusionMatrix#of(Network, Dataset)}).
     *
     * @param network the network
     * @param data    the examples, not empty
     * @return correct answers out of {@code data.size()}
     * @throws IllegalArgumentException if {@code data} is empty, is a regression set (accuracy
     *         is a classification measure; see {@link Monitor#meanSquaredError}) or does not fit
     *         the network
     */
    public static Evaluation of(Network network, Dataset data) {
        ConfusionMatrix confusion = ConfusionMatrix.of(network, data);
        return new Evaluation(confusion.correct(), confusion.total());
    }

    /**
     * Classifies every example of {@code data} by the ensemble's mean output (see {@link Ensemble}).
     *
     * @param ensemble the networks
     * @param data     the examples, not empty
     * @return correct answers out of {@code data.size()}
     * @throws IllegalArgumentException as {@link #of(Network, Dataset)}
     */
    public static Evaluation of(Ensemble ensemble, Dataset data) {
        ConfusionMatrix confusion = ConfusionMatrix.of(ensemble, data);
        return new Evaluation(confusion.correct(), confusion.total());
    }

    /**
     * Classifies every example of {@code data} by the majority vote of the ensemble's networks
     * (a tie goes to the lowest class; see {@link Ensemble}).
     *
     * @param ensemble the networks
     * @param data     the examples, not empty
     * @return correct answers out of {@code data.size()}
     * @throws IllegalArgumentException as {@link #of(Network, Dataset)}
     */
    public static Evaluation byVote(Ensemble ensemble, Dataset data) {
        ConfusionMatrix confusion = ConfusionMatrix.byVote(ensemble, data);
        return new Evaluation(confusion.correct(), confusion.total());
    }

    /**
     * The fraction classified correctly.
     *
     * @return correct / total, in [0, 1]
     */
    public double accuracy() {
        return (double) correct / total;
    }

    /** {@code 9471 / 10000 (94.71%)}, the book's format. */
    @Override
    public String toString() {
        long basisPoints = Math.round(10000.0 * correct / total);
        return correct + " / " + total + " (" + basisPoints / 100 + "." + twoDigits(basisPoints % 100) + "%)";
    }

    private static String twoDigits(long n) {
        return n < 10 ? "0" + n : Long.toString(n);
    }
}
