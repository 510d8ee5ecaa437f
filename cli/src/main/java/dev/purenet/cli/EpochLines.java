package dev.purenet.cli;

import dev.purenet.train.Epoch;
import dev.purenet.train.Metrics;
import java.util.List;

/**
 * How the command line prints epochs: the book's {@code Epoch 7: 9471 / 10000 (94.71%)} when
 * only the evaluation accuracy is monitored, labelled parts otherwise.
 */
record EpochLines(String evalLabel, List<String> monitor) {
    static final List<String> MONITORS = List.of("train-cost", "train-acc", "eval-cost", "eval-acc");

    String line(Epoch e, double seconds) {
        return "Epoch " + e.index() + ": " + describe(e.metrics()) + "  " + Text.decimals(seconds, 2) + " s";
    }

    String describe(Metrics m) {
        if (monitor.equals(List.of("eval-acc"))) {
            return m.evaluationAccuracy().get().toString();
        }
        StringBuilder sb = new StringBuilder();
        m.evaluationAccuracy().ifPresent(e -> sb.append(evalLabel).append(" ").append(e).append("  "));
        m.evaluationCost().ifPresent(c -> sb.append(evalLabel).append(" cost ").append(Text.decimals(c, 4)).append("  "));
        m.trainingAccuracy().ifPresent(e -> sb.append("training ").append(e).append("  "));
        m.trainingCost().ifPresent(c -> sb.append("training cost ").append(Text.decimals(c, 4)).append("  "));
        return sb.toString().strip();
    }

    /** Better by evaluation accuracy if measured, else by lower evaluation cost, else never. */
    static boolean isBetter(Epoch candidate, Epoch best) {
        Metrics c = candidate.metrics();
        if (best == null) {
            return c.evaluationAccuracy().isPresent() || c.evaluationCost().isPresent();
        }
        Metrics b = best.metrics();
        if (c.evaluationAccuracy().isPresent()) {
            return c.evaluationAccuracy().get().correct() > b.evaluationAccuracy().get().correct();
        }
        return c.evaluationCost().isPresent() && c.evaluationCost().get() < b.evaluationCost().get();
    }

    String best(Epoch best) {
        Metrics m = best.metrics();
        return "Best: epoch " + best.index() + ", " + m.evaluationAccuracy().map(Object::toString)
                .orElseGet(() -> "cost " + Text.decimals(m.evaluationCost().get(), 4)) + " on the " + evalLabel + " set";
    }
}
