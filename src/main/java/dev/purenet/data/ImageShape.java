package dev.purenet.data;

/**
 * The geometry of examples that are images: {@code rows x columns} pixels stored row by row, the
 * IDX layout, so pixel (r, c) is feature {@code r * columns + c}. Transformations that move
 * pixels ({@link Dataset#expanded()}) need it; a flat vector of features does not say it.
 *
 * @param rows    pixel rows per image, positive (28 for MNIST)
 * @param columns pixel columns per image, positive (28 for MNIST)
 */
public record ImageShape(int rows, int columns) {
    /**
     * Checks the sizes.
     *
     * @throws IllegalArgumentException if a size is not positive
     */
    public ImageShape {
        if (rows < 1 || columns < 1) {
            throw new IllegalArgumentException("an image needs at least one row and one column, got " + rows + "x" + columns);
        }
    }

    /**
     * The number of features one image has.
     *
     * @return rows x columns
     */
    public int pixels() {
        return Math.multiplyExact(rows, columns);
    }

    /** {@code 28x28}. */
    @Override
    public String toString() {
        return rows + "x" + columns;
    }
}
