package dev.purenet;

import dev.purenet.math.Rng;

/**
 * The only way randomness enters purenet: an explicit 64-bit seed.
 *
 * <p>Independent streams are derived by {@link #derive(long)}, a hash of (seed, index), so the
 * numbers used for, say, layer 2's weights or epoch 7's shuffle depend only on the seed and
 * that index, never on what was drawn before. The derivation is pinned by golden tests.
 *
 * @param value the 64-bit seed; any value is valid
 */
public record Seed(long value) {

    /**
     * {@code seed(42)} reads well with a static import.
     *
     * @param value the 64-bit seed
     * @return {@code new Seed(value)}
     */
    public static Seed seed(long value) {
        return new Seed(value);
    }

    /**
     * An independent seed for the sub-task numbered {@code index}.
     *
     * @param index the sub-task's number, such as a layer index or an epoch number
     * @return a seed that depends only on this seed and {@code index}
     */
    public Seed derive(long index) {
        return new Seed(Rng.mix(Rng.mix(value) + Rng.mix(index ^ 0x5DEECE66DL)));
    }

    /**
     * A fresh generator positioned at the start of this seed's stream.
     *
     * @return a new generator; two calls give generators that draw the same numbers
     */
    public Rng rng() {
        return new Rng(value);
    }
}
