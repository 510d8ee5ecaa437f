package dev.purenet.cli;

import dev.purenet.Architecture;
import dev.purenet.LayerForm;
import dev.purenet.train.Experiment;
import io.vavr.collection.Vector;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The heap: what a command is doing (for the one-line message when it runs out of memory), and
 * an estimate of what a run needs, checked against {@link Runtime#maxMemory()} before anything
 * is allocated. The estimate errs low: a run it lets through may still run out of memory, and
 * then {@link Main} prints {@link #outOfMemory}; a run it refuses could not have finished.
 */
final class Memory {
    /** The largest Java array (of any type): a little under 2^31 elements. */
    static final long MAX_ARRAY = Integer.MAX_VALUE - 8;
    private static final long MB = 1L << 20;
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
        return "out of memory while " + detail + ": the JVM may use at most " + megabytes(maxMemory)
                + "; raise the limit with PURENET_JAVA_OPTS=-Xmx" + suggestion(2 * maxMemory) + " (or more)";
    }

    /** {@code 218 MB}, {@code 1.6 GB}, {@code 512 bytes}. */
    static String megabytes(long bytes) {
        if (bytes < MB) {
            return bytes < 1024 ? bytes + " bytes" : Text.decimals(bytes / 1024.0, 0) + " KB";
        }
        return bytes < 1024 * MB ? Text.decimals((double) bytes / MB, 0) + " MB" : Text.decimals((double) bytes / (1024 * MB), 1) + " GB";
    }

    /** A heap size for -Xmx at least {@code bytes}: {@code 768m}, {@code 3g}. */
    static String suggestion(long bytes) {
        long mb = (bytes + MB - 1) / MB;
        return mb <= 1024 ? ((mb + 127) / 128 * 128) + "m" : ((mb + 1023) / 1024) + "g";
    }

    /** {@code 218 MB}: the size of a file, for messages; empty when it cannot be read. */
    static String sizeOf(Path file) {
        try {
            return Files.isRegularFile(file) ? " (" + megabytes(Files.size(file)) + ")" : "";
        } catch (java.io.IOException e) {
            return "";
        }
    }

    /** Weights and biases of a network of these sizes; {@code Long.MAX_VALUE} if that overflows a long. */
    static long parameters(Vector<Integer> sizes) {
        try {
            long total = 0;
            for (int k = 0; k + 1 < sizes.size(); k++) {
                total = Math.addExact(total, Math.multiplyExact((long) sizes.get(k) + 1, (long) sizes.get(k + 1)));
            }
            return total;
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE;
        }
    }

    /** Weights and biases of the architecture: a convolution has one filter and one bias per map, whatever its image size. */
    static long parameters(Architecture a) {
        try {
            long total = 0;
            for (int k = 0; k < a.forms().size(); k++) {
                long layer = a.forms().get(k) instanceof LayerForm.ConvPool conv
                        ? Math.multiplyExact((long) conv.maps(), filterSize(conv) + 1)
                        : Math.multiplyExact((long) a.sizes().get(k) + 1, (long) a.sizes().get(k + 1));
                total = Math.addExact(total, layer);
            }
            return total;
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE;
        }
    }

    private static long filterSize(LayerForm.ConvPool conv) {
        return (long) conv.channels() * conv.kernel() * conv.kernel();
    }

    /** Values per example in a convolution's own buffers: the unrolled image patches and their gradient, the maps before pooling and theirs. */
    private static long convolutionValues(LayerForm.ConvPool conv) {
        long positions = (long) (conv.height() - conv.kernel() + 1) * (conv.width() - conv.kernel() + 1);
        return 2 * positions * (filterSize(conv) + conv.maps());
    }

    /** {@link #arrayProblem(Vector, int)} for dense layers, and a convolution's unrolled patches for the mini-batch. */
    static String arrayProblem(Architecture a, int miniBatch) {
        if (a.isPlain()) {
            return arrayProblem(a.sizes(), miniBatch);
        }
        for (int k = 0; k < a.forms().size(); k++) {
            if (a.forms().get(k) instanceof LayerForm.ConvPool conv) {
                long values = convolutionValues(conv) / 2 * miniBatch;
                if (values > MAX_ARRAY) {
                    return "layer " + (k + 1) + " (conv " + conv.maps() + "x" + conv.kernel() + "x" + conv.kernel() + ") would need "
                            + values + " values for a mini-batch of " + miniBatch + ", more than a Java array holds (" + MAX_ARRAY + ")";
                }
            } else if ((long) a.sizes().get(k) * a.sizes().get(k + 1) > MAX_ARRAY) {
                return arrayProblem(a.sizes().subSequence(k, k + 2), miniBatch);
            }
        }
        for (int k = 0; k < a.sizes().size(); k++) {
            if ((long) a.sizes().get(k) * miniBatch > MAX_ARRAY) {
                return arrayProblem(Vector.of(a.sizes().get(k)), miniBatch);
            }
        }
        return null;
    }

    /**
     * Refuses sizes whose arrays Java cannot hold: a layer with more than 2^31 - 9 weights, or a
     * mini-batch whose columns of activations overflow an int.
     *
     * @return the problem, or null when the sizes can be allocated
     */
    static String arrayProblem(Vector<Integer> sizes, int miniBatch) {
        for (int k = 0; k + 1 < sizes.size(); k++) {
            long weights = (long) sizes.get(k) * sizes.get(k + 1);
            if (weights > MAX_ARRAY) {
                return "layer " + (k + 1) + " (" + sizes.get(k) + " -> " + sizes.get(k + 1) + ") would have " + weights
                        + " weights, more than a Java array holds (" + MAX_ARRAY + ")";
            }
        }
        for (int k = 0; k < sizes.size(); k++) {
            long values = (long) sizes.get(k) * miniBatch;
            if (values > MAX_ARRAY) {
                return "a mini-batch of " + miniBatch + " with layers of " + sizes.get(k) + " would need " + values
                        + " values in one array, more than a Java array holds (" + MAX_ARRAY + ")";
            }
        }
        return null;
    }

    /**
     * Bytes a run needs beyond the data, at least: train holds {@link #KEPT_EPOCHS} epochs' networks
     * at a time (with momentum its velocity too, with Adam both moments), however many epochs it
     * trains (the report keeps only their measurements); the trainer's workspace holds a few
     * more copies and the mini-batch's activations, and a snapshot or {@code --out}'s file
     * ({@code snapshots}: either is written) is built as a JSON tree and text before it is written
     * (about 64 bytes per number).
     */
    static long needed(Experiment e, int trainingSize, boolean snapshots) {
        long parameters = parameters(e.architecture());
        int batch = Math.min(e.miniBatch(), trainingSize);
        long widths = 0;
        for (int size : e.architecture().sizes()) {
            widths += size;
        }
        for (LayerForm form : e.architecture().forms()) {
            if (form instanceof LayerForm.ConvPool conv) {
                widths += convolutionValues(conv) / 4; // counted 4 times below, as activations are
            }
        }
        double network = 8.0 * parameters;
        double perEpoch = 1 + e.rule().stateSlots(); // the network, and each of its optimizer state copies
        double total = network * (perEpoch * KEPT_EPOCHS + 4)
                + 8.0 * batch * (e.architecture().sizes().head() + 4.0 * (widths - e.architecture().sizes().head()))
                + (snapshots ? 64.0 * parameters * perEpoch : 0);
        return total >= Long.MAX_VALUE ? Long.MAX_VALUE : (long) total;
    }

    /** The problem when a run cannot fit in {@code available} bytes, or null. */
    static String budgetProblem(Experiment e, int trainingSize, boolean snapshots, long available, long maxMemory) {
        long needed = needed(e, trainingSize, snapshots);
        if (needed <= available) {
            return null;
        }
        long parameters = parameters(e.architecture());
        return "training " + e.architecture().sizes().mkString("-") + " with mini-batches of " + Math.min(e.miniBatch(), trainingSize)
                + " for " + e.epochs() + (e.epochs() == 1 ? " epoch" : " epochs") + " needs about "
                + (needed == Long.MAX_VALUE ? "more memory than a computer has" : megabytes(needed))
                + " (" + (parameters == Long.MAX_VALUE ? "more than 2^63" : parameters) + " parameters, "
                + (parameters == Long.MAX_VALUE ? "too many" : megabytes(8 * parameters)) + " per copy of the network)"
                + " but the JVM may use at most " + megabytes(maxMemory) + ", of which " + megabytes(Math.max(0, available))
                + " are free; use smaller " + (e.architecture().isPlain() ? "--sizes" : "--layers") + ", --batch or --epochs"
                + (needed == Long.MAX_VALUE || needed > (32L << 30) ? "" : ", or raise the limit with PURENET_JAVA_OPTS=-Xmx"
                + suggestion(maxMemory - available + needed + needed / 4));
    }

    /**
     * Refuses, before anything is allocated, a run whose arrays Java cannot hold or that needs
     * more memory than the JVM may use.
     *
     * @throws IllegalArgumentException naming the sizes and the memory
     */
    static void requireFits(Experiment e, int trainingSize, boolean snapshots) {
        String problem = arrayProblem(e.architecture(), Math.min(e.miniBatch(), trainingSize));
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
        doing("training " + e.architecture().sizes().mkString("-") + " (" + parameters(e.architecture()) + " parameters, "
                + megabytes(8 * parameters(e.architecture())) + " per copy of the network)");
    }

    private static long free(Runtime runtime) {
        return runtime.maxMemory() - (runtime.totalMemory() - runtime.freeMemory());
    }
}
