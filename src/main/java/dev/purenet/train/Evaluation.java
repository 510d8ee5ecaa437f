package dev.purenet.train;

import dev.purenet.Network;
import dev.purenet.data.Dataset;
import dev.purenet.math.Matrix;

/**
 * How many examples of a data set a network classifies correctly (the largest output is
 * taken as its answer, as in the book).
 */
public record Evaluation(int correct, int total) {
    /** Columns per forward pass: big enough for fast products, small enough to bound memory. */
    private static final int CHUNK = 1000;

    public Evaluation {
        if (total <= 0 || correct < 0 || correct > total) {
            throw new IllegalArgumentException("expected 0 <= correct <= total and total > 0, got " + correct + " / " + total);
        }
    }

    /** Classifies every example of {@code data}, a chunk of columns at a time. */
    public static Evaluation of(Network network, Dataset data) {
        if (data.size() == 0) {
            throw new IllegalArgumentException("cannot evaluate on an empty data set");
        }
        if (data.classes() != network.outputSize()) {
            throw new IllegalArgumentException("the data has " + data.classes() + " classes but the network has "
                    + network.outputSize() + " outputs");
        }
        int correct = 0;
        for (int from = 0; from < data.size(); from += CHUNK) {
            int to = Math.min(data.size(), from + CHUNK);
            Matrix outputs = network.feedforward(data.range(from, to).inputs());
            int[] predicted = outputs.argmaxPerColumn();
            for (int j = 0; j < predicted.length; j++) {
                if (predicted[j] == data.label(from + j)) {
                    correct++;
                }
            }
        }
        return new Evaluation(correct, data.size());
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
