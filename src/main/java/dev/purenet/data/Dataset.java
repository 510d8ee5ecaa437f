package dev.purenet.data;

import dev.purenet.Batch;
import dev.purenet.math.Matrix;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Examples with their targets, immutable: for classification, one integer label per example
 * (the targets are one-hot columns, made on demand and never stored for the whole set); for
 * regression, a real-valued target vector per example. Inputs are kept compactly in one
 * column-major block (bytes scaled to [0, 1] for images, or doubles).
 *
 * <p>purenet's layout is one example per <em>column</em> ({@code features x n}), the book's.
 * Data that has one example per <em>row</em> ({@code n x features}, the numpy/Keras habit, a
 * CSV file) goes through the {@code ofRows} factories, which transpose it:
 * <ul>
 *   <li>classification: {@link #of(Matrix, int[], int)}, {@link #of(Matrix, int[])} (columns),
 *       {@link #ofRows(double[][], int[], int)}, {@link #ofRows(double[][], int[])} (rows);</li>
 *   <li>regression: {@link #regression(Matrix, Matrix)}, {@link #regression(Matrix, double[])}
 *       (columns), {@link #regressionOfRows(double[][], double[][])},
 *       {@link #regressionOfRows(double[][], double[])} (rows); train it with an identity output
 *       layer and {@code Cost.quadratic()}.</li>
 * </ul>
 * When the counts do not match and the other layout would, the message says the data looks
 * transposed and names the factory to use.
 *
 * <p>Labels, classes, accuracy and confusion matrices exist only for classification: on a
 * regression set {@link #classes()}, {@link #label} and {@link #labels()} throw
 * {@link IllegalStateException}. {@link #targetSize()}, {@link #target}, {@link #batch} and
 * {@link #gather} work for both.
 *
 * <p>{@link #slice} shares storage, so the book's 50,000/10,000 split of the training file
 * costs no copy.
 */
public final class Dataset {
    /** How many examples {@link #expanded()} makes of each one: the image itself and its four one-pixel moves. */
    public static final int EXPANDED_COPIES = ImageShift.values().length;

    private final Features features;
    private final Targets targets;
    private final int offset;
    private final int size;
    /** The examples' image geometry, when they are images ({@link #asImages}); null for other data. */
    private final @Nullable ImageShape imageShape;
    /** SHA-256 of the contents, computed on first use: a run asks for it more than once, and it reads every value. */
    private volatile String fingerprint;

    private Dataset(Features features, Targets targets, int offset, int size) {
        this(features, targets, offset, size, null);
    }

    private Dataset(Features features, Targets targets, int offset, int size, @Nullable ImageShape imageShape) {
        this.features = features;
        this.targets = targets;
        this.offset = offset;
        this.size = size;
        this.imageShape = imageShape;
    }

    /**
     * Classification data in purenet's layout: inputs as a features x n matrix (one example per
     * column) and one label in [0, classes) per column.
     *
     * @param inputs  features x n, finite; copied
     * @param labels  n labels, each in [0, classes); copied
     * @param classes the number of classes: the height of the one-hot targets
     * @return the data set, storing the inputs as doubles
     * @throws IllegalArgumentException if the counts do not match (saying so when the inputs look
     *         transposed), a label is out of range, {@code classes} is less than 1 or an input is
     *         not finite
     */
    public static Dataset of(Matrix inputs, int[] labels, int classes) {
        if (labels.length != inputs.cols()) {
            throw new IllegalArgumentException("expected one label per example: " + inputs.cols() + " examples but "
                    + labels.length + " labels" + columnsHint(inputs, labels.length, "Dataset.ofRows(inputs, labels)"));
        }
        checkLabels(labels, inputs.cols(), classes);
        requireFinite(inputs, "inputs");
        return new Dataset(new DoubleFeatures(inputs.rows(), inputs.toColumnMajorArray()),
                new Labels(labels.clone(), classes), 0, labels.length);
    }

    /**
     * {@link #of(Matrix, int[], int)} with the number of classes taken from the labels: one more
     * than the largest. Give the count explicitly when a class may be missing from this set (a
     * small test set), or its one-hot targets will be too short for the network.
     *
     * @param inputs features x n, finite; copied
     * @param labels n labels, each 0 or more; copied
     * @return the data set, with {@code max(labels) + 1} classes
     * @throws IllegalArgumentException as {@link #of(Matrix, int[], int)}, or if there are no
     *         labels to infer the classes from
     */
    public static Dataset of(Matrix inputs, int[] labels) {
        return of(inputs, labels, inferClasses(labels));
    }

    /**
     * Classification data with one example per row, the usual habit elsewhere (numpy, Keras, a
     * CSV file): {@code inputs[i]} is example i's features.
     *
     * @param inputs  n rows of the same length (the features), finite; copied
     * @param labels  n labels, each in [0, classes); copied
     * @param classes the number of classes: the height of the one-hot targets
     * @return the data set, storing the inputs as doubles
     * @throws IllegalArgumentException if there are no rows, the rows differ in length, the
     *         counts do not match (saying so when the inputs look transposed), a label is out of
     *         range, {@code classes} is less than 1 or an input is not finite (naming its row and
     *         column)
     */
    public static Dataset ofRows(double[][] inputs, int[] labels, int classes) {
        int features = requireRows(inputs, "inputs");
        if (labels.length != inputs.length) {
            throw new IllegalArgumentException("expected one label per example: " + inputs.length + " examples (rows of"
                    + " inputs) but " + labels.length + " labels" + rowsHint(inputs.length, features, labels.length,
                    "Dataset.of(Matrix.of(inputs), labels)"));
        }
        checkLabels(labels, inputs.length, classes);
        requireFiniteRows(inputs, "inputs");
        return new Dataset(new DoubleFeatures(features, columnMajorOfRows(inputs, features)),
                new Labels(labels.clone(), classes), 0, labels.length);
    }

    /**
     * {@link #ofRows(double[][], int[], int)} with the number of classes taken from the labels:
     * one more than the largest.
     *
     * @param inputs n rows of the same length (the features), finite; copied
     * @param labels n labels, each 0 or more; copied
     * @return the data set, with {@code max(labels) + 1} classes
     * @throws IllegalArgumentException as {@link #ofRows(double[][], int[], int)}, or if there
     *         are no labels to infer the classes from
     */
    public static Dataset ofRows(double[][] inputs, int[] labels) {
        return ofRows(inputs, labels, inferClasses(labels));
    }

    /**
     * Regression data in purenet's layout: inputs as features x n and real-valued targets as
     * outputs x n, one example per column. Train it with an identity output layer of
     * {@code outputs} neurons and {@code Cost.quadratic()}, the mean squared error.
     *
     * @param inputs  features x n, finite; copied
     * @param targets outputs x n, finite; copied
     * @return the data set
     * @throws IllegalArgumentException if the numbers of columns differ (saying which of the two
     *         looks transposed), there are no examples or a value is not finite
     */
    public static Dataset regression(Matrix inputs, Matrix targets) {
        if (inputs.cols() != targets.cols()) {
            boolean inputsTransposed = inputs.rows() == targets.cols();
            boolean targetsTransposed = targets.rows() == inputs.cols();
            String hint;
            if (inputsTransposed && targetsTransposed) {
                hint = "; the inputs or the targets look transposed (one example per row): transpose the one that has"
                        + " one example per row";
            } else if (inputsTransposed) {
                hint = "; the inputs look transposed (one example per row): pass inputs.transpose(), or use"
                        + " Dataset.regressionOfRows for data with one example per row";
            } else if (targetsTransposed) {
                hint = "; the targets look transposed (one example per row): pass targets.transpose()";
            } else if (inputs.rows() == targets.rows()) {
                hint = "; both look transposed (one example per row): use Dataset.regressionOfRows(inputs, targets)";
            } else {
                hint = "";
            }
            throw new IllegalArgumentException("expected one target column per example (column of inputs): inputs are "
                    + inputs.shape() + " (features x examples), so " + inputs.cols() + " examples, but targets are "
                    + targets.shape() + " (outputs x examples), so " + targets.cols() + hint);
        }
        requireExamples(inputs.cols());
        requireFinite(inputs, "inputs");
        requireFinite(targets, "targets");
        return new Dataset(new DoubleFeatures(inputs.rows(), inputs.toColumnMajorArray()),
                new Reals(targets.rows(), targets.toColumnMajorArray()), 0, inputs.cols());
    }

    /**
     * Regression data with one real-valued target per example, in purenet's layout.
     *
     * @param inputs  features x n, finite; copied
     * @param targets n targets, finite; copied
     * @return the data set, with {@link #targetSize()} 1
     * @throws IllegalArgumentException if the counts differ (saying so when the inputs look
     *         transposed), there are no examples or a value is not finite
     */
    public static Dataset regression(Matrix inputs, double[] targets) {
        if (targets.length != inputs.cols()) {
            throw new IllegalArgumentException("expected one target per example: " + inputs.cols() + " examples but "
                    + targets.length + " targets" + columnsHint(inputs, targets.length,
                    "Dataset.regressionOfRows(inputs, targets)"));
        }
        return regression(inputs, Matrix.fromColumnMajor(1, targets.length, targets));
    }

    /**
     * Regression data with one example per row: {@code inputs[i]} is example i's features and
     * {@code targets[i]} its wanted outputs.
     *
     * @param inputs  n rows of the same length (the features), finite; copied
     * @param targets n rows of the same length (the outputs), finite; copied
     * @return the data set
     * @throws IllegalArgumentException if there are no rows, rows differ in length, the counts
     *         differ (saying so when the data looks transposed) or a value is not finite (naming
     *         its row and column)
     */
    public static Dataset regressionOfRows(double[][] inputs, double[][] targets) {
        int features = requireRows(inputs, "inputs");
        int outputs = requireRows(targets, "targets");
        if (inputs.length != targets.length) {
            boolean inputsTransposed = features == targets.length;
            boolean targetsTransposed = outputs == inputs.length;
            String hint;
            if (inputsTransposed && targetsTransposed) {
                hint = "; the inputs or the targets look transposed (one example per column): give one row per example";
            } else if (inputsTransposed) {
                hint = "; the inputs look transposed (one example per column): give one row per example, or use"
                        + " Dataset.regression(Matrix.of(inputs), Matrix.of(targets)) for data with one example per column";
            } else if (targetsTransposed) {
                hint = "; the targets look transposed (one example per column): give one row per example";
            } else if (features == outputs) {
                hint = "; both look transposed (one example per column): use"
                        + " Dataset.regression(Matrix.of(inputs), Matrix.of(targets))";
            } else {
                hint = "";
            }
            throw new IllegalArgumentException("expected one target row per example (row of inputs): inputs have "
                    + rows(inputs.length) + " of " + features + " features, targets have " + rows(targets.length) + " of "
                    + outputs + hint);
        }
        requireFiniteRows(inputs, "inputs");
        requireFiniteRows(targets, "targets");
        return new Dataset(new DoubleFeatures(features, columnMajorOfRows(inputs, features)),
                new Reals(outputs, columnMajorOfRows(targets, outputs)), 0, inputs.length);
    }

    /**
     * Regression data with one example per row and one real-valued target each: {@code y = f(x)}.
     *
     * @param inputs  n rows of the same length (the features), finite; copied
     * @param targets n targets, finite; copied
     * @return the data set, with {@link #targetSize()} 1
     * @throws IllegalArgumentException if there are no rows, rows differ in length, the counts
     *         differ (saying so when the inputs look transposed) or a value is not finite
     */
    public static Dataset regressionOfRows(double[][] inputs, double[] targets) {
        int features = requireRows(inputs, "inputs");
        if (inputs.length != targets.length) {
            throw new IllegalArgumentException("expected one target per example: " + inputs.length + " examples (rows of"
                    + " inputs) but " + targets.length + " targets" + rowsHint(inputs.length, features, targets.length,
                    "Dataset.regression(Matrix.of(inputs), targets)"));
        }
        requireFiniteRows(inputs, "inputs");
        for (int i = 0; i < targets.length; i++) {
            if (!Double.isFinite(targets[i])) {
                throw new IllegalArgumentException("targets must be finite numbers, found targets[" + i + "] = " + targets[i]);
            }
        }
        return new Dataset(new DoubleFeatures(features, columnMajorOfRows(inputs, features)),
                new Reals(1, targets.clone()), 0, inputs.length);
    }

    /** The hint for a count mismatch on features x n inputs when n x features would have matched. */
    private static String columnsHint(Matrix inputs, int count, String rowsFactory) {
        if (inputs.rows() == count && inputs.cols() != count) {
            return "; the inputs are " + inputs.shape() + " (features x examples) and look transposed: purenet takes one"
                    + " example per column, so pass inputs.transpose(), or use " + rowsFactory
                    + " with one example per row";
        }
        return "";
    }

    /** The hint for a count mismatch on rows when one example per column would have matched. */
    private static String rowsHint(int rows, int columns, int count, String columnsFactory) {
        if (columns == count && rows != count) {
            return "; the inputs are " + rows(rows) + " of " + columns + " and look transposed (one example per column):"
                    + " give one row per example, or use " + columnsFactory;
        }
        return "";
    }

    private static String rows(int n) {
        return n + (n == 1 ? " row" : " rows");
    }

    /** The row length of a non-empty, rectangular array. */
    private static int requireRows(double[][] rows, String what) {
        if (rows.length == 0) {
            throw new IllegalArgumentException(what + ": expected at least one row (example), got none");
        }
        int length = rows[0].length;
        if (length == 0) {
            throw new IllegalArgumentException(what + ": expected at least one value per row, row 0 is empty");
        }
        for (int i = 1; i < rows.length; i++) {
            if (rows[i].length != length) {
                throw new IllegalArgumentException(what + ": ragged rows: row 0 has " + length + " values but row " + i
                        + " has " + rows[i].length);
            }
        }
        return length;
    }

    private static void requireFiniteRows(double[][] rows, String what) {
        for (int i = 0; i < rows.length; i++) {
            for (int j = 0; j < rows[i].length; j++) {
                if (!Double.isFinite(rows[i][j])) {
                    throw new IllegalArgumentException(what + " must be finite numbers, found " + what + "[" + i + "][" + j
                            + "] = " + rows[i][j] + " (example " + i + ")");
                }
            }
        }
    }

    private static void requireFinite(Matrix m, String what) {
        int bad = m.firstNonFinite();
        if (bad >= 0) {
            throw new IllegalArgumentException(what + " must be finite numbers, found " + m.describeIndex(bad)
                    + " (example " + bad / m.rows() + ")");
        }
    }

    private static void requireExamples(int n) {
        if (n == 0) {
            throw new IllegalArgumentException("a regression data set needs at least one example, got none");
        }
    }

    private static double[] columnMajorOfRows(double[][] rows, int length) {
        double[] out = new double[Math.multiplyExact(rows.length, length)];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(rows[i], 0, out, i * length, length);
        }
        return out;
    }

    private static int inferClasses(int[] labels) {
        if (labels.length == 0) {
            throw new IllegalArgumentException("cannot infer the number of classes from no labels; give it explicitly");
        }
        int max = -1;
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0) {
                throw new IllegalArgumentException("label " + i + " is " + labels[i] + ", expected 0 or more");
            }
            max = Math.max(max, labels[i]);
        }
        return max + 1;
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
        return new Dataset(new ByteFeatures(features, values.clone()), new Labels(labels.clone(), classes), 0, labels.length);
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
     * Whether the targets are labels (classification) rather than real values (regression).
     *
     * @return true for a data set made with {@code of}, {@code ofRows} or {@code ofBytes}
     */
    public boolean isClassification() {
        return targets instanceof Labels;
    }

    /**
     * The height of a target column, which is the output size a network needs for this data:
     * the number of classes for classification, the number of real-valued outputs for regression.
     *
     * @return at least 1
     */
    public int targetSize() {
        return targets.rows();
    }

    /**
     * The number of classes (10 for MNIST).
     *
     * @return the height of a one-hot target column; labels are in [0, classes)
     * @throws IllegalStateException for a regression data set, which has no classes
     */
    public int classes() {
        return labels("classes").classes();
    }

    /**
     * Example {@code i}'s label.
     *
     * @param i 0-based example
     * @return the label, in [0, classes)
     * @throws IndexOutOfBoundsException if {@code i} is outside the data set
     * @throws IllegalStateException for a regression data set, which has no labels
     */
    public int label(int i) {
        Labels l = labels("labels");
        checkIndex(i);
        return l.labels()[offset + i];
    }

    /**
     * A copy of the labels.
     *
     * @return a fresh array of size() labels, in example order
     * @throws IllegalStateException for a regression data set, which has no labels
     */
    public int[] labels() {
        return java.util.Arrays.copyOfRange(labels("labels").labels(), offset, offset + size);
    }

    /**
     * The same examples with a larger number of classes (labels unchanged).
     *
     * @param newClasses at least {@link #classes()}
     * @return a data set sharing this one's storage
     * @throws IllegalArgumentException if {@code newClasses} is smaller than the current count
     * @throws IllegalStateException for a regression data set, which has no classes
     */
    public Dataset withClasses(int newClasses) {
        Labels l = labels("classes");
        if (newClasses < l.classes()) {
            throw new IllegalArgumentException("cannot shrink " + l.classes() + " classes to " + newClasses);
        }
        return new Dataset(features, new Labels(l.labels(), newClasses), offset, size, imageShape);
    }

    /** The labels, or the refusal a regression data set gives when asked for {@code what}. */
    private Labels labels(String what) {
        if (targets instanceof Labels l) {
            return l;
        }
        throw new IllegalStateException("this data set has real-valued targets (regression, " + targets.rows()
                + " per example), so it has no " + what + "; use targetSize() and target(i)");
    }

    /**
     * The same examples declared as images of {@code rows x columns} pixels stored row by row
     * (pixel (r, c) is feature {@code r * columns + c}, the IDX layout), which {@link #expanded()}
     * needs. Data from {@link Mnist#load} already knows its shape.
     *
     * @param rows    pixel rows per image, positive
     * @param columns pixel columns per image, positive
     * @return a data set sharing this one's storage
     * @throws IllegalArgumentException if {@code rows x columns} is not {@link #features()}
     */
    public Dataset asImages(int rows, int columns) {
        ImageShape shape = new ImageShape(rows, columns);
        if ((long) rows * columns != features.rows()) {
            throw new IllegalArgumentException("images of " + shape + " pixels have " + (long) rows * columns
                    + " features, but this data set has " + features.rows() + " per example");
        }
        return new Dataset(features, targets, offset, size, shape);
    }

    /**
     * The examples' image geometry.
     *
     * @return the shape given by {@link #asImages} or read from an IDX file; empty for other data
     */
    public Optional<ImageShape> imageShape() {
        return Optional.ofNullable(imageShape);
    }

    /**
     * The book's artificially expanded training data ({@code expand_mnist.py} in network3's code):
     * every image followed by four copies of it moved one pixel down, up, right and left, the row
     * or column moved in from outside the image being zero; the targets are repeated with them.
     * 50,000 MNIST images become 250,000. Example {@code 5i} is image {@code i} unchanged and
     * {@code 5i + 1} to {@code 5i + 4} are its four moves, in that order, the script's order before
     * its final unseeded {@code random.shuffle}, which is left out: training shuffles every epoch
     * from the experiment's seed, so a fixed order costs nothing and keeps the data one value.
     *
     * <p>The moved copies are computed each time an example is read, not stored: the expanded set
     * takes no more memory than this one (plus its repeated labels), where storing it would take
     * five times as much (196 MB of bytes for MNIST). Its {@link #fingerprint()} differs from this
     * set's, so an experiment recorded on one refuses the other.
     *
     * @return a data set of {@link #EXPANDED_COPIES} x {@code size()} examples, with this one's image shape
     * @throws IllegalStateException if this data set does not know its image shape: declare it with
     *         {@link #asImages(int, int)}
     * @throws ArithmeticException if five times the size does not fit an int
     */
    public Dataset expanded() {
        if (imageShape == null) {
            throw new IllegalStateException("expanding the data moves each image by a pixel, so it needs the images' shape;"
                    + " this data set has " + features.rows() + " features per example and no shape: declare it with"
                    + " asImages(rows, columns) (data read from IDX files knows its shape)");
        }
        return new Dataset(new ShiftedFeatures(features, offset, imageShape), targets.repeated(offset, size, EXPANDED_COPIES),
                0, Math.multiplyExact(size, EXPANDED_COPIES), imageShape);
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
        return new Dataset(features, targets, offset + from, to - from, imageShape);
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
     * Example {@code i}'s target as a column vector: one-hot for classification, the real
     * values for regression.
     *
     * @param i 0-based example
     * @return targetSize() x 1
     * @throws IndexOutOfBoundsException if {@code i} is outside the data set
     */
    public Matrix target(int i) {
        checkIndex(i);
        return targets(new int[] {i}, 0, 1);
    }

    /**
     * Examples {@code order[from..to)} as a mini-batch: inputs gathered column by column, and
     * targets: one-hot for classification, the real values for regression.
     *
     * @param order example indices, e.g. an epoch's shuffle
     * @param from  the first position in {@code order}
     * @param to    one past the last position; greater than {@code from}
     * @return a batch of {@code to - from} examples
     * @throws IndexOutOfBoundsException if a position or an index in {@code order} is out of range
     * @throws IllegalArgumentException if the range is empty (a batch is never empty)
     */
    public Batch batch(int[] order, int from, int to) {
        return new Batch(inputs(order, from, to), targets(order, from, to));
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
     * (to − from), column-major) and targets into {@code targets} (targetSize() x (to − from):
     * one-hot for classification, the real values for regression).
     * Lets a trainer reuse one buffer for every mini-batch instead of allocating each.
     *
     * @param order   example indices, e.g. an epoch's shuffle
     * @param from    the first position in {@code order}
     * @param to      one past the last position
     * @param inputs  receives the inputs in its first features x (to − from) elements
     * @param targetBuffer receives the targets in its first targetSize() x (to − from) elements
     * @throws IndexOutOfBoundsException if a position or an index in {@code order} is out of range
     * @throws IllegalArgumentException if a buffer is too small
     */
    public void gather(int[] order, int from, int to, double[] inputs, double[] targetBuffer) {
        int rows = features.rows();
        int height = targets.rows();
        int count = to - from;
        if (from < 0 || to > order.length || count < 0) {
            throw new IndexOutOfBoundsException("mini-batch " + from + ".." + to + " of an order of " + order.length);
        }
        if (inputs.length < rows * count || targetBuffer.length < height * count) {
            throw new IllegalArgumentException("buffers for " + count + " examples need " + rows * count + " inputs and "
                    + height * count + " targets, got " + inputs.length + " and " + targetBuffer.length);
        }
        for (int k = from; k < to; k++) {
            checkIndex(order[k]);
            features.copyColumn(offset + order[k], inputs, (k - from) * rows);
            targets.copyColumn(offset + order[k], targetBuffer, (k - from) * height);
        }
    }

    /**
     * The targets of examples {@code order[from..to)}, one column each.
     *
     * @param order example indices
     * @param from  the first position in {@code order}
     * @param to    one past the last position
     * @return targetSize() x (to − from): one-hot for classification, the real values for regression
     * @throws IndexOutOfBoundsException if a position or an index in {@code order} is out of range
     */
    public Matrix targets(int[] order, int from, int to) {
        int height = targets.rows();
        double[] out = new double[height * (to - from)];
        for (int k = from; k < to; k++) {
            checkIndex(order[k]);
            targets.copyColumn(offset + order[k], out, (k - from) * height);
        }
        return Matrix.fromColumnMajor(height, to - from, out);
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
     * SHA-256 over the shape, every input value (as the doubles training sees) and every label
     * or real-valued target: two datasets share a fingerprint exactly when training on them is
     * the same computation. A regression set never shares one with a classification set.
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

    /**
     * Classification: (features, size, classes), then per example its inputs and its label, the
     * layout of every fingerprint recorded so far. Regression: (features, size, −outputs), which
     * no classification header has, then per example its inputs and its targets.
     */
    private String computeFingerprint() {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            Labels labelled = targets instanceof Labels l ? l : null;
            int height = targets.rows();
            ByteBuffer header = ByteBuffer.allocate(12).putInt(features.rows()).putInt(size)
                    .putInt(labelled != null ? labelled.classes() : -height);
            sha.update(header.array());
            double[] column = new double[features.rows()];
            double[] target = new double[height];
            ByteBuffer buffer = ByteBuffer.allocate(column.length * Double.BYTES
                    + (labelled != null ? Integer.BYTES : height * Double.BYTES));
            for (int i = 0; i < size; i++) {
                features.copyColumn(offset + i, column, 0);
                buffer.clear();
                for (double v : column) {
                    buffer.putDouble(v);
                }
                if (labelled != null) {
                    buffer.putInt(labelled.labels()[offset + i]);
                } else {
                    targets.copyColumn(offset + i, target, 0);
                    for (double v : target) {
                        buffer.putDouble(v);
                    }
                }
                sha.update(buffer.array(), 0, buffer.position());
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }

    @Override
    public String toString() {
        return "Dataset(" + size + " examples, " + features.rows() + (features.rows() == 1 ? " feature, " : " features, ")
                + (targets instanceof Labels l
                ? l.classes() + " classes)" : targets.rows() + (targets.rows() == 1 ? " real-valued target)"
                : " real-valued targets)"));
    }

    /** Column-major storage of targets; implementations never change after construction. */
    private sealed interface Targets {
        /** The height of a target column. */
        int rows();

        /** Writes example {@code column}'s whole target column at {@code targetOffset}. */
        void copyColumn(int column, double[] target, int targetOffset);

        /** Examples {@code from .. from + count}, each {@code times} times in a row. */
        Targets repeated(int from, int count, int times);
    }

    /** Classification: one label per example; the one-hot column is made when asked for. */
    private record Labels(int[] labels, int classes) implements Targets {
        @Override
        public int rows() {
            return classes;
        }

        @Override
        public void copyColumn(int column, double[] target, int targetOffset) {
            java.util.Arrays.fill(target, targetOffset, targetOffset + classes, 0.0);
            target[targetOffset + labels[column]] = 1.0;
        }

        @Override
        public Labels repeated(int from, int count, int times) {
            int[] out = new int[Math.multiplyExact(count, times)];
            for (int i = 0; i < out.length; i++) {
                out[i] = labels[from + i / times];
            }
            return new Labels(out, classes);
        }
    }

    /** Regression: rows real values per example, column-major. */
    private record Reals(int rows, double[] values) implements Targets {
        @Override
        public void copyColumn(int column, double[] target, int targetOffset) {
            System.arraycopy(values, column * rows, target, targetOffset, rows);
        }

        @Override
        public Reals repeated(int from, int count, int times) {
            double[] out = new double[Math.multiplyExact(Math.multiplyExact(count, times), rows)];
            for (int i = 0; i < count * times; i++) {
                copyColumn(from + i / times, out, i * rows);
            }
            return new Reals(rows, out);
        }
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

    /**
     * {@link #expanded()}'s inputs: column {@code 5i + k} is {@code base}'s example
     * {@code offset + i} moved by the k-th {@link ImageShift}, made as it is read.
     */
    private record ShiftedFeatures(Features base, int offset, ImageShape shape) implements Features {
        private static final ImageShift[] SHIFTS = ImageShift.values();

        @Override
        public int rows() {
            return base.rows();
        }

        @Override
        public void copyColumn(int column, double[] target, int targetOffset) {
            base.copyColumn(offset + column / SHIFTS.length, target, targetOffset);
            SHIFTS[column % SHIFTS.length].apply(target, targetOffset, shape);
        }
    }
}
