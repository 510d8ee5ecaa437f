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
        Body body = read(file, 3, "images");
        return new Images(body.dims[0], body.dims[1], body.dims[2], body.bytes);
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
        byte[] body = read(file, 1, "labels").bytes;
        int[] labels = new int[body.length];
        for (int i = 0; i < body.length; i++) {
            labels[i] = body[i] & 0xFF;
        }
        return labels;
    }

    /** The largest array Java allocates. */
    private static final long MAX_ARRAY = Integer.MAX_VALUE - 8;

    private record Body(int[] dims, byte[] bytes) {}

    /**
     * The header first, then exactly the bytes it promises: a gzip bomb, a sparse file or
     * /dev/zero is refused (or runs out of memory naming the file) before it is inflated or read
     * whole, and the body is read into its final array without copies.
     */
    private static Body read(Path file, int expectedDims, String what) {
        boolean gzip = file.getFileName().toString().endsWith(".gz");
        try (InputStream raw = Files.newInputStream(file);
             InputStream in = gzip ? new GZIPInputStream(raw, 1 << 16) : new java.io.BufferedInputStream(raw, 1 << 16)) {
            byte[] head = in.readNBytes(4);
            if (head.length < 4) {
                throw new DataFormatException(file + ": too short for an IDX header, " + head.length + " bytes");
            }
            int magic = ByteBuffer.wrap(head).getInt();
            int type = (magic >>> 8) & 0xFF;
            int dims = magic & 0xFF;
            if ((magic >>> 16) != 0 || type != UNSIGNED_BYTE || dims != expectedDims) {
                throw new DataFormatException(file + ": magic number at offset 0 is 0x" + hex(magic) + ", expected 0x"
                        + hex((UNSIGNED_BYTE << 8) | expectedDims) + " (IDX " + what + ": unsigned bytes, "
                        + expectedDims + (expectedDims == 1 ? " dimension)" : " dimensions)"));
            }
            byte[] sizeBytes = in.readNBytes(4 * dims);
            if (sizeBytes.length < 4 * dims) {
                throw new DataFormatException(file + ": truncated header, " + (4 + sizeBytes.length) + " bytes but " + dims
                        + " dimension sizes need " + (4 + 4 * dims));
            }
            ByteBuffer header = ByteBuffer.wrap(sizeBytes);
            int[] sizes = new int[dims];
            long expected = 1;
            boolean overflow = false;
            for (int d = 0; d < dims; d++) {
                sizes[d] = header.getInt();
                if (sizes[d] <= 0) {
                    throw new DataFormatException(file + ": dimension " + d + " (offset " + (4 + 4 * d) + ") is "
                            + sizes[d] + ", expected a positive size");
                }
                if (!overflow && expected > Long.MAX_VALUE / sizes[d]) {
                    overflow = true;
                }
                expected = overflow ? Long.MAX_VALUE : expected * sizes[d];
            }
            int headerLength = 4 + 4 * dims;
            if (!gzip && Files.isRegularFile(file)) {
                long actual = Files.size(file) - headerLength;
                if (actual != expected) {
                    throw new DataFormatException(file + ": the header (" + shape(sizes) + ") promises "
                            + (overflow ? "more than 2^63" : Long.toString(expected)) + " data bytes after offset " + headerLength
                            + " but the file has " + actual + (actual < expected ? " (truncated)" : " (trailing bytes)"));
                }
            }
            if (expected > MAX_ARRAY) {
                throw new DataFormatException(file + ": the header (" + shape(sizes) + ") promises "
                        + (overflow ? "more than 2^63" : Long.toString(expected)) + " data bytes, more than purenet can hold ("
                        + MAX_ARRAY + " bytes per file)");
            }
            // A regular raw file has been checked to hold exactly the promised bytes, so its array is
            // allocated whole; a gzip stream or a pipe grows its array with what it really delivers,
            // so a header that promises gigabytes over a few bytes of data allocates a few bytes.
            boolean sizeKnown = !gzip && Files.isRegularFile(file);
            byte[] body = allocate(sizeKnown ? expected : Math.min(expected, 1 << 16), expected, file, sizes, what);
            int n = in.readNBytes(body, 0, body.length);
            while (!sizeKnown && n == body.length && n < expected) {
                byte[] grown = allocate(Math.min(expected, 2L * body.length), expected, file, sizes, what);
                System.arraycopy(body, 0, grown, 0, n);
                body = grown;
                n += in.readNBytes(body, n, body.length - n);
            }
            if (n < expected) {
                throw new DataFormatException(file + ": the header (" + shape(sizes) + ") promises " + expected
                        + " data bytes after offset " + headerLength + " but the " + (gzip ? "decompressed " : "") + "file has "
                        + n + " (truncated)");
            }
            if (in.read() != -1) {
                throw new DataFormatException(file + ": the header (" + shape(sizes) + ") promises " + expected
                        + " data bytes after offset " + headerLength + " but the " + (gzip ? "decompressed " : "")
                        + "file has more (trailing bytes)");
            }
            return new Body(sizes, body);
        } catch (java.util.zip.ZipException | java.io.EOFException e) {
            throw new DataFormatException(file + ": not a complete gzip stream (" + e.getMessage() + ")", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + reason(e), e);
        }
    }

    private static byte[] allocate(long length, long promised, Path file, int[] sizes, String what) {
        try {
            return new byte[(int) length];
        } catch (OutOfMemoryError e) {
            throw new OutOfMemoryError("reading " + file + ", whose header (" + shape(sizes) + ") promises "
                    + (promised >> 20) + " MB of " + what);
        }
    }

    /** Why an I/O operation failed, in words ("Permission denied", where Java's message is only the path). */
    static String reason(IOException e) {
        if (e instanceof java.nio.file.FileSystemException f) {
            if (f.getReason() != null) {
                return f.getReason();
            }
            if (e instanceof java.nio.file.AccessDeniedException) {
                return "Permission denied";
            }
            if (e instanceof java.nio.file.NoSuchFileException) {
                return "No such file or directory";
            }
        }
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
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
