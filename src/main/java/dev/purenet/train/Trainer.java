package dev.purenet.train;

import io.vavr.collection.Stream;
import java.util.function.Function;

/**
 * A trainer is a pure function from one epoch to the next. Its {@link #epochs} are a lazy
 * stream: nothing is trained until an element is asked for.
 */
@FunctionalInterface
public interface Trainer extends Function<Epoch, Epoch> {

    /**
     * {@code start}, then one epoch of training after another; the head is {@code start} itself.
     *
     * @param start the epoch to train from, usually {@link Epoch#start}
     * @return an infinite lazy stream; limit it with {@code take} or {@link Epochs}, or use
     *         {@link #epochs(Epoch, int)}
     */
    default Stream<Epoch> epochs(Epoch start) {
        return Stream.iterate(start, this);
    }

    /**
     * {@code start}, then {@code count} epochs of training, as a lazy but finite stream: safe
     * for eager operations (Kotlin's {@code Iterable} extensions, {@code toJavaList()}).
     *
     * @param start the epoch to train from
     * @param count epochs to train after {@code start}, not negative
     * @return a lazy stream of {@code count + 1} epochs, {@code start} first
     * @throws IllegalArgumentException if {@code count} is negative
     */
    default Stream<Epoch> epochs(Epoch start, int count) {
        if (count < 0) {
            throw new IllegalArgumentException("epoch count must not be negative, got " + count);
        }
        return epochs(start).take(count + 1);
    }
}
