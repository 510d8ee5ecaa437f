package dev.purenet.math;

import java.util.Arrays;
import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * An immutable, column-major matrix of doubles.
 *
 * <p>Construction copies the caller's array and accessors return copies, so a {@code Matrix}
 * can be shared freely. Every operation returns a new matrix and leaves its operands alone.
 * Nothing broadcasts implicitly: adding a column to every column of a matrix is the named
 * operation {@link #plusColumn}, and a 1x1 matrix is never treated as a scalar. Products go
 * through native BLAS ({@code dgemm}) with transpose flags instead of transposed copies.
 *
 * <p>Equality is by shape and by the bits of every element ({@link Arrays#equals(double[], double[])}:
 * 0.0 and -0.0 differ, all NaNs are alike), so two finite matrices are equal exactly when a
 * replayed computation reproduced them bit for bit.
 */
public final class Matrix {
    private static final int MAX_TO_STRING_ELEMENTS = 100;

    private final int rows;
    private final int cols;
    /** Column-major: element (i, j) is at {@code i + j * rows}. Never exposed, never mutated after construction. */
    private final double[] data;

    private Matrix(int rows, int cols, double[] data) {
        this.rows = rows;
        this.cols = cols;
        this.data = data;
    }

    /** Takes ownership of {@code data} without copying; only for arrays nobody else holds. */
    static Matrix wrap(int rows, int cols, double[] data) {
        return new Matrix(rows, cols, data);
    }

    /**
     * A matrix from row arrays, the way it is written on paper: {@code of(new double[][] {{1, 2}, {3, 4}})}.
     *
     * @param rowArrays one array per row, all of the same length; copied
     * @return a rowArrays.length x rowArrays[0].length matrix
     * @throws IllegalArgumentException if there are no rows, the rows differ in length, or there
     *         are more than {@link Integer#MAX_VALUE} elements
     */
    public static Matrix of(double[][] rowArrays) {
        if (rowArrays.length == 0) {
            throw new IllegalArgumentException("a matrix needs at least one row, got 0 rows");
        }
        int cols = rowArrays[0].length;
        double[] data = new double[size(rowArrays.length, cols)];
        for (int i = 0; i < rowArrays.length; i++) {
            if (rowArrays[i].length != cols) {
                throw new IllegalArgumentException(
                        "ragged rows: row 0 has " + cols + " columns but row " + i + " has " + rowArrays[i].length);
            }
            for (int j = 0; j < cols; j++) {
                data[i + j * rowArrays.length] = rowArrays[i][j];
            }
        }
        return new Matrix(rowArrays.length, cols, data);
    }

    /**
     * A column vector (n x 1).
     *
     * @param values the elements, top to bottom; copied
     * @return a values.length x 1 matrix
     */
    public static Matrix column(double... values) {
        return new Matrix(values.length, 1, values.clone());
    }

    /**
     * A matrix from column-major data (element (i, j) at {@code i + j * rows}); the array is copied.
     *
     * @param rows        the number of rows, not negative
     * @param cols        the number of columns, not negative
     * @param columnMajor exactly rows x cols values
     * @return the matrix
     * @throws IllegalArgumentException if a dimension is negative, rows x cols exceeds
     *         {@link Integer#MAX_VALUE}, or the length does not match
     */
    public static Matrix fromColumnMajor(int rows, int cols, double[] columnMajor) {
        int size = checkShape(rows, cols);
        if (columnMajor.length != size) {
            throw new IllegalArgumentException(
                    "a " + rows + "x" + cols + " matrix needs " + size + " values, got " + columnMajor.length);
        }
        return new Matrix(rows, cols, columnMajor.clone());
    }

    /**
     * A matrix of zeros.
     *
     * @param rows the number of rows, not negative
     * @param cols the number of columns, not negative
     * @return a rows x cols matrix with every element 0
     * @throws IllegalArgumentException if a dimension is negative or rows x cols exceeds
     *         {@link Integer#MAX_VALUE}
     */
    public static Matrix zeros(int rows, int cols) {
        return new Matrix(rows, cols, new double[checkShape(rows, cols)]);
    }

    /**
     * Element (i, j) is {@code f.at(i, j)}; filled column by column.
     *
     * @param rows the number of rows, not negative
     * @param cols the number of columns, not negative
     * @param f    called once per element, in column-major order
     * @return a rows x cols matrix
     * @throws IllegalArgumentException if a dimension is negative or rows x cols exceeds
     *         {@link Integer#MAX_VALUE}
     */
    public static Matrix generate(int rows, int cols, ElementFunction f) {
        double[] data = new double[checkShape(rows, cols)];
        for (int j = 0; j < cols; j++) {
            for (int i = 0; i < rows; i++) {
                data[i + j * rows] = f.at(i, j);
            }
        }
        return new Matrix(rows, cols, data);
    }

    /** The value of element (i, j) of a matrix being generated. */
    @FunctionalInterface
    public interface ElementFunction {
        /**
         * The element at ({@code row}, {@code col}).
         *
         * @param row 0-based row
         * @param col 0-based column
         * @return the element's value
         */
        double at(int row, int col);
    }

    /** Validates a shape and returns its element count. */
    private static int checkShape(int rows, int cols) {
        if (rows < 0 || cols < 0) {
            throw new IllegalArgumentException("matrix dimensions must not be negative, got " + rows + "x" + cols);
        }
        return size(rows, cols);
    }

    /**
     * rows x cols as an array length; a product that does not fit an int is refused here instead
     * of wrapping around (a wrapped size gave native BLAS a too-short array: a JVM crash).
     */
    private static int size(int rows, int cols) {
        try {
            return Math.multiplyExact(rows, cols);
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("a " + rows + "x" + cols + " matrix has " + (long) rows * cols
                    + " elements, more than a Java array holds (" + Integer.MAX_VALUE + ")", e);
        }
    }

    /**
     * Rows of the matrix (the number of outputs for a weight matrix).
     *
     * @return the row count, possibly 0
     */
    public int rows() {
        return rows;
    }

    /**
     * Columns of the matrix (the number of examples for a batch, of inputs for a weight matrix).
     *
     * @return the column count, possibly 0
     */
    public int cols() {
        return cols;
    }

    /**
     * The shape, for messages.
     *
     * @return rows x cols, e.g. {@code "30x784"}
     */
    public String shape() {
        return rows + "x" + cols;
    }

    /**
     * One element.
     *
     * @param row 0-based row
     * @param col 0-based column
     * @return element ({@code row}, {@code col})
     * @throws IndexOutOfBoundsException if the position is outside the matrix
     */
    public double get(int row, int col) {
        if (row < 0 || row >= rows || col < 0 || col >= cols) {
            throw new IndexOutOfBoundsException("element (" + row + ", " + col + ") is outside a " + shape() + " matrix");
        }
        return data[row + col * rows];
    }

    /**
     * A copy of the elements in column-major order.
     *
     * @return a fresh array of rows x cols values, element (i, j) at {@code i + j * rows}
     */
    public double[] toColumnMajorArray() {
        return data.clone();
    }

    /**
     * A copy of the elements as row arrays.
     *
     * @return fresh arrays, {@code [row][col]}
     */
    public double[][] toRowArrays() {
        double[][] out = new double[rows][cols];
        for (int j = 0; j < cols; j++) {
            for (int i = 0; i < rows; i++) {
                out[i][j] = data[i + j * rows];
            }
        }
        return out;
    }

    /**
     * Column {@code j} as an n x 1 matrix.
     *
     * @param j 0-based column
     * @return a rows x 1 copy of the column
     * @throws IndexOutOfBoundsException if {@code j} is outside the matrix
     */
    public Matrix column(int j) {
        if (j < 0 || j >= cols) {
            throw new IndexOutOfBoundsException("column " + j + " is outside a " + shape() + " matrix");
        }
        return new Matrix(rows, 1, Arrays.copyOfRange(data, j * rows, (j + 1) * rows));
    }

    /**
     * The columns with the given indices, in that order (indices may repeat).
     *
     * @param indices 0-based columns
     * @return a rows x indices.length matrix
     * @throws IndexOutOfBoundsException if an index is outside the matrix
     */
    public Matrix columns(int[] indices) {
        double[] out = new double[size(rows, indices.length)];
        for (int k = 0; k < indices.length; k++) {
            int j = indices[k];
            if (j < 0 || j >= cols) {
                throw new IndexOutOfBoundsException("column " + j + " is outside a " + shape() + " matrix");
            }
            System.arraycopy(data, j * rows, out, k * rows, rows);
        }
        return new Matrix(rows, indices.length, out);
    }

    // ---- products (native BLAS) -------------------------------------------------------------

    /**
     * The matrix product {@code this · other}.
     *
     * @param other a cols x n matrix
     * @return a rows x n matrix
     * @throws IllegalArgumentException if the shapes do not chain or the result would have more
     *         than {@link Integer#MAX_VALUE} elements
     * @throws NativeLibraryException if native BLAS cannot be loaded
     */
    public Matrix times(Matrix other) {
        requireInner("times", cols, other.rows, other);
        return gemm('N', 'N', rows, other.cols, cols, this, other, null);
    }

    /**
     * {@code thisᵀ · other}, without forming the transpose.
     *
     * @param other a rows x n matrix
     * @return a cols x n matrix
     * @throws IllegalArgumentException if the shapes do not chain or the result would have more
     *         than {@link Integer#MAX_VALUE} elements
     * @throws NativeLibraryException if native BLAS cannot be loaded
     */
    public Matrix transposeTimes(Matrix other) {
        requireInner("transposeTimes", rows, other.rows, other);
        return gemm('T', 'N', cols, other.cols, rows, this, other, null);
    }

    /**
     * {@code this · otherᵀ}, without forming the transpose.
     *
     * @param other an n x cols matrix
     * @return a rows x n matrix
     * @throws IllegalArgumentException if the shapes do not chain or the result would have more
     *         than {@link Integer#MAX_VALUE} elements
     * @throws NativeLibraryException if native BLAS cannot be loaded
     */
    public Matrix timesTranspose(Matrix other) {
        requireInner("timesTranspose", cols, other.cols, other);
        return gemm('N', 'T', rows, other.rows, cols, this, other, null);
    }

    /**
     * The affine map of a layer, {@code this · x + b} with the column {@code b} added to every
     * column of the product: one {@code dgemm} whose output starts as copies of {@code b}.
     *
     * @param x a cols x n matrix (the inputs, one column per example)
     * @param b a rows x 1 column (the biases)
     * @return a rows x n matrix
     * @throws IllegalArgumentException if the shapes do not chain or {@code b} is not a column
     *         of height rows
     * @throws NativeLibraryException if native BLAS cannot be loaded
     */
    public Matrix timesPlusColumn(Matrix x, Matrix b) {
        requireInner("timesPlusColumn", cols, x.rows, x);
        requireColumnOfHeight(b, rows, "timesPlusColumn");
        double[] out = new double[size(rows, x.cols)];
        for (int j = 0; j < x.cols; j++) {
            System.arraycopy(b.data, 0, out, j * rows, rows);
        }
        return gemm('N', 'N', rows, x.cols, cols, this, x, out);
    }

    private void requireInner(String op, int left, int right, Matrix other) {
        if (left != right) {
            throw new IllegalArgumentException(
                    op + ": shapes " + shape() + " and " + other.shape() + " do not chain (" + left + " != " + right + ")");
        }
    }

    /** C = op(a)·op(b) (+ C when {@code accumulate} holds the starting values). */
    private static Matrix gemm(char ta, char tb, int m, int n, int k, Matrix a, Matrix b, double @Nullable [] accumulate) {
        double[] c = accumulate != null ? accumulate : new double[size(m, n)];
        Blas.gemm(ta == 'T', tb == 'T', m, n, k, 1.0, a.data, Math.max(1, a.rows), b.data, Math.max(1, b.rows),
                accumulate != null ? 1.0 : 0.0, c, Math.max(1, m));
        return new Matrix(m, n, c);
    }

    // ---- element-wise ------------------------------------------------------------------------

    /**
     * The element-wise sum.
     *
     * @param other a matrix of the same shape
     * @return {@code this + other}
     * @throws IllegalArgumentException if the shapes differ
     */
    public Matrix plus(Matrix other) {
        return zip(other, "plus", Double::sum);
    }

    /**
     * The element-wise difference.
     *
     * @param other a matrix of the same shape
     * @return {@code this - other}
     * @throws IllegalArgumentException if the shapes differ
     */
    public Matrix minus(Matrix other) {
        return zip(other, "minus", (x, y) -> x - y);
    }

    /**
     * The element-wise (Hadamard) product.
     *
     * @param other a matrix of the same shape
     * @return {@code this ⊙ other}
     * @throws IllegalArgumentException if the shapes differ
     */
    public Matrix hadamard(Matrix other) {
        return zip(other, "hadamard", (x, y) -> x * y);
    }

    /**
     * {@code this + alpha · other}, element-wise (BLAS's axpy as a value).
     *
     * @param alpha the factor on {@code other}, e.g. −η/m for a gradient step
     * @param other a matrix of the same shape
     * @return {@code this + alpha · other}
     * @throws IllegalArgumentException if the shapes differ
     */
    public Matrix plusScaled(double alpha, Matrix other) {
        requireSameShape(other, "plusScaled");
        double[] out = new double[data.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = data[i] + alpha * other.data[i];
        }
        return new Matrix(rows, cols, out);
    }

    /**
     * Every element times {@code factor}.
     *
     * @param factor the scalar
     * @return {@code factor · this}
     */
    public Matrix scale(double factor) {
        return map(x -> x * factor);
    }

    /**
     * {@code f} applied to every element.
     *
     * @param f the element function, called once per element in column-major order
     * @return a matrix of the same shape
     */
    public Matrix map(DoubleUnaryOperator f) {
        double[] out = new double[data.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = f.applyAsDouble(data[i]);
        }
        return new Matrix(rows, cols, out);
    }

    /**
     * Combines matching elements of two matrices of the same shape.
     *
     * @param other a matrix of the same shape
     * @param f     called as {@code f(this(i, j), other(i, j))}
     * @return a matrix of the same shape
     * @throws IllegalArgumentException if the shapes differ
     */
    public Matrix zip(Matrix other, DoubleBinaryOperator f) {
        return zip(other, "zip", f);
    }

    private Matrix zip(Matrix other, String operation, DoubleBinaryOperator f) {
        requireSameShape(other, operation);
        double[] out = new double[data.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = f.applyAsDouble(data[i], other.data[i]);
        }
        return new Matrix(rows, cols, out);
    }

    /**
     * Adds the column {@code column} to every column: the one explicit broadcast.
     *
     * @param column a rows x 1 matrix
     * @return a matrix of this shape
     * @throws IllegalArgumentException if {@code column} is not a column of height rows
     */
    public Matrix plusColumn(Matrix column) {
        requireColumnOfHeight(column, rows, "plusColumn");
        double[] out = new double[data.length];
        for (int j = 0; j < cols; j++) {
            for (int i = 0; i < rows; i++) {
                out[i + j * rows] = data[i + j * rows] + column.data[i];
            }
        }
        return new Matrix(rows, cols, out);
    }

    /**
     * The sum of each row, as a column vector (rows x 1).
     *
     * @return rows x 1; for δ with one column per example, the bias gradient
     */
    public Matrix rowSums() {
        double[] out = new double[rows];
        for (int j = 0; j < cols; j++) {
            for (int i = 0; i < rows; i++) {
                out[i] += data[i + j * rows];
            }
        }
        return new Matrix(rows, 1, out);
    }

    /**
     * The sum of each column, as a row vector (1 x cols).
     *
     * @return 1 x cols
     */
    public Matrix columnSums() {
        double[] out = new double[cols];
        for (int j = 0; j < cols; j++) {
            double s = 0;
            for (int i = 0; i < rows; i++) {
                s += data[i + j * rows];
            }
            out[j] = s;
        }
        return new Matrix(1, cols, out);
    }

    /**
     * The sum of all elements.
     *
     * @return the sum, 0 for an empty matrix
     */
    public double sum() {
        double s = 0;
        for (double x : data) {
            s += x;
        }
        return s;
    }

    /**
     * The sum of squares of all elements (squared Frobenius norm).
     *
     * @return ‖this‖², 0 for an empty matrix
     */
    public double squaredNorm() {
        double s = 0;
        for (double x : data) {
            s += x * x;
        }
        return s;
    }

    /**
     * For each column, the row index of its largest element (the first one on ties).
     *
     * @return cols indices, each 0-based; a network's predicted classes for an output matrix
     */
    public int[] argmaxPerColumn() {
        int[] out = new int[cols];
        for (int j = 0; j < cols; j++) {
            int best = 0;
            for (int i = 1; i < rows; i++) {
                if (data[i + j * rows] > data[best + j * rows]) {
                    best = i;
                }
            }
            out[j] = best;
        }
        return out;
    }

    /**
     * The transpose, as a new cols x rows matrix. Products need not call it: see
     * {@link #transposeTimes} and {@link #timesTranspose}.
     *
     * @return {@code thisᵀ}
     */
    public Matrix transpose() {
        double[] out = new double[data.length];
        for (int j = 0; j < cols; j++) {
            for (int i = 0; i < rows; i++) {
                out[j + i * cols] = data[i + j * rows];
            }
        }
        return new Matrix(cols, rows, out);
    }

    /**
     * The largest absolute element-wise difference; shapes must match.
     *
     * @param other a matrix of the same shape
     * @return max |this(i, j) − other(i, j)|, 0 for empty matrices, NaN if a difference is NaN
     * @throws IllegalArgumentException if the shapes differ
     */
    public double maxAbsDifference(Matrix other) {
        requireSameShape(other, "maxAbsDifference");
        double max = 0;
        for (int i = 0; i < data.length; i++) {
            max = Math.max(max, Math.abs(data[i] - other.data[i]));
        }
        return max;
    }

    /**
     * True when no element is NaN or infinite.
     *
     * @return whether every element is finite
     */
    public boolean isFinite() {
        return firstNonFinite() < 0;
    }

    /**
     * The column-major index of the first NaN or infinite element, or -1 when all are finite.
     * Use {@link #describeIndex} to turn it into a (row, column) for a message.
     *
     * @return a column-major index, or -1
     */
    public int firstNonFinite() {
        for (int i = 0; i < data.length; i++) {
            if (!Double.isFinite(data[i])) {
                return i;
            }
        }
        return -1;
    }

    /**
     * "(row, col) = value" for a column-major index, for error messages.
     *
     * @param columnMajorIndex an index into the elements, as {@link #firstNonFinite()} returns
     * @return e.g. {@code "(3, 0) = NaN"}
     */
    public String describeIndex(int columnMajorIndex) {
        return "(" + columnMajorIndex % rows + ", " + columnMajorIndex / rows + ") = " + data[columnMajorIndex];
    }

    private void requireSameShape(Matrix other, String operation) {
        if (rows != other.rows || cols != other.cols) {
            throw new IllegalArgumentException(
                    operation + ": shapes differ, " + shape() + " and " + other.shape());
        }
    }

    private static void requireColumnOfHeight(Matrix column, int height, String operation) {
        if (column.cols != 1 || column.rows != height) {
            throw new IllegalArgumentException(
                    operation + ": expected a " + height + "x1 column, got " + column.shape());
        }
    }

    /** Package access for fused kernels in this package; callers must not mutate it. */
    double[] data() {
        return data;
    }

    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof Matrix m && rows == m.rows && cols == m.cols && Arrays.equals(data, m.data);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * rows + cols) + Arrays.hashCode(data);
    }

    /** The shape, then the rows for matrices of up to 100 elements. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("Matrix ").append(shape());
        if (data.length > MAX_TO_STRING_ELEMENTS) {
            return sb.toString();
        }
        for (int i = 0; i < rows; i++) {
            sb.append(i == 0 ? " [" : "; ");
            for (int j = 0; j < cols; j++) {
                if (j > 0) {
                    sb.append(", ");
                }
                sb.append(data[i + j * rows]);
            }
        }
        return sb.append(rows > 0 ? "]" : "").toString();
    }
}
