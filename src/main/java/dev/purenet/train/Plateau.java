package dev.purenet.train;

import dev.purenet.data.Dataset;
import io.vavr.collection.Stream;
import java.util.function.UnaryOperator;

/**
 * network2.py's learning-rate rule from the end of chapter 3: train with η; each time the
 * evaluation accuracy has not improved for {@code patience} epochs, halve η; stop when η has
 * fallen below 1/128 of where it started. The state it carries (η, best accuracy, epochs since
 * it improved) lives in the stream's recursion, so the stream stays a pure function of its start.
 *
 * @param sgd      the trainer; its {@code eta} is the starting rate η₀
 * @param training the training data
 * @param monitor  must measure the evaluation accuracy
 * @param patience epochs without a higher evaluation accuracy before η is halved, at least 1
 */
public record Plateau(Sgd sgd, Dataset training, UnaryOperator<Epoch> monitor, int patience) {
    /** η stops at 1/128 of the starting rate, as in the book. */
    public static final double FLOOR = 1.0 / 128;

    /**
     * Checks the patience.
     *
     * @param sgd      the trainer; its {@code eta} is the starting rate η₀
     * @param training the training data
     * @param monitor  must measure the evaluation accuracy
     * @param patience epochs without a higher evaluation accuracy before η is halved, at least 1
     * @throws IllegalArgumentException if {@code patience} is less than 1
     */
    public Plateau {
        if (patience < 1) {
            throw new IllegalArgumentException("patience must be at least 1 epoch, got " + patience);
        }
    }

    /**
     * The rule, named for reading: {@code Plateau.halving(sgd, training, monitor, 10).epochs(start)}.
     *
     * @param sgd      the trainer; its {@code eta} is the starting rate
     * @param training the training data
     * @param monitor  must measure the evaluation accuracy
     * @param patience epochs without improvement before η is halved, at least 1
     * @return {@code new Plateau(sgd, training, monitor, patience)}
     * @throws IllegalArgumentException if {@code patience} is less than 1
     */
    public static Plateau halving(Sgd sgd, Dataset training, UnaryOperator<Epoch> monitor, int patience) {
        return new Plateau(sgd, training, monitor, patience);
    }

    /**
     * {@code start}, then measured epochs while η ≥ η₀/128. When {@code start} is a trained
     * epoch (a resumed run), η continues from the rate it was trained with.
     *
     * @param start the epoch to train from; not measured again
     * @return a lazy stream that ends once η falls below η₀/128
     * @throws IllegalStateException (while the stream is read) if the monitor does not measure
     *         the evaluation accuracy
     */
    public Stream<Epoch> epochs(Epoch start) {
        double eta = start.index() == 0 ? sgd.eta() : start.eta();
        return Stream.cons(start, () -> next(start, eta, Double.NEGATIVE_INFINITY, 0));
    }

    private Stream<Epoch> next(Epoch previous, double eta, double best, int since) {
        if (eta < sgd.eta() * FLOOR) {
            return Stream.empty();
        }
        Epoch e = monitor.apply(sgd.withEta(eta).on(training).apply(previous));
        double accuracy = e.accuracy();
        boolean improved = accuracy > best;
        int nowSince = improved ? 0 : since + 1;
        double nowBest = improved ? accuracy : best;
        double nextEta = nowSince >= patience ? eta / 2 : eta;
        int nextSince = nowSince >= patience ? 0 : nowSince;
        return Stream.cons(e, () -> next(e, nextEta, nowBest, nextSince));
    }
}
