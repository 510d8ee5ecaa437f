package dev.purenet.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** IDX data from bytes in memory and from streams, raw or gzip told apart by their first bytes, with the file's checks. */
class IdxStreamsTest {
    @TempDir
    Path dir;

    private static byte[] gzip(byte[] bytes) throws IOException {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        try (OutputStream gz = new GZIPOutputStream(buffer)) {
            gz.write(bytes);
        }
        return buffer.toByteArray();
    }

    /** A stream that remembers whether it was closed. */
    private static final class Watched extends ByteArrayInputStream {
        boolean closed;

        Watched(byte[] bytes) {
            super(bytes);
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    @Test
    void bytesAndStreamsRawOrGzipReadAsTheFileDoes() throws IOException {
        byte[] bytes = IdxFiles.images(3, 2, 4, 5);
        Idx.Images file = Idx.readImages(IdxFiles.write(dir.resolve("a-idx3-ubyte"), bytes));
        for (byte[] content : new byte[][] {bytes, gzip(bytes)}) {
            Idx.Images fromBytes = Idx.readImages(content);
            Watched stream = new Watched(content);
            Idx.Images fromStream = Idx.readImages(stream, "a resource");
            assertFalse(stream.closed, "the caller's stream is left open");
            for (Idx.Images images : new Idx.Images[] {fromBytes, fromStream}) {
                assertEquals(file.count(), images.count());
                assertEquals(file.rows(), images.rows());
                assertEquals(file.columns(), images.columns());
                assertArrayEquals(file.pixels(), images.pixels());
            }
        }
        byte[] labels = ByteBuffer.allocate(11).putInt(0x801).putInt(3).put((byte) 7).put((byte) 0).put((byte) 200).array();
        assertArrayEquals(new int[] {7, 0, 200}, Idx.readLabels(labels));
        assertArrayEquals(new int[] {7, 0, 200}, Idx.readLabels(gzip(labels)));
        assertArrayEquals(new int[] {7, 0, 200}, Idx.readLabels(new ByteArrayInputStream(gzip(labels)), "labels"));
    }

    @Test
    void aDatasetComesFromStreamsAsFromFiles() throws IOException {
        Idx.Images images = Idx.readImages(new ByteArrayInputStream(gzip(IdxFiles.images(4, 2, 2, 1))), "images");
        int[] labels = Idx.readLabels(new ByteArrayInputStream(IdxFiles.labels(4, 3)), "labels");
        Dataset data = Dataset.ofBytes(images.pixelsPerImage(), images.pixels(), labels, 3);
        assertEquals("Dataset(4 examples, 4 features, 3 classes)", data.toString());
    }

    @Test
    void theFilesChecksNameTheBytesOrTheStream() throws IOException {
        byte[] full = IdxFiles.images(3, 2, 2, 0);
        assertEquals("<bytes>: magic number at offset 0 is 0x00000803, expected 0x00000801 (IDX labels: unsigned bytes, 1 dimension)",
                assertThrows(DataFormatException.class, () -> Idx.readLabels(full)).getMessage());
        byte[] shorter = Arrays.copyOf(full, full.length - 1);
        assertEquals("<bytes>: the header (3x2x2) promises 12 data bytes after offset 16 but the input has 11 (truncated)",
                assertThrows(DataFormatException.class, () -> Idx.readImages(shorter)).getMessage());
        assertEquals("in: the header (3x2x2) promises 12 data bytes after offset 16 but the input has 11 (truncated)",
                assertThrows(DataFormatException.class, () -> Idx.readImages(new ByteArrayInputStream(shorter), "in"))
                        .getMessage());
        assertEquals("<bytes>: the header (3x2x2) promises 12 data bytes after offset 16 but the decompressed input has 11"
                + " (truncated)", assertThrows(DataFormatException.class, () -> Idx.readImages(gzip(shorter))).getMessage());
        byte[] longer = Arrays.copyOf(full, full.length + 1);
        assertEquals("in: the header (3x2x2) promises 12 data bytes after offset 16 but the input has more (trailing bytes)",
                assertThrows(DataFormatException.class, () -> Idx.readImages(new ByteArrayInputStream(longer), "in"))
                        .getMessage());
        assertEquals("<bytes>: too short for an IDX header, 2 bytes",
                assertThrows(DataFormatException.class, () -> Idx.readImages(new byte[2])).getMessage());
        byte[] compressed = gzip(IdxFiles.labels(100, 10));
        String broken = assertThrows(DataFormatException.class,
                () -> Idx.readLabels(Arrays.copyOf(compressed, compressed.length / 2))).getMessage();
        assertTrue(broken.startsWith("<bytes>: not a complete gzip stream ("), broken);
    }

    @Test
    void aStreamsHeaderCostsMemoryOnlyForTheBytesThatArrive() {
        // 2,000,000,000 promised bytes, 10 delivered: refused as truncated without allocating the promise.
        byte[] liar = ByteBuffer.allocate(16 + 10).putInt(0x803).putInt(2_000_000).putInt(1000).putInt(1).array();
        assertEquals("net: the header (2000000x1000x1) promises 2000000000 data bytes after offset 16 but the input has 10"
                + " (truncated)", assertThrows(DataFormatException.class,
                () -> Idx.readImages(new ByteArrayInputStream(liar), "net")).getMessage());
        byte[] huge = ByteBuffer.allocate(16).putInt(0x803).putInt(4_000_000).putInt(28).putInt(28).array();
        assertEquals("net: the header (4000000x28x28) promises 3136000000 data bytes, more than purenet can hold (2147483639"
                + " bytes per input)", assertThrows(DataFormatException.class,
                () -> Idx.readImages(new ByteArrayInputStream(huge), "net")).getMessage());
    }

    @Test
    void aFailingStreamIsAnUncheckedIoErrorNamingIt() {
        InputStream broken = new InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException("Connection reset");
            }
        };
        assertEquals("cannot read https://example.org/t10k: Connection reset",
                assertThrows(UncheckedIOException.class, () -> Idx.readLabels(broken, "https://example.org/t10k")).getMessage());
    }

    @Test
    void filesKeepTheirMessages() throws IOException {
        Path file = IdxFiles.write(dir.resolve("images"), Arrays.copyOf(IdxFiles.images(3, 2, 2, 0), 27));
        assertEquals(file + ": the header (3x2x2) promises 12 data bytes after offset 16 but the file has 11 (truncated)",
                assertThrows(DataFormatException.class, () -> Idx.readImages(file)).getMessage());
        assertTrue(Files.exists(file));
    }
}
