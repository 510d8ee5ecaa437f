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
     * @return an infinite lazy stream; limit it with {@code take} or {@link Epochs}
     */
    default Stream<Epoch> epochs(Epoch start) {
        return Stream.iterate(start, this);
    }
}
