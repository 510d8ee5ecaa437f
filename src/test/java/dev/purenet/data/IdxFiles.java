package dev.purenet.data;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/** Writes small IDX files for tests. */
final class IdxFiles {
    private IdxFiles() {}

    static byte[] images(int count, int rows, int cols, int seed) {
        ByteBuffer b = ByteBuffer.allocate(16 + count * rows * cols);
        b.putInt(0x00000803).putInt(count).putInt(rows).putInt(cols);
        for (int i = 0; i < count * rows * cols; i++) {
            b.put((byte) ((i * 31 + seed) & 0xFF));
        }
        return b.array();
    }

    static byte[] labels(int count, int classes) {
        ByteBuffer b = ByteBuffer.allocate(8 + count);
        b.putInt(0x00000801).putInt(count);
        for (int i = 0; i < count; i++) {
            b.put((byte) (i % classes));
        }
        return b.array();
    }

    static Path write(Path file, byte[] bytes) throws IOException {
        if (file.getFileName().toString().endsWith(".gz")) {
            ByteArrayOutputStream buffer = new ByteArrayOutputStream();
            try (OutputStream gz = new GZIPOutputStream(buffer)) {
                gz.write(bytes);
            }
            bytes = buffer.toByteArray();
        }
        return Files.write(file, bytes);
    }

    /** A complete MNIST-format directory with tiny 2x2 images; {@code gzip} compresses every file. */
    static void mnistDirectory(Path dir, int trainCount, int testCount, boolean gzip) throws IOException {
        String gz = gzip ? ".gz" : "";
        write(dir.resolve(Mnist.TRAIN_IMAGES + gz), images(trainCount, 2, 2, 1));
        write(dir.resolve(Mnist.TRAIN_LABELS + gz), labels(trainCount, 10));
        write(dir.resolve(Mnist.TEST_IMAGES + gz), images(testCount, 2, 2, 2));
        write(dir.resolve(Mnist.TEST_LABELS + gz), labels(testCount, 10));
    }
}
