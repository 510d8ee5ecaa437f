package dev.purenet.cli;

import dev.purenet.train.Experiment;
import dev.purenet.train.Footprint;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The heap: what a command is doing (for the one-line message when it runs out of memory), and
 * what a run needs ({@link Footprint}), checked against {@link Runtime#maxMemory()} before
 * anything is allocated. The estimate errs low: a run it lets through may still run out of memory, and
 * then {@link Main} prints {@link #outOfMemory}; a run it refuses could not have finished.
 */
final class Memory {
    /** Epochs whose networks train holds at once: the one it started from, the best so far and the last. */
    static final int KEPT_EPOCHS = 3;

    private static volatile String activity = "running";

    private Memory() {}

    /** Records what the command does next, for {@link #outOfMemory}. */
    static void doing(String what) {
        activity = what;
    }

    static void reset() {
        activity = "running";
    }

    /** The message for an OutOfMemoryError: what was being done, how big, and how to raise the heap. */
    static String outOfMemory(OutOfMemoryError e, long maxMemory) {
        String detail = e.getMessage() != null && e.getMessage().startsWith("reading ") ? e.getMessage() : activity;
        return "out of memory while " + detail + ": the JVM may use at most " + Footprint.megabytes(maxMemory)
                + "; raise the limit with PURENET_JAVA_OPTS=-Xmx" + Footprint.heapSize(2 * maxMemory) + " (or more)";
    }

    /** {@code 218 MB}: the size of a file, for messages; empty when it cannot be read. */
    static String sizeOf(Path file) {
        try {
            return Files.isRegularFile(file) ? " (" + Footprint.megabytes(Files.size(file)) + ")" : "";
        } catch (java.io.IOException e) {
            return "";
        }
    }

    /**
     * Bytes a run of {@code purenet train} needs beyond the data, at least: it holds
     * {@link #KEPT_EPOCHS} epochs' networks at a time, and a snapshot or {@code --out}'s file
     * ({@code snapshots}: either is written) is built as JSON ({@link Footprint#bytes}).
     */
    static long needed(Experiment e, int trainingSize, boolean snapshots) {
        return Footprint.bytes(e, trainingSize, KEPT_EPOCHS, snapshots);
    }

    /** The problem when a run cannot fit in {@code available} bytes, or null. */
    static String budgetProblem(Experiment e, int trainingSize, boolean snapshots, long available, long maxMemory) {
        long needed = needed(e, trainingSize, snapshots);
        if (needed <= available) {
            return null;
        }
        long parameters = Footprint.parameters(e.architecture());
        return "training " + e.architecture().sizes().mkString("-") + " with mini-batches of " + Math.min(e.miniBatch(), trainingSize)
                + " for " + e.epochs() + (e.epochs() == 1 ? " epoch" : " epochs") + " needs about "
                + (needed == Long.MAX_VALUE ? "more memory than a computer has" : Footprint.megabytes(needed))
                + " (" + (parameters == Long.MAX_VALUE ? "more than 2^63" : parameters) + " parameters, "
                + (parameters == Long.MAX_VALUE ? "too many" : Footprint.megabytes(8 * parameters)) + " per copy of the network)"
                + " but the JVM may use at most " + Footprint.megabytes(maxMemory) + ", of which " + Footprint.megabytes(Math.max(0, available))
                + " are free; use smaller " + (e.architecture().isPlain() ? "--sizes" : "--layers") + ", --batch or --epochs"
                + (needed == Long.MAX_VALUE || needed > (32L << 30) ? "" : ", or raise the limit with PURENET_JAVA_OPTS=-Xmx"
                + Footprint.heapSize(maxMemory - available + needed + needed / 4));
    }

    /**
     * Refuses, before anything is allocated, a run whose arrays Java cannot hold or that needs
     * more memory than the JVM may use.
     *
     * @throws IllegalArgumentException naming the sizes and the memory
     */
    static void requireFits(Experiment e, int trainingSize, boolean snapshots) {
        String problem = Footprint.arrayProblem(e.architecture(), Math.min(e.miniBatch(), trainingSize));
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        Runtime runtime = Runtime.getRuntime();
        if (budgetProblem(e, trainingSize, snapshots, free(runtime), runtime.maxMemory()) != null) {
            System.gc(); // garbage from reading the data counts as used until collected
            problem = budgetProblem(e, trainingSize, snapshots, free(runtime), runtime.maxMemory());
            if (problem != null) {
                throw new IllegalArgumentException(problem);
            }
        }
        doing("training " + e.architecture().sizes().mkString("-") + " (" + Footprint.parameters(e.architecture()) + " parameters, "
                + Footprint.megabytes(8 * Footprint.parameters(e.architecture())) + " per copy of the network)");
    }

    private static long free(Runtime runtime) {
        return runtime.maxMemory() - (runtime.totalMemory() - runtime.freeMemory());
    }
}
