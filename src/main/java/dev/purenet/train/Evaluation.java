package dev.purenet.train;

import dev.purenet.Network;
import dev.purenet.data.Dataset;

/**
 * How many examples of a data set a network classifies correctly (the largest output is
 * taken as its answer, as in the book).
 */
public record Evaluation(int correct, int total) {
    public Evaluation {
        if (total <= 0 || correct < 0 || correct > total) {
            throw new IllegalArgumentException("expected 0 <= correct <= total and total > 0, got " + correct + " / " + total);
        }
    }

    /** Classifies every example of {@code data} (batched, see {@link ConfusionMatrix#of(Network, Dataset)}). */
    public static Evaluation of(Network network, Dataset data) {
        ConfusionMatrix confusion = ConfusionMatrix.of(network, data);
        return new Evaluation(confusion.correct(), confusion.total());
    }

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
