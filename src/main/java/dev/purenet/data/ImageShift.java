package dev.purenet.data;

/**
 * The copies {@code expand_mnist.py} (the book's network3 code) makes of each training image, in
 * the order it makes them: the image itself, then {@code np.roll} by one pixel along an axis with
 * the row or column that wrapped round set to zero. The order of the constants is that order;
 * {@link Dataset#expanded()} relies on it.
 */
enum ImageShift {
    /** The image unchanged. */
    NONE,
    /** {@code np.roll(image, 1, 0)}, then row 0 zeroed: every pixel one row down. */
    DOWN,
    /** {@code np.roll(image, -1, 0)}, then the last row zeroed: every pixel one row up. */
    UP,
    /** {@code np.roll(image, 1, 1)}, then column 0 zeroed: every pixel one column right. */
    RIGHT,
    /** {@code np.roll(image, -1, 1)}, then the last column zeroed: every pixel one column left. */
    LEFT;

    /**
     * Moves the image stored row by row at {@code values[offset ..]} in place. Overlapping
     * {@link System#arraycopy} copies as if through a temporary array, so no scratch is needed
     * and concurrent callers with their own buffers never share state.
     */
    void apply(double[] values, int offset, ImageShape shape) {
        int rows = shape.rows();
        int columns = shape.columns();
        int lastRow = offset + (rows - 1) * columns;
        switch (this) {
            case NONE -> { }
            case DOWN -> {
                System.arraycopy(values, offset, values, offset + columns, (rows - 1) * columns);
                java.util.Arrays.fill(values, offset, offset + columns, 0.0);
            }
            case UP -> {
                System.arraycopy(values, offset + columns, values, offset, (rows - 1) * columns);
                java.util.Arrays.fill(values, lastRow, lastRow + columns, 0.0);
            }
            case RIGHT -> {
                for (int row = offset; row <= lastRow; row += columns) {
                    System.arraycopy(values, row, values, row + 1, columns - 1);
                    values[row] = 0.0;
                }
            }
            case LEFT -> {
                for (int row = offset; row <= lastRow; row += columns) {
                    System.arraycopy(values, row + 1, values, row, columns - 1);
                    values[row + columns - 1] = 0.0;
                }
            }
        }
    }
}
