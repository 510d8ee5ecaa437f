package dev.purenet.data;

import dev.purenet.Batch;
import dev.purenet.math.Matrix;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Labelled examples for classification, immutable. Inputs are kept compactly in one
 * column-major block (bytes scaled to [0, 1] for images, or doubles), labels as ints; the
 * one-hot targets of a mini-batch are made on demand, never stored for the whole set.
 *
 * <p>{@link #slice} shares storage, so the book's 50,000/10,000 split of the training file
 * costs no copy.
 */
public final class Dataset {
    private final Features features;
    private final int[] labels;
    private final int offset;
    private final int size;
    private final int classes;
    /** SHA-256 of the contents, computed on first use: a run asks for it more than once, and it reads every value. */
    private volatile String fingerprint;

    private Dataset(Features features, int[] labels, int offset, int size, int classes) {
        this.features = features;
        this.labels = labels;
        this.offset = offset;
        this.size = size;
        this.classes = classes;
    }

    /**
     * Inputs as a features x n matrix and one label in [0, classes) per column.
     *
     * @param inputs  features x n, finite; copied
     * @param labels  n labels, each in [0, classes); copied
     * @param classes the number of classes: the height of the one-hot targets
     * @return the data set, storing the inputs as doubles
     * @throws IllegalArgumentException if the counts do not match, a label is out of range,
     *         {@code classes} is less than 1 or an input is not finite
     */
    public static Dataset of(Matrix inputs, int[] labels, int classes) {
        checkLabels(labels, inputs.cols(), classes);
        int bad = inputs.firstNonFinite();
        if (bad >= 0) {
            throw new IllegalArgumentException("inputs must be finite numbers, found " + inputs.describeIndex(bad));
        }
        return new Dataset(new DoubleFeatures(inputs.rows(), inputs.toColumnMajorArray()), labels.clone(), 0,
                labels.length, classes);
    }

    /**
     * Unsigned bytes, {@code features} per example, example after example (IDX image layout),
     * each scaled to [0, 1] by dividing by 255. The array is copied.
     *
     * @param features the number of values per example (784 for MNIST), positive
     * @param values   features x labels.length bytes, read as unsigned
     * @param labels   one label per example, each in [0, classes); copied
     * @param classes  the number of classes: the height of the one-hot targets
     * @return the data set, storing the inputs as bytes
     * @throws IllegalArgumentException if the counts do not match, a label is out of range or
     *         {@code features} or {@code classes} is less than 1
     */
    public static Dataset ofBytes(int features, byte[] values, int[] labels, int classes) {
        if (features <= 0) {
            throw new IllegalArgumentException("features per example must be positive, got " + features);
        }
        if (values.length != (long) features * labels.length) {
            throw new IllegalArgumentException("expected " + (long) features * labels.length + " values for "
                    + labels.length + " examples of " + features + " features, got " + values.length);
        }
        checkLabels(labels, labels.length, classes);
        return new Dataset(new ByteFeatures(features, values.clone()), labels.clone(), 0, labels.length, classes);
    }

    private static void checkLabels(int[] labels, int examples, int classes) {
        if (classes < 1) {
            throw new IllegalArgumentException("a dataset needs at least one class, got " + classes);
        }
        if (labels.length != examples) {
            throw new IllegalArgumentException("expected one label per example: " + examples + " examples but "
                    + labels.length + " labels");
        }
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= classes) {
                throw new IllegalArgumentException("label " + i + " is " + labels[i] + ", expected 0 to " + (classes - 1));
            }
        }
    }

    /**
     * The number of examples.
     *
     * @return the example count, possibly 0 for an empty slice
     */
    public int size() {
        return size;
    }

    /**
     * Input values per example (784 for MNIST).
     *
     * @return the height of an input column
     */
    public int features() {
        return features.rows();
    }

    /**
     * The number of classes (10 for MNIST).
     *
     * @return the height of a one-hot target column; labels are in [0, classes)
     */
    public int classes() {
        return classes;
    }

    /**
     * Example {@code i}'s label.
     *
     * @param i 0-based example
     * @return the label, in [0, classes)
     * @throws IndexOutOfBoundsException if {@code i} is outside the data set
     */
    public int label(int i) {
        checkIndex(i);
        return labels[offset + i];
    }

    /**
     * A copy of the labels.
     *
     * @return a fresh array of size() labels, in example order
     */
    public int[] labels() {
        return java.util.Arrays.copyOfRange(labels, offset, offset + size);
    }

    /**
     * The same examples with a larger number of classes (labels unchanged).
     *
     * @param newClasses at least {@link #classes()}
     * @return a data set sharing this one's storage
     * @throws IllegalArgumentException if {@code newClasses} is smaller than the current count
     */
    public Dataset withClasses(int newClasses) {
        if (newClasses < classes) {
            throw new IllegalArgumentException("cannot shrink " + classes + " classes to " + newClasses);
        }
        return new Dataset(features, labels, offset, size, newClasses);
    }

    /**
     * The first {@code n} examples, or all of them when there are fewer: for quick runs on part of the data.
     *
     * @param n the number of examples wanted, not negative
     * @return a slice sharing storage
     * @throws IllegalArgumentException if {@code n} is negative
     */
    public Dataset take(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("cannot take a negative number of examples, got " + n);
        }
        return slice(0, Math.min(n, size));
    }

    /**
     * Examples {@code from} (inclusive) to {@code to} (exclusive), sharing storage.
     *
     * @param from the first example, 0-based
     * @param to   one past the last example
     * @return a data set of {@code to - from} examples
     * @throws IndexOutOfBoundsException unless 0 ≤ from ≤ to ≤ size()
     */
    public Dataset slice(int from, int to) {
        if (from < 0 || to > size || from > to) {
            throw new IndexOutOfBoundsException("slice " + from + ".." + to + " of a dataset of " + size + " examples");
        }
        return new Dataset(features, labels, offset + from, to - from, classes);
    }

    /**
     * Example {@code i}'s input as a column vector.
     *
     * @param i 0-based example
     * @return features x 1, in [0, 1] for byte data
     * @throws IndexOutOfBoundsException if {@code i} is outside the data set
     */
    public Matrix input(int i) {
        checkIndex(i);
        return inputs(new int[] {i}, 0, 1);
    }

    /**
     * Examples {@code order[from..to)} as a mini-batch: inputs gathered column by column, one-hot targets.
     *
     * @param order example indices, e.g. an epoch's shuffle
     * @param from  the first position in {@code order}
     * @param to    one past the last position; greater than {@code from}
     * @return a batch of {@code to - from} examples
     * @throws IndexOutOfBoundsException if a position or an index in {@code order} is out of range
     * @throws IllegalArgumentException if the range is empty (a batch is never empty)
     */
    public Batch batch(int[] order, int from, int to) {
        return new Batch(inputs(order, from, to), oneHot(order, from, to));
    }

    /**
     * Examples {@code from..to} in their stored order, as a batch.
     *
     * @param from the first example, 0-based
     * @param to   one past the last example; greater than {@code from}
     * @return a batch of {@code to - from} examples
     * @throws IndexOutOfBoundsException if an example is outside the data set
     * @throws IllegalArgumentException if the range is empty
     */
    public Batch range(int from, int to) {
        return batch(identity(from, to), 0, to - from);
    }

    /**
     * The inputs of examples {@code order[from..to)}, one column each.
     *
     * @param order example indices
     * @param from  the first position in {@code order}
     * @param to    one past the last position
     * @return features x (to − from)
     * @throws IndexOutOfBoundsException if a position or an index in {@code order} is out of range
     */
    public Matrix inputs(int[] order, int from, int to) {
        int rows = features.rows();
        double[] out = new double[rows * (to - from)];
        for (int k = from; k < to; k++) {
            checkIndex(order[k]);
            features.copyColumn(offset + order[k], out, (k - from) * rows);
        }
        return Matrix.fromColumnMajor(rows, to - from, out);
    }

    /**
     * Writes the mini-batch {@code order[from..to)} into caller-owned buffers, the values
     * {@link #batch} would hold: inputs column by column into {@code inputs} (features x
     * (to − from), column-major) and one-hot targets into {@code targets} (classes x (to − from)).
     * Lets a trainer reuse one buffer for every mini-batch instead of allocating each.
     *
     * @param order   example indices, e.g. an epoch's shuffle
     * @param from    the first position in {@code order}
     * @param to      one past the last position
     * @param inputs  receives the inputs in its first features x (to − from) elements
     * @param targets receives the one-hot targets in its first classes x (to − from) elements
     * @throws IndexOutOfBoundsException if a position or an index in {@code order} is out of range
     * @throws IllegalArgumentException if a buffer is too small
     */
    public void gather(int[] order, int from, int to, double[] inputs, double[] targets) {
        int rows = features.rows();
        int count = to - from;
        if (from < 0 || to > order.length || count < 0) {
            throw new IndexOutOfBoundsException("mini-batch " + from + ".." + to + " of an order of " + order.length);
        }
        if (inputs.length < rows * count || targets.length < classes * count) {
            throw new IllegalArgumentException("buffers for " + count + " examples need " + rows * count + " inputs and "
                    + classes * count + " targets, got " + inputs.length + " and " + targets.length);
        }
        java.util.Arrays.fill(targets, 0, classes * count, 0.0);
        for (int k = from; k < to; k++) {
            checkIndex(order[k]);
            features.copyColumn(offset + order[k], inputs, (k - from) * rows);
            targets[(k - from) * classes + labels[offset + order[k]]] = 1.0;
        }
    }

    private Matrix oneHot(int[] order, int from, int to) {
        double[] out = new double[classes * (to - from)];
        for (int k = from; k < to; k++) {
            out[(k - from) * classes + labels[offset + order[k]]] = 1.0;
        }
        return Matrix.fromColumnMajor(classes, to - from, out);
    }

    private static int[] identity(int from, int to) {
        int[] order = new int[to - from];
        for (int k = 0; k < order.length; k++) {
            order[k] = from + k;
        }
        return order;
    }

    private void checkIndex(int i) {
        if (i < 0 || i >= size) {
            throw new IndexOutOfBoundsException("example " + i + " of a dataset of " + size + " examples");
        }
    }

    /**
     * SHA-256 over the shape, every input value (as the doubles training sees) and every label:
     * two datasets share a fingerprint exactly when training on them is the same computation.
     *
     * @return 64 lower-case hex digits
     */
    public String fingerprint() {
        String known = fingerprint;
        if (known == null) {
            known = computeFingerprint();
            fingerprint = known;
        }
        return known;
    }

    private String computeFingerprint() {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            ByteBuffer header = ByteBuffer.allocate(12).putInt(features.rows()).putInt(size).putInt(classes);
            sha.update(header.array());
            double[] column = new double[features.rows()];
            ByteBuffer buffer = ByteBuffer.allocate(column.length * Double.BYTES + Integer.BYTES);
            for (int i = 0; i < size; i++) {
                features.copyColumn(offset + i, column, 0);
                buffer.clear();
                for (double v : column) {
                    buffer.putDouble(v);
                }
                buffer.putInt(labels[offset + i]);
                sha.update(buffer.array(), 0, buffer.position());
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }

    @Override
    public String toString() {
        return "Dataset(" + size + " examples, " + features.rows() + " features, " + classes + " classes)";
    }

    /** Column-major storage of inputs; implementations never change after construction. */
    private interface Features {
        int rows();

        void copyColumn(int column, double[] target, int targetOffset);
    }

    private record DoubleFeatures(int rows, double[] values) implements Features {
        @Override
        public void copyColumn(int column, double[] target, int targetOffset) {
            System.arraycopy(values, column * rows, target, targetOffset, rows);
        }
    }

    /** One unsigned byte per value: MNIST's 50,000 training images take 39 MB instead of 314 MB. */
    private record ByteFeatures(int rows, byte[] values) implements Features {
        private static final double SCALE = 1.0 / 255.0;

        @Override
        public void copyColumn(int column, double[] target, int targetOffset) {
            int base = column * rows;
            for (int i = 0; i < rows; i++) {
                target[targetOffset + i] = (values[base + i] & 0xFF) * SCALE;
            }
        }
    }
}
