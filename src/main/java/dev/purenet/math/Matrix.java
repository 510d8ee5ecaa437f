package dev.purenet.math;

import java.util.Arrays;
import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;
import org.jblas.NativeBlas;
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
 * <p>Equality is by shape and by the exact bits of every element, so two matrices are equal
 * exactly when a replayed computation reproduced them bit for bit.
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

    /** A matrix from row arrays, the way it is written on paper: {@code of(new double[][] {{1, 2}, {3, 4}})}. */
    public static Matrix of(double[][] rowArrays) {
        if (rowArrays.length == 0) {
            throw new IllegalArgumentException("a matrix needs at least one row, got 0 rows");
        }
        int cols = rowArrays[0].length;
        double[] data = new double[rowArrays.length * cols];
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

    /** A column vector (n x 1). */
    public static Matrix column(double... values) {
        return new Matrix(values.length, 1, values.clone());
    }

    /** A matrix from column-major data (element (i, j) at {@code i + j * rows}); the array is copied. */
    public static Matrix fromColumnMajor(int rows, int cols, double[] columnMajor) {
        checkShape(rows, cols);
        if (columnMajor.length != rows * cols) {
            throw new IllegalArgumentException(
                    "a " + rows + "x" + cols + " matrix needs " + rows * cols + " values, got " + columnMajor.length);
        }
        return new Matrix(rows, cols, columnMajor.clone());
    }

    public static Matrix zeros(int rows, int cols) {
        checkShape(rows, cols);
        return new Matrix(rows, cols, new double[rows * cols]);
    }

    /** Element (i, j) is {@code f.at(i, j)}; filled column by column. */
    public static Matrix generate(int rows, int cols, ElementFunction f) {
        checkShape(rows, cols);
        double[] data = new double[rows * cols];
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
        double at(int row, int col);
    }

    private static void checkShape(int rows, int cols) {
        if (rows < 0 || cols < 0) {
            throw new IllegalArgumentException("matrix dimensions must not be negative, got " + rows + "x" + cols);
        }
    }

    public int rows() {
        return rows;
    }

    public int cols() {
        return cols;
    }

    public String shape() {
        return rows + "x" + cols;
    }

    public double get(int row, int col) {
        if (row < 0 || row >= rows || col < 0 || col >= cols) {
            throw new IndexOutOfBoundsException("element (" + row + ", " + col + ") is outside a " + shape() + " matrix");
        }
        return data[row + col * rows];
    }

    /** A copy of the elements in column-major order. */
    public double[] toColumnMajorArray() {
        return data.clone();
    }

    /** A copy of the elements as row arrays. */
    public double[][] toRowArrays() {
        double[][] out = new double[rows][cols];
        for (int j = 0; j < cols; j++) {
            for (int i = 0; i < rows; i++) {
                out[i][j] = data[i + j * rows];
            }
        }
        return out;
    }

    /** Column {@code j} as an n x 1 matrix. */
    public Matrix column(int j) {
        if (j < 0 || j >= cols) {
            throw new IndexOutOfBoundsException("column " + j + " is outside a " + shape() + " matrix");
        }
        return new Matrix(rows, 1, Arrays.copyOfRange(data, j * rows, (j + 1) * rows));
    }

    /** The columns with the given indices, in that order (indices may repeat). */
    public Matrix columns(int[] indices) {
        double[] out = new double[rows * indices.length];
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

    /** The matrix product {@code this · other}. */
    public Matrix times(Matrix other) {
        requireInner("times", cols, other.rows, other);
        return gemm('N', 'N', rows, other.cols, cols, this, other, null);
    }

    /** {@code thisᵀ · other}, without forming the transpose. */
    public Matrix transposeTimes(Matrix other) {
        requireInner("transposeTimes", rows, other.rows, other);
        return gemm('T', 'N', cols, other.cols, rows, this, other, null);
    }

    /** {@code this · otherᵀ}, without forming the transpose. */
    public Matrix timesTranspose(Matrix other) {
        requireInner("timesTranspose", cols, other.cols, other);
        return gemm('N', 'T', rows, other.rows, cols, this, other, null);
    }

    /**
     * The affine map of a layer, {@code this · x + b} with the column {@code b} added to every
     * column of the product: one {@code dgemm} whose output starts as copies of {@code b}.
     */
    public Matrix timesPlusColumn(Matrix x, Matrix b) {
        requireInner("timesPlusColumn", cols, x.rows, x);
        requireColumnOfHeight(b, rows, "timesPlusColumn");
        double[] out = new double[rows * x.cols];
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
        NativeBlasProbe.ensureLoaded();
        double[] c = accumulate != null ? accumulate : new double[m * n];
        if (m == 0 || n == 0) {
            return new Matrix(m, n, c);
        }
        if (k == 0) {
            return new Matrix(m, n, c); // an empty sum: zeros, or the starting values
        }
        double beta = accumulate != null ? 1.0 : 0.0;
        NativeBlas.dgemm(ta, tb, m, n, k, 1.0, a.data, 0, Math.max(1, a.rows), b.data, 0, Math.max(1, b.rows),
                beta, c, 0, Math.max(1, m));
        return new Matrix(m, n, c);
    }

    // ---- element-wise ------------------------------------------------------------------------

    public Matrix plus(Matrix other) {
        return zip(other, "plus", Double::sum);
    }

    public Matrix minus(Matrix other) {
        return zip(other, "minus", (x, y) -> x - y);
    }

    /** The element-wise (Hadamard) product. */
    public Matrix hadamard(Matrix other) {
        return zip(other, "hadamard", (x, y) -> x * y);
    }

    /** {@code this + alpha · other}, element-wise (BLAS's axpy as a value). */
    public Matrix plusScaled(double alpha, Matrix other) {
        requireSameShape(other, "plusScaled");
        double[] out = new double[data.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = data[i] + alpha * other.data[i];
        }
        return new Matrix(rows, cols, out);
    }

    public Matrix scale(double factor) {
        return map(x -> x * factor);
    }

    public Matrix map(DoubleUnaryOperator f) {
        double[] out = new double[data.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = f.applyAsDouble(data[i]);
        }
        return new Matrix(rows, cols, out);
    }

    /** Combines matching elements of two matrices of the same shape. */
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

    /** Adds the column {@code column} to every column: the one explicit broadcast. */
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

    /** The sum of each row, as a column vector (rows x 1). */
    public Matrix rowSums() {
        double[] out = new double[rows];
        for (int j = 0; j < cols; j++) {
            for (int i = 0; i < rows; i++) {
                out[i] += data[i + j * rows];
            }
        }
        return new Matrix(rows, 1, out);
    }

    /** The sum of each column, as a row vector (1 x cols). */
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

    public double sum() {
        double s = 0;
        for (double x : data) {
            s += x;
        }
        return s;
    }

    /** The sum of squares of all elements (squared Frobenius norm). */
    public double squaredNorm() {
        double s = 0;
        for (double x : data) {
            s += x * x;
        }
        return s;
    }

    /** For each column, the row index of its largest element (the first one on ties). */
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

    public Matrix transpose() {
        double[] out = new double[data.length];
        for (int j = 0; j < cols; j++) {
            for (int i = 0; i < rows; i++) {
                out[j + i * cols] = data[i + j * rows];
            }
        }
        return new Matrix(cols, rows, out);
    }

    /** The largest absolute element-wise difference; shapes must match. */
    public double maxAbsDifference(Matrix other) {
        requireSameShape(other, "maxAbsDifference");
        double max = 0;
        for (int i = 0; i < data.length; i++) {
            max = Math.max(max, Math.abs(data[i] - other.data[i]));
        }
        return max;
    }

    /** True when no element is NaN or infinite. */
    public boolean isFinite() {
        return firstNonFinite() < 0;
    }

    /**
     * The column-major index of the first NaN or infinite element, or -1 when all are finite.
     * Use {@link #describeIndex} to turn it into a (row, column) for a message.
     */
    public int firstNonFinite() {
        for (int i = 0; i < data.length; i++) {
            if (!Double.isFinite(data[i])) {
                return i;
            }
        }
        return -1;
    }

    /** "(row, col) = value" for a column-major index, for error messages. */
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
