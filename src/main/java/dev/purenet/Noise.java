package dev.purenet;

import dev.purenet.math.Rng;
import java.util.Objects;

/**
 * The randomness of one training forward pass through one layer: dropout's masks. Example
 * {@code j} of the pass (its column) draws from {@code seed.derive(firstColumn + j)}, so an
 * example's mask depends only on the seed and its place in the mini-batch, not on how the batch
 * is split between threads or whether it is processed one example at a time.
 *
 * @param seed        the layer's seed for this mini-batch
 * @param firstColumn the place in the mini-batch of the pass's first column, 0 or more
 */
public record Noise(Seed seed, int firstColumn) {

    /**
     * Checks the arguments.
     *
     * @throws IllegalArgumentException if {@code firstColumn} is negative
     * @throws NullPointerException if {@code seed} is null
     */
    public Noise {
        Objects.requireNonNull(seed, "seed");
        if (firstColumn < 0) {
            throw new IllegalArgumentException("the first column must be 0 or more, got " + firstColumn);
        }
    }

    /**
     * The generator for column {@code j} of the pass.
     *
     * @param j 0-based column of the pass
     * @return a fresh generator; equal seeds and places give equal numbers
     */
    public Rng column(int j) {
        return seed.derive((long) firstColumn + j).rng();
    }

    /**
     * The noise of a pass over the columns from {@code offset} on: what a thread handling that
     * block of the mini-batch uses.
     *
     * @param offset columns to skip, 0 or more
     * @return the same seed, starting {@code offset} columns later
     */
    public Noise from(int offset) {
        return new Noise(seed, Math.addExact(firstColumn, offset));
    }

    /**
     * The noise of layer {@code index} for the mini-batch whose seed this is.
     *
     * @param index 0-based layer
     * @return an independent seed for that layer, first column 0
     */
    public Noise layer(int index) {
        return new Noise(seed.derive(index), firstColumn);
    }
}
