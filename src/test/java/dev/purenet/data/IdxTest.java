package dev.purenet.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxTest {
    @TempDir
    Path dir;

    @Test
    void readsRawAndGzipImagesAlike() throws IOException {
        byte[] bytes = IdxFiles.images(3, 2, 4, 5);
        Idx.Images raw = Idx.readImages(IdxFiles.write(dir.resolve("a-idx3-ubyte"), bytes));
        Idx.Images gz = Idx.readImages(IdxFiles.write(dir.resolve("a-idx3-ubyte.gz"), bytes));
        assertEquals(3, raw.count());
        assertEquals(2, raw.rows());
        assertEquals(4, raw.columns());
        assertArrayEquals(Arrays.copyOfRange(bytes, 16, bytes.length), raw.pixels());
        assertArrayEquals(raw.pixels(), gz.pixels());
    }

    @Test
    void readsLabelsAsUnsignedBytes() throws IOException {
        byte[] bytes = ByteBuffer.allocate(11).putInt(0x801).putInt(3).put((byte) 7).put((byte) 0).put((byte) 200).array();
        assertArrayEquals(new int[] {7, 0, 200}, Idx.readLabels(IdxFiles.write(dir.resolve("l.gz"), bytes)));
    }

    private String failure(String name, byte[] bytes, boolean images) throws IOException {
        Path file = IdxFiles.write(dir.resolve(name), bytes);
        return assertThrows(DataFormatException.class, () -> {
            if (images) {
                Idx.readImages(file);
            } else {
                Idx.readLabels(file);
            }
        }).getMessage().replace(dir + "/", "");
    }

    @Test
    void rejectsAWrongMagicNumber() throws IOException {
        assertEquals("labels: magic number at offset 0 is 0x00000803, expected 0x00000801 (IDX labels: unsigned bytes, 1 dimension)",
                failure("labels", IdxFiles.images(2, 2, 2, 0), false));
        byte[] floats = IdxFiles.images(2, 2, 2, 0);
        floats[2] = 0x0D;
        assertEquals("images: magic number at offset 0 is 0x00000d03, expected 0x00000803 (IDX images: unsigned bytes, 3 dimensions)",
                failure("images", floats, true));
    }

    @Test
    void rejectsATruncatedFile() throws IOException {
        byte[] full = IdxFiles.images(3, 2, 2, 0);
        assertEquals("images: the header (3x2x2) promises 12 data bytes after offset 16 but the file has 11 (truncated)",
                failure("images", Arrays.copyOf(full, full.length - 1), true));
        assertEquals("short: truncated header, 10 bytes but 3 dimension sizes need 16",
                failure("short", Arrays.copyOf(full, 10), true));
        assertEquals("tiny: too short for an IDX header, 2 bytes", failure("tiny", new byte[2], true));
    }

    @Test
    void rejectsTrailingBytes() throws IOException {
        byte[] full = IdxFiles.labels(4, 10);
        assertEquals("labels: the header (4) promises 4 data bytes after offset 8 but the file has 5 (trailing bytes)",
                failure("labels", Arrays.copyOf(full, full.length + 1), false));
    }

    @Test
    void rejectsANonPositiveDimension() throws IOException {
        byte[] bytes = ByteBuffer.allocate(16).putInt(0x803).putInt(0).putInt(28).putInt(28).array();
        assertEquals("images: dimension 0 (offset 4) is 0, expected a positive size", failure("images", bytes, true));
    }

    @Test
    void rejectsABrokenGzipStream() throws IOException {
        Path file = IdxFiles.write(dir.resolve("labels.gz"), IdxFiles.labels(100, 10));
        byte[] compressed = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(compressed, compressed.length / 2));
        String message = assertThrows(DataFormatException.class, () -> Idx.readLabels(file)).getMessage();
        assertEquals(file + ": not a complete gzip stream", message.substring(0, message.indexOf(" (")));
    }
}
