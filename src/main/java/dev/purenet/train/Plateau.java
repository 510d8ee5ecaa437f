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
 * @param monitor must measure the evaluation accuracy
 */
public record Plateau(Sgd sgd, Dataset training, UnaryOperator<Epoch> monitor, int patience) {
    /** η stops at 1/128 of the starting rate, as in the book. */
    public static final double FLOOR = 1.0 / 128;

    public Plateau {
        if (patience < 1) {
            throw new IllegalArgumentException("patience must be at least 1 epoch, got " + patience);
        }
    }

    public static Plateau halving(Sgd sgd, Dataset training, UnaryOperator<Epoch> monitor, int patience) {
        return new Plateau(sgd, training, monitor, patience);
    }

    /**
     * {@code start}, then measured epochs while η ≥ η₀/128. When {@code start} is a trained
     * epoch (a resumed run), η continues from the rate it was trained with.
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
