package dev.purenet.train;

import dev.purenet.Architecture;
import dev.purenet.LayerForm;
import io.vavr.collection.Vector;
import java.math.BigDecimal;
import java.math.RoundingMode;
import org.jspecify.annotations.Nullable;

/**
 * What a training run needs in memory, known before anything is allocated: the arrays Java cannot
 * hold, and an estimate of the bytes. {@code purenet train} checks a run against its heap with
 * it, and {@code purenet sweep} the runs that train side by side against their JVM's. The
 * estimate errs low: a run it lets through may still run out of memory, but a run it refuses
 * could not have finished.
 */
public final class Footprint {
    /** The largest Java array (of any type): a little under 2^31 elements. */
    public static final long MAX_ARRAY = Integer.MAX_VALUE - 8;
    /** Bytes of one number in a network's JSON while it is built as a tree and then text. */
    private static final double JSON_BYTES_PER_NUMBER = 64.0;
    private static final long MB = 1L << 20;

    private Footprint() {}

    /**
     * Weights and biases of a dense network of these sizes.
     *
     * @param sizes the layer sizes, inputs first
     * @return the count, or {@code Long.MAX_VALUE} if that overflows a long
     */
    public static long parameters(Vector<Integer> sizes) {
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

    /**
     * Weights and biases of the architecture: a convolution has one filter and one bias per map,
     * whatever its image size.
     *
     * @param a the architecture
     * @return the count, or {@code Long.MAX_VALUE} if that overflows a long
     */
    public static long parameters(Architecture a) {
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

    /**
     * {@link #arrayProblem(Vector, int)} for dense layers, and a convolution's unrolled patches
     * for the mini-batch.
     *
     * @param a         the architecture
     * @param miniBatch the examples per mini-batch
     * @return the problem, naming the layer and the sizes, or null when the arrays can be allocated
     */
    public static @Nullable String arrayProblem(Architecture a, int miniBatch) {
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
     * Sizes whose arrays Java cannot hold: a layer with more than 2^31 - 9 weights, or a
     * mini-batch whose columns of activations overflow an int.
     *
     * @param sizes     the dense layer sizes, inputs first
     * @param miniBatch the examples per mini-batch
     * @return the problem, or null when the sizes can be allocated
     */
    public static @Nullable String arrayProblem(Vector<Integer> sizes, int miniBatch) {
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
     * Bytes a run needs beyond its data, at least: {@code keptEpochs} epochs' networks at a time
     * (with momentum its velocity too, with Adam both moments), however many epochs it trains;
     * the trainer's workspace with a few more copies and the mini-batch's activations; and, when
     * the run writes networks as JSON, one network's JSON tree and text (about 64 bytes per
     * number).
     *
     * @param e            the experiment
     * @param trainingSize the examples it trains on (a mini-batch is at most this many)
     * @param keptEpochs   how many epochs' networks the caller holds at once ({@code purenet
     *                     train}: the first, the best and the last)
     * @param writesJson   whether a snapshot or result is written as JSON while training
     * @return the estimate, or {@code Long.MAX_VALUE} when it overflows
     */
    public static long bytes(Experiment e, int trainingSize, int keptEpochs, boolean writesJson) {
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
        double total = network * (perEpoch * keptEpochs + 4)
                + 8.0 * batch * (e.architecture().sizes().head() + 4.0 * (widths - e.architecture().sizes().head()))
                + (writesJson ? JSON_BYTES_PER_NUMBER * parameters * perEpoch : 0);
        return total >= Long.MAX_VALUE ? Long.MAX_VALUE : (long) total;
    }

    /**
     * A size for messages.
     *
     * @param bytes the size
     * @return {@code 512 bytes}, {@code 62 KB}, {@code 218 MB}, {@code 1.6 GB}
     */
    public static String megabytes(long bytes) {
        if (bytes < MB) {
            return bytes < 1024 ? bytes + " bytes" : decimals(bytes / 1024.0, 0) + " KB";
        }
        return bytes < 1024 * MB ? decimals((double) bytes / MB, 0) + " MB" : decimals((double) bytes / (1024 * MB), 1) + " GB";
    }

    /**
     * A heap size of at least {@code bytes}, as {@code -Xmx} and {@code spark.executor.memory}
     * take it: whole 128 MB steps up to 1 GB, then whole gigabytes.
     *
     * @param bytes the least size
     * @return e.g. {@code 768m}, {@code 3g}
     */
    public static String heapSize(long bytes) {
        long mb = (bytes + MB - 1) / MB;
        return mb <= 1024 ? ((mb + 127) / 128 * 128) + "m" : ((mb + 1023) / 1024) + "g";
    }

    private static String decimals(double value, int places) {
        return BigDecimal.valueOf(value).setScale(places, RoundingMode.HALF_UP).toPlainString();
    }
}
