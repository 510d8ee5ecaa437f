package dev.purenet.train;

import io.vavr.collection.Stream;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/**
 * Operators on lazy streams of epochs, for {@code stream.transform(...)}. Each returns a new
 * lazy stream: nothing is trained until its elements are asked for.
 */
public final class Epochs {
    private Epochs() {}

    /**
     * Early stopping: ends the stream with the epoch that makes {@code patience} epochs in a
     * row without a higher evaluation accuracy than the best before them. The epochs must be
     * evaluated (map a {@link Monitor} or {@code e -> e.evaluate(data)} first).
     *
     * @param patience epochs in a row without improvement that end the stream, at least 1
     * @return the operator, for {@code stream.transform(...)}
     * @throws IllegalArgumentException if {@code patience} is less than 1
     */
    public static Function<Stream<Epoch>, Stream<Epoch>> noImprovementIn(int patience) {
        return noImprovementIn(patience, Epoch::accuracy);
    }

    /**
     * Early stopping on any score where higher is better, e.g. {@code e -> -e.metrics().evaluationCost().get()}.
     *
     * @param patience epochs in a row without improvement that end the stream, at least 1
     * @param score    read once per epoch as the stream is consumed; the first epoch always improves
     *                 unless its score is −∞ or NaN
     * @return the operator, for {@code stream.transform(...)}
     * @throws IllegalArgumentException if {@code patience} is less than 1
     */
    public static Function<Stream<Epoch>, Stream<Epoch>> noImprovementIn(int patience, ToDoubleFunction<Epoch> score) {
        if (patience < 1) {
            throw new IllegalArgumentException("patience must be at least 1 epoch, got " + patience);
        }
        return stream -> stopping(stream, score, patience, Double.NEGATIVE_INFINITY, 0);
    }

    private static Stream<Epoch> stopping(Stream<Epoch> stream, ToDoubleFunction<Epoch> score, int patience,
                                          double best, int since) {
        if (stream.isEmpty()) {
            return Stream.empty();
        }
        Epoch e = stream.head();
        double s = score.applyAsDouble(e);
        boolean improved = s > best;
        int nowSince = improved ? 0 : since + 1;
        if (nowSince >= patience) {
            return Stream.of(e);
        }
        double nowBest = improved ? s : best;
        return Stream.cons(e, () -> stopping(stream.tail(), score, patience, nowBest, nowSince));
    }

    /**
     * Hand-over: the epochs of the given (finite) stream, then training continues from its
     * last epoch with {@code next}, e.g. {@code a.epochs(start).take(11).transform(Epochs.then(b))}.
     *
     * @param next the trainer for the epochs after the given stream's last
     * @return the operator; an empty stream stays empty
     */
    public static Function<Stream<Epoch>, Stream<Epoch>> then(Trainer next) {
        return stream -> stream.isEmpty() ? Stream.empty() : handOver(stream, next);
    }

    private static Stream<Epoch> handOver(Stream<Epoch> stream, Trainer next) {
        Epoch e = stream.head();
        return Stream.cons(e, () -> {
            Stream<Epoch> rest = stream.tail();
            return rest.isEmpty() ? next.epochs(e).tail() : handOver(rest, next);
        });
    }
}
