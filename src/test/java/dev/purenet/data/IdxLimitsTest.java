package dev.purenet.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * IDX files past what can be read (review M2: the whole file was read before its header, so a
 * gzip bomb or a sparse 3 GB file ended in OutOfMemoryError), and the messages of L3: a header
 * whose sizes overflow, data files that are not regular files, permission denied.
 */
class IdxLimitsTest {
    @TempDir
    Path dir;

    private static byte[] header(int count, int rows, int cols) {
        return ByteBuffer.allocate(16).putInt(0x803).putInt(count).putInt(rows).putInt(cols).array();
    }

    private static byte[] gzip(byte[] bytes) throws IOException {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        try (OutputStream gz = new GZIPOutputStream(buffer)) {
            gz.write(bytes);
        }
        return buffer.toByteArray();
    }

    @Test
    void aGzipBombIsRefusedByItsHeaderBeforeInflating() throws IOException {
        // Concatenated gzip members: a header promising 4,000,000 28x28 images (3.1 GB), then
        // 48 members of 64 MB of zeros each, 3 GB inflated from about 3 MB on disk.
        Path bomb = dir.resolve("train-images-idx3-ubyte.gz");
        byte[] zeros = gzip(new byte[64 << 20]);
        try (OutputStream out = Files.newOutputStream(bomb)) {
            out.write(gzip(header(4_000_000, 28, 28)));
            for (int i = 0; i < 48; i++) {
                out.write(zeros);
            }
        }
        DataFormatException e = assertThrows(DataFormatException.class, () -> Idx.readImages(bomb));
        assertEquals(bomb + ": the header (4000000x28x28) promises 3136000000 data bytes, more than purenet can hold"
                + " (2147483639 bytes per file)", e.getMessage());
    }

    /** Found by the fuzzer: a gzip header promising 1.9 GB over 8 data bytes allocated all of it first. */
    @Test
    void aShortGzipStreamAllocatesWhatItHoldsNotWhatItsHeaderPromises() throws IOException {
        Path file = dir.resolve("train-images-idx3-ubyte.gz");
        byte[] data = {1, 2, 3, 4, 5, 6, 7, 8};
        try (OutputStream out = Files.newOutputStream(file)) {
            byte[] head = header(30_000, 250, 250);
            byte[] all = java.util.Arrays.copyOf(head, head.length + data.length);
            System.arraycopy(data, 0, all, head.length, data.length);
            out.write(gzip(all));
        }
        long before = usedHeap();
        DataFormatException e = assertThrows(DataFormatException.class, () -> Idx.readImages(file));
        assertEquals(file + ": the header (30000x250x250) promises 1875000000 data bytes after offset 16 but the decompressed"
                + " file has 8 (truncated)", e.getMessage());
        assertTrue(usedHeap() - before < 256L << 20, "allocated about what the stream held, not 1.9 GB");
    }

    private static long usedHeap() {
        Runtime r = Runtime.getRuntime();
        return r.totalMemory() - r.freeMemory();
    }

    @Test
    void aSparseFileIsRefusedByItsSizeBeforeReading() throws IOException {
        Path sparse = dir.resolve("train-images-idx3-ubyte");
        Files.write(sparse, header(1000, 28, 28));
        try (RandomAccessFile f = new RandomAccessFile(sparse.toFile(), "rw")) {
            f.setLength(3L << 30);
        }
        DataFormatException e = assertThrows(DataFormatException.class, () -> Idx.readImages(sparse));
        assertTrue(e.getMessage().startsWith(sparse + ": the header (1000x28x28) promises 784000 data bytes after offset 16 but"
                + " the file has 3221225456 (trailing bytes)"), e.getMessage());
    }

    @Test
    void sizesWhoseProductOverflowsAreNamed() throws IOException {
        Path file = Files.write(dir.resolve("images"), header(10112, 1 << 30, 1 << 30));
        DataFormatException e = assertThrows(DataFormatException.class, () -> Idx.readImages(file));
        assertEquals(file + ": the header (10112x1073741824x1073741824) promises more than 2^63 data bytes after offset 16"
                + " but the file has 0 (truncated)", e.getMessage());
        Path gz = Files.write(dir.resolve("images.gz"), gzip(header(10112, 1 << 30, 1 << 30)));
        e = assertThrows(DataFormatException.class, () -> Idx.readImages(gz));
        assertTrue(e.getMessage().startsWith(gz + ": the header (10112x1073741824x1073741824) promises more than 2^63 data"
                + " bytes, more than purenet can hold"), e.getMessage());
    }

    @Test
    void aGzipFileWithTrailingDataIsNamed() throws IOException {
        byte[] images = IdxFiles.images(3, 2, 2, 1);
        byte[] longer = java.util.Arrays.copyOf(images, images.length + 5);
        Path gz = Files.write(dir.resolve("x.gz"), gzip(longer));
        DataFormatException e = assertThrows(DataFormatException.class, () -> Idx.readImages(gz));
        assertEquals(gz + ": the header (3x2x2) promises 12 data bytes after offset 16 but the decompressed file has more"
                + " (trailing bytes)", e.getMessage());
        Path shorter = Files.write(dir.resolve("y.gz"), gzip(java.util.Arrays.copyOf(images, images.length - 2)));
        e = assertThrows(DataFormatException.class, () -> Idx.readImages(shorter));
        assertEquals(shorter + ": the header (3x2x2) promises 12 data bytes after offset 16 but the decompressed file has 10"
                + " (truncated)", e.getMessage());
    }

    @Test
    void dataFilesThatAreNotRegularFilesAreNamedAsSuch() throws Exception {
        Path data = Files.createDirectories(dir.resolve("data"));
        IdxFiles.mnistDirectory(data, 10_010, 10, false);
        Path test = data.resolve(Mnist.TEST_IMAGES);
        Files.delete(test);
        Files.createSymbolicLink(test, Path.of("/dev/zero")); // only looked at, never opened
        assertEquals(test + " is a character device (through a symbolic link), expected a regular MNIST-format IDX file",
                assertThrows(DataFormatException.class, () -> MnistFetch.loadOrFetch(data, m -> { })).getMessage());
        Files.delete(test);
        Files.createSymbolicLink(test, data.resolve("nowhere"));
        assertEquals(test + " is a symbolic link to a missing file, expected a regular MNIST-format IDX file",
                assertThrows(DataFormatException.class, () -> MnistFetch.loadOrFetch(data, m -> { })).getMessage());
        Files.delete(test);
        Files.createDirectory(test);
        assertEquals(test + " is a directory, expected a regular MNIST-format IDX file",
                assertThrows(DataFormatException.class, () -> Mnist.load(data)).getMessage());
        Files.delete(test);
        Process mkfifo = new ProcessBuilder("mkfifo", test.toString()).start();
        assumeTrue(mkfifo.waitFor() == 0, "mkfifo");
        assertEquals(test + " is a named pipe (FIFO), expected a regular MNIST-format IDX file",
                assertThrows(DataFormatException.class, () -> MnistFetch.loadOrFetch(data, m -> { })).getMessage());
    }

    @Test
    void permissionDeniedIsSaidInWords() {
        assertEquals("Permission denied", Idx.reason(new AccessDeniedException("/data/x")));
    }
}
