package dev.purenet.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * Reads the IDX format of the MNIST files: a 4-byte magic number (two zero bytes, a type byte,
 * the number of dimensions), one big-endian 32-bit size per dimension, then the data. Only
 * unsigned bytes (type 0x08) are accepted, which is what MNIST-format data sets use. A file
 * whose name ends in {@code .gz} is decompressed first.
 */
public final class Idx {
    private static final int UNSIGNED_BYTE = 0x08;

    private Idx() {}

    /**
     * Images: count x rows x columns unsigned bytes, image after image, row by row.
     *
     * @param count   the number of images (the first dimension)
     * @param rows    pixel rows per image (28 for MNIST)
     * @param columns pixel columns per image (28 for MNIST)
     * @param pixels  count x rows x columns bytes, to be read as unsigned
     */
    public record Images(int count, int rows, int columns, byte[] pixels) {
        /**
         * The number of pixels in one image.
         *
         * @return rows x columns (784 for MNIST)
         */
        public int pixelsPerImage() {
            return rows * columns;
        }
    }

    /**
     * Reads an IDX images file (3 dimensions: count, rows, columns).
     *
     * @param file the file, gzip-compressed if its name ends in {@code .gz}
     * @return the images
     * @throws DataFormatException if the magic number, a dimension or the length is wrong, or a
     *         gzip stream is incomplete; the message names the file and the field or offset
     * @throws java.io.UncheckedIOException if the file cannot be read
     */
    public static Images readImages(Path file) {
        byte[] bytes = readAll(file);
        int[] dims = header(file, bytes, 3, "images");
        return new Images(dims[0], dims[1], dims[2], body(file, bytes, dims));
    }

    /**
     * Labels: one unsigned byte per example.
     *
     * @param file an IDX labels file (1 dimension), gzip-compressed if its name ends in {@code .gz}
     * @return one label per example, each in [0, 255]
     * @throws DataFormatException if the magic number, the dimension or the length is wrong, or
     *         a gzip stream is incomplete; the message names the file and the field or offset
     * @throws java.io.UncheckedIOException if the file cannot be read
     */
    public static int[] readLabels(Path file) {
        byte[] bytes = readAll(file);
        int[] dims = header(file, bytes, 1, "labels");
        byte[] body = body(file, bytes, dims);
        int[] labels = new int[body.length];
        for (int i = 0; i < body.length; i++) {
            labels[i] = body[i] & 0xFF;
        }
        return labels;
    }

    private static byte[] readAll(Path file) {
        try (InputStream raw = Files.newInputStream(file)) {
            if (file.getFileName().toString().endsWith(".gz")) {
                try (InputStream gz = new GZIPInputStream(raw, 1 << 16)) {
                    return gz.readAllBytes();
                }
            }
            return raw.readAllBytes();
        } catch (java.util.zip.ZipException | java.io.EOFException e) {
            throw new DataFormatException(file + ": not a complete gzip stream (" + e.getMessage() + ")", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static int[] header(Path file, byte[] bytes, int expectedDims, String what) {
        if (bytes.length < 4) {
            throw new DataFormatException(file + ": too short for an IDX header, " + bytes.length + " bytes");
        }
        ByteBuffer in = ByteBuffer.wrap(bytes);
        int magic = in.getInt();
        int type = (magic >>> 8) & 0xFF;
        int dims = magic & 0xFF;
        if ((magic >>> 16) != 0 || type != UNSIGNED_BYTE || dims != expectedDims) {
            throw new DataFormatException(file + ": magic number at offset 0 is 0x" + hex(magic) + ", expected 0x"
                    + hex((UNSIGNED_BYTE << 8) | expectedDims) + " (IDX " + what + ": unsigned bytes, "
                    + expectedDims + (expectedDims == 1 ? " dimension)" : " dimensions)"));
        }
        if (bytes.length < 4 + 4 * dims) {
            throw new DataFormatException(file + ": truncated header, " + bytes.length + " bytes but " + dims
                    + " dimension sizes need " + (4 + 4 * dims));
        }
        int[] sizes = new int[dims];
        for (int d = 0; d < dims; d++) {
            sizes[d] = in.getInt();
            if (sizes[d] <= 0) {
                throw new DataFormatException(file + ": dimension " + d + " (offset " + (4 + 4 * d) + ") is "
                        + sizes[d] + ", expected a positive size");
            }
        }
        return sizes;
    }

    private static byte[] body(Path file, byte[] bytes, int[] dims) {
        long expected = 1;
        for (int d : dims) {
            expected *= d;
        }
        int headerLength = 4 + 4 * dims.length;
        long actual = bytes.length - (long) headerLength;
        if (actual != expected) {
            throw new DataFormatException(file + ": the header (" + shape(dims) + ") promises " + expected
                    + " data bytes after offset " + headerLength + " but the file has " + actual
                    + (actual < expected ? " (truncated)" : " (trailing bytes)"));
        }
        return java.util.Arrays.copyOfRange(bytes, headerLength, bytes.length);
    }

    private static String shape(int[] dims) {
        StringBuilder sb = new StringBuilder();
        for (int d = 0; d < dims.length; d++) {
            sb.append(d == 0 ? "" : "x").append(dims[d]);
        }
        return sb.toString();
    }

    private static String hex(int v) {
        String h = Integer.toHexString(v);
        return "0".repeat(8 - h.length()) + h;
    }
}
