package dev.purenet.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;

/**
 * Reads the IDX format of the MNIST files: a 4-byte magic number (two zero bytes, a type byte,
 * the number of dimensions), one big-endian 32-bit size per dimension, then the data. Only
 * unsigned bytes (type 0x08) are accepted, which is what MNIST-format data sets use. A file
 * whose name ends in {@code .gz} is decompressed first; bytes in memory and streams are
 * decompressed when they start with gzip's magic bytes.
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
     * Reads IDX images from bytes in memory, raw or gzip-compressed (told apart by gzip's magic
     * bytes), with the checks of {@link #readImages(Path)}; messages call it {@value #BYTES}.
     *
     * @param bytes the whole IDX images file's content; not kept
     * @return the images
     * @throws DataFormatException if the magic number, a dimension or the length is wrong, or a
     *         gzip stream is incomplete
     */
    public static Images readImages(byte[] bytes) {
        Body body = read(new java.io.ByteArrayInputStream(bytes), BYTES, bytes.length, 3, "images");
        return new Images(body.dims[0], body.dims[1], body.dims[2], body.bytes);
    }

    /**
     * Reads IDX images from a stream (a class-path resource, an HTTP body, an archive entry), raw
     * or gzip-compressed (told apart by gzip's magic bytes), with the checks of
     * {@link #readImages(Path)}. Memory grows with the bytes that arrive, not with what the
     * header promises. The stream is read to its end and not closed.
     *
     * @param in     the stream, owned by the caller
     * @param source what to call the stream in error messages
     * @return the images
     * @throws DataFormatException if the magic number, a dimension or the length is wrong, or a
     *         gzip stream is incomplete; the message names {@code source} and the field or offset
     * @throws java.io.UncheckedIOException if the stream fails
     */
    public static Images readImages(InputStream in, String source) {
        Body body = read(in, source, -1, 3, "images");
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
        return unsigned(read(file, 1, "labels").bytes);
    }

    /**
     * Reads IDX labels from bytes in memory, raw or gzip-compressed (told apart by gzip's magic
     * bytes), with the checks of {@link #readLabels(Path)}; messages call it {@value #BYTES}.
     *
     * @param bytes the whole IDX labels file's content; not kept
     * @return one label per example, each in [0, 255]
     * @throws DataFormatException if the magic number, the dimension or the length is wrong, or
     *         a gzip stream is incomplete
     */
    public static int[] readLabels(byte[] bytes) {
        return unsigned(read(new java.io.ByteArrayInputStream(bytes), BYTES, bytes.length, 1, "labels").bytes);
    }

    /**
     * Reads IDX labels from a stream, raw or gzip-compressed (told apart by gzip's magic bytes),
     * with the checks of {@link #readLabels(Path)}. The stream is read to its end and not closed.
     *
     * @param in     the stream, owned by the caller
     * @param source what to call the stream in error messages
     * @return one label per example, each in [0, 255]
     * @throws DataFormatException if the magic number, the dimension or the length is wrong, or
     *         a gzip stream is incomplete; the message names {@code source} and the field or offset
     * @throws java.io.UncheckedIOException if the stream fails
     */
    public static int[] readLabels(InputStream in, String source) {
        return unsigned(read(in, source, -1, 1, "labels").bytes);
    }

    private static int[] unsigned(byte[] body) {
        int[] labels = new int[body.length];
        for (int i = 0; i < body.length; i++) {
            labels[i] = body[i] & 0xFF;
        }
        return labels;
    }

    /** The largest array Java allocates. */
    private static final long MAX_ARRAY = Integer.MAX_VALUE - 8;
    /** What messages call a byte array given to {@link #readImages(byte[])} or {@link #readLabels(byte[])}: {@value}. */
    public static final String BYTES = "<bytes>";
    /** The first chunk of a body read from a stream, whose length is not known in advance. */
    private static final int FIRST_CHUNK = 1 << 20;

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
            long size = !gzip && Files.isRegularFile(file) ? Files.size(file) : -1;
            // A regular raw file has been sized, so its body is allocated whole once the header
            // matches; a gzip file or a pipe grows its body with the bytes that really arrive.
            return body(in, file.toString(), "file", gzip, size, size < 0, expectedDims, what);
        } catch (java.util.zip.ZipException | java.io.EOFException e) {
            throw new DataFormatException(file + ": not a complete gzip stream (" + e.getMessage() + ")", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + reason(e), e);
        }
    }

    /**
     * IDX data from a stream whose length may be unknown: gzip when it starts with gzip's magic
     * bytes (1f 8b; IDX data starts with two zero bytes), raw otherwise. The body grows with the
     * bytes that actually arrive, so a header promising gigabytes costs memory only when the data
     * is there. The stream is read to its end and not closed.
     */
    private static Body read(InputStream source, String name, long rawSize, int expectedDims, String what) {
        try {
            java.io.BufferedInputStream buffered = new java.io.BufferedInputStream(source, 1 << 16);
            buffered.mark(2);
            boolean gzip = buffered.read() == 0x1f && buffered.read() == 0x8b;
            buffered.reset();
            InputStream in = gzip ? new GZIPInputStream(buffered, 1 << 16) : buffered;
            return body(in, name, "input", gzip, gzip ? -1 : rawSize, true, expectedDims, what);
        } catch (java.util.zip.ZipException | java.io.EOFException e) {
            throw new DataFormatException(name + ": not a complete gzip stream (" + e.getMessage() + ")", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + name + ": " + reason(e), e);
        }
    }

    /**
     * Reads and checks the header and the body from {@code in}, decompressed already.
     *
     * @param name    the source in messages
     * @param noun    "file" or "input", in messages
     * @param size    the raw size when known in advance, else -1
     * @param growing whether to grow the body as bytes arrive instead of allocating it at once
     */
    private static Body body(InputStream in, String name, String noun, boolean gzip, long size, boolean growing,
                             int expectedDims, String what) throws IOException {
        byte[] head = in.readNBytes(4);
        if (head.length < 4) {
            throw new DataFormatException(name + ": too short for an IDX header, " + head.length + " bytes");
        }
        int magic = ByteBuffer.wrap(head).getInt();
        int type = (magic >>> 8) & 0xFF;
        int dims = magic & 0xFF;
        if ((magic >>> 16) != 0 || type != UNSIGNED_BYTE || dims != expectedDims) {
            throw new DataFormatException(name + ": magic number at offset 0 is 0x" + hex(magic) + ", expected 0x"
                    + hex((UNSIGNED_BYTE << 8) | expectedDims) + " (IDX " + what + ": unsigned bytes, "
                    + expectedDims + (expectedDims == 1 ? " dimension)" : " dimensions)"));
        }
        byte[] sizeBytes = in.readNBytes(4 * dims);
        if (sizeBytes.length < 4 * dims) {
            throw new DataFormatException(name + ": truncated header, " + (4 + sizeBytes.length) + " bytes but " + dims
                    + " dimension sizes need " + (4 + 4 * dims));
        }
        ByteBuffer header = ByteBuffer.wrap(sizeBytes);
        int[] sizes = new int[dims];
        long expected = 1;
        boolean overflow = false;
        for (int d = 0; d < dims; d++) {
            sizes[d] = header.getInt();
            if (sizes[d] <= 0) {
                throw new DataFormatException(name + ": dimension " + d + " (offset " + (4 + 4 * d) + ") is "
                        + sizes[d] + ", expected a positive size");
            }
            if (!overflow && expected > Long.MAX_VALUE / sizes[d]) {
                overflow = true;
            }
            expected = overflow ? Long.MAX_VALUE : expected * sizes[d];
        }
        int headerLength = 4 + 4 * dims;
        if (size >= 0) {
            long actual = size - headerLength;
            if (actual != expected) {
                throw new DataFormatException(name + ": the header (" + shape(sizes) + ") promises "
                        + (overflow ? "more than 2^63" : Long.toString(expected)) + " data bytes after offset " + headerLength
                        + " but the " + noun + " has " + actual + (actual < expected ? " (truncated)" : " (trailing bytes)"));
            }
        }
        if (expected > MAX_ARRAY) {
            throw new DataFormatException(name + ": the header (" + shape(sizes) + ") promises "
                    + (overflow ? "more than 2^63" : Long.toString(expected)) + " data bytes, more than purenet can hold ("
                    + MAX_ARRAY + " bytes per " + noun + ")");
        }
        byte[] body;
        int n;
        try {
            if (growing) {
                body = new byte[(int) Math.min(expected, FIRST_CHUNK)];
                n = 0;
                while (n < expected) {
                    if (n == body.length) {
                        body = Arrays.copyOf(body, (int) Math.min(expected, 2L * body.length));
                    }
                    int read = in.read(body, n, body.length - n);
                    if (read < 0) {
                        break;
                    }
                    n += read;
                }
            } else {
                body = new byte[(int) expected];
                n = in.readNBytes(body, 0, body.length);
            }
        } catch (OutOfMemoryError e) {
            throw new OutOfMemoryError("reading " + name + ", whose header (" + shape(sizes) + ") promises "
                    + (expected >> 20) + " MB of " + what);
        }
        String decompressed = gzip ? "decompressed " : "";
        if (n < expected) {
            throw new DataFormatException(name + ": the header (" + shape(sizes) + ") promises " + expected
                    + " data bytes after offset " + headerLength + " but the " + decompressed + noun + " has "
                    + n + " (truncated)");
        }
        if (in.read() != -1) {
            throw new DataFormatException(name + ": the header (" + shape(sizes) + ") promises " + expected
                    + " data bytes after offset " + headerLength + " but the " + decompressed + noun
                    + " has more (trailing bytes)");
        }
        return new Body(sizes, body);
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
