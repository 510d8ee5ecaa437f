package dev.purenet;

import dev.purenet.math.Matrix;
import io.vavr.collection.Vector;

/**
 * Several networks that answer together, as an immutable value: the book's chapter 6 combines
 * five convolutional networks trained from different seeds this way.
 *
 * <p>{@link #classify} averages the members' output activations and takes the largest mean, the
 * default: a member that is sure of its answer counts for more than one that hesitates, and a
 * mean of real numbers practically never ties (when it does, the lowest class wins, as for one
 * network). {@link #classifyByVote} is the majority vote instead, each member's answer counting
 * once; with few members votes tie often, and a tie goes to the lowest class index.
 *
 * @param networks the members, at least one, all with the same numbers of inputs and outputs
 */
public record Ensemble(Vector<Network> networks) {
    /**
     * Checks the members.
     *
     * @param networks the members
     * @throws IllegalArgumentException if there are none, or a member's input or output size
     *         differs from the first one's (naming the member, 1-based)
     */
    public Ensemble {
        java.util.Objects.requireNonNull(networks, "networks");
        if (networks.isEmpty()) {
            throw new IllegalArgumentException("an ensemble needs at least one network, got none");
        }
        Network first = networks.head();
        for (int k = 0; k < networks.size(); k++) {
            Network member = java.util.Objects.requireNonNull(networks.get(k), "network " + (k + 1) + " is null");
            if (member.inputSize() != first.inputSize() || member.outputSize() != first.outputSize()) {
                throw new IllegalArgumentException("network " + (k + 1) + " (" + describe(member) + ") has " + member.inputSize()
                        + " inputs and " + member.outputSize() + " outputs but network 1 (" + describe(first) + ") has "
                        + first.inputSize() + " and " + first.outputSize() + "; an ensemble's networks must agree on both");
            }
        }
    }

    /**
     * An ensemble of the given networks, in that order.
     *
     * @param networks at least one, with the same input and output sizes
     * @return the ensemble
     * @throws IllegalArgumentException as the constructor
     */
    public static Ensemble of(Network... networks) {
        return new Ensemble(Vector.of(networks));
    }

    /**
     * An ensemble of the given networks, in iteration order.
     *
     * @param networks at least one, with the same input and output sizes
     * @return the ensemble
     * @throws IllegalArgumentException as the constructor
     */
    public static Ensemble of(Iterable<Network> networks) {
        return new Ensemble(Vector.ofAll(networks));
    }

    /**
     * The number of members.
     *
     * @return at least 1
     */
    public int size() {
        return networks.size();
    }

    /**
     * The number of inputs every member takes.
     *
     * @return the rows an input matrix must have
     */
    public int inputSize() {
        return networks.head().inputSize();
    }

    /**
     * The number of outputs every member gives.
     *
     * @return the rows of {@link #feedforward} results
     */
    public int outputSize() {
        return networks.head().outputSize();
    }

    /**
     * The mean of the members' outputs for {@code x}, summed in member order (so the same
     * ensemble gives the same bits every time).
     *
     * @param x inputs x examples
     * @return outputs x examples
     * @throws IllegalArgumentException as {@link Network#requireInput(Matrix)}
     */
    public Matrix feedforward(Matrix x) {
        Matrix sum = networks.head().feedforward(x);
        for (Network member : networks.tail()) {
            sum = sum.plus(member.feedforward(x));
        }
        return sum.scale(1.0 / networks.size());
    }

    /**
     * The ensemble's answer for each column of {@code x}: the class with the largest mean output.
     *
     * @param x inputs x examples
     * @return one class index per column of {@code x}
     * @throws IllegalArgumentException as {@link Network#requireInput(Matrix)}
     */
    public int[] classify(Matrix x) {
        return feedforward(x).argmaxPerColumn();
    }

    /**
     * The majority vote for each column of {@code x}: every member answers with its largest
     * output, and the class most members chose wins; among tied classes, the lowest index.
     *
     * @param x inputs x examples
     * @return one class index per column of {@code x}
     * @throws IllegalArgumentException as {@link Network#requireInput(Matrix)}
     */
    public int[] classifyByVote(Matrix x) {
        int[][] votes = new int[x.cols()][outputSize()];
        for (Network member : networks) {
            int[] answers = member.classify(x);
            for (int j = 0; j < answers.length; j++) {
                votes[j][answers[j]]++;
            }
        }
        int[] winners = new int[x.cols()];
        for (int j = 0; j < winners.length; j++) {
            for (int c = 1; c < votes[j].length; c++) {
                if (votes[j][c] > votes[j][winners[j]]) {
                    winners[j] = c;
                }
            }
        }
        return winners;
    }

    private static String describe(Network network) {
        return Vector.ofAll(network.sizes()).mkString("-");
    }

    /** {@code Ensemble of 3 networks: 784-30-10, 784-30-10, 784-100-10}. */
    @Override
    public String toString() {
        return "Ensemble of " + networks.size() + (networks.size() == 1 ? " network: " : " networks: ")
                + networks.map(Ensemble::describe).mkString(", ");
    }
}
