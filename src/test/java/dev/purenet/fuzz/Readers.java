package dev.purenet.fuzz;

import dev.purenet.data.DataFormatException;
import dev.purenet.data.Idx;
import dev.purenet.data.Mnist;
import dev.purenet.io.Experiments;
import dev.purenet.io.Network2Format;
import dev.purenet.io.SnapshotException;
import dev.purenet.io.Snapshots;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;

/**
 * Every purenet reader, and the contract they share: any bytes either load, or raise the
 * reader's documented exception ({@link DataFormatException} for IDX data,
 * {@link SnapshotException} for JSON) with a non-empty message. Anything else thrown, an
 * {@link Error} included, breaks the contract.
 *
 * <p>An input is one selector byte (which reader, modulo {@link #COUNT}) followed by the file's bytes.
 */
final class Readers {
    /** The readers, in selector order. */
    enum Reader {
        IDX_IMAGES, IDX_LABELS, IDX_IMAGES_GZIP, IDX_LABELS_GZIP, MNIST_TEST_LABELS,
        NETWORK_JSON, RUN_SNAPSHOT, EXPERIMENT_JSON, NETWORK2_JSON,
        // Appended, so that the selector bytes of the saved inputs above keep their readers.
        IDX_IMAGES_BYTES, IDX_LABELS_STREAM, NETWORK_STRING, RUN_SNAPSHOT_STRING, EXPERIMENT_STREAM
    }

    static final int COUNT = Reader.values().length;

    /** An input that takes longer than this to read is a hang. */
    static final int TIMEOUT_SECONDS = 10;

    /** Reads run here, so that a hang is caught by a timeout instead of stopping the fuzzer. */
    private static final ExecutorService READER = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "purenet-fuzz-reader");
        t.setDaemon(true);
        return t;
    });

    private Readers() {}

    /** The reader an input selects. */
    static Reader selected(byte[] input) {
        return Reader.values()[input.length == 0 ? 0 : Math.floorMod(input[0], COUNT)];
    }

    /** The file content of an input. */
    static byte[] content(byte[] input) {
        return input.length == 0 ? input : java.util.Arrays.copyOfRange(input, 1, input.length);
    }

    /** An input for {@code reader} holding {@code content}. */
    static byte[] input(Reader reader, byte[] content) {
        byte[] input = new byte[content.length + 1];
        input[0] = (byte) reader.ordinal();
        System.arraycopy(content, 0, input, 1, content.length);
        return input;
    }

    /**
     * Runs the selected reader on the input in a fresh temporary directory.
     *
     * @throws AssertionError if the reader broke the contract (the cause is what it threw)
     */
    static void check(byte[] input) {
        Reader reader = selected(input);
        byte[] content = content(input);
        Path dir;
        try {
            dir = Files.createTempDirectory("purenet-fuzz");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            Future<?> read = READER.submit(() -> read(reader, content, dir));
            try {
                read.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                throw e.getCause();
            } catch (TimeoutException e) {
                read.cancel(true);
                throw new AssertionError(reader + " did not finish within " + TIMEOUT_SECONDS + " s (a hang)");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
        } catch (DataFormatException | SnapshotException e) {
            if (e.getMessage() == null || e.getMessage().isBlank()) {
                throw new AssertionError(reader + ": " + e.getClass().getSimpleName() + " without a message", e);
            }
        } catch (AssertionError e) {
            throw e;
        } catch (Throwable e) {
            throw new AssertionError(reader + " threw " + e.getClass().getName() + " instead of its documented exception", e);
        } finally {
            delete(dir);
        }
    }

    private static void read(Reader reader, byte[] content, Path dir) {
        switch (reader) {
            case IDX_IMAGES -> Idx.readImages(write(dir.resolve("images"), content));
            case IDX_LABELS -> Idx.readLabels(write(dir.resolve("labels"), content));
            case IDX_IMAGES_GZIP -> Idx.readImages(write(dir.resolve("images.gz"), gzip(content)));
            case IDX_LABELS_GZIP -> Idx.readLabels(write(dir.resolve("labels.gz"), content));
            case MNIST_TEST_LABELS -> {
                // A valid tiny MNIST-shaped directory (10,001 training and 3 test images of 1x1
                // pixels) whose test labels are the input.
                write(dir.resolve(Mnist.TRAIN_IMAGES), idx(3, new int[] {10_001, 1, 1}, 10_001));
                write(dir.resolve(Mnist.TRAIN_LABELS), idx(1, new int[] {10_001}, 10_001));
                write(dir.resolve(Mnist.TEST_IMAGES), idx(3, new int[] {3, 1, 1}, 3));
                write(dir.resolve(Mnist.TEST_LABELS), content);
                Mnist.load(dir);
            }
            case NETWORK_JSON -> Snapshots.read(write(dir.resolve("network.json"), content));
            case RUN_SNAPSHOT -> Snapshots.readEpoch(write(dir.resolve("epoch-0001.json"), content));
            case EXPERIMENT_JSON -> Experiments.read(write(dir.resolve("experiment.json"), content));
            case NETWORK2_JSON -> Network2Format.read(write(dir.resolve("network2.json"), content));
            case IDX_IMAGES_BYTES -> Idx.readImages(content);
            case IDX_LABELS_STREAM -> Idx.readLabels(new java.io.ByteArrayInputStream(content), "fuzz input");
            case NETWORK_STRING -> Snapshots.fromJson(new String(content, java.nio.charset.StandardCharsets.UTF_8));
            case RUN_SNAPSHOT_STRING -> Snapshots.epochFromJson(new String(content, java.nio.charset.StandardCharsets.UTF_8));
            case EXPERIMENT_STREAM -> Experiments.read(new java.io.ByteArrayInputStream(content), "fuzz input");
        }
    }

    /** An IDX file of unsigned bytes with the given dimensions and {@code values} bytes i mod 10. */
    static byte[] idx(int dimensions, int[] sizes, int values) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0);
        out.write(0);
        out.write(0x08);
        out.write(dimensions);
        for (int size : sizes) {
            out.write(size >>> 24);
            out.write(size >>> 16);
            out.write(size >>> 8);
            out.write(size);
        }
        for (int i = 0; i < values; i++) {
            out.write(i % 10);
        }
        return out.toByteArray();
    }

    static byte[] gzip(byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static Path write(Path file, byte[] content) {
        try {
            return Files.write(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void delete(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every reader, for the seed corpus. */
    static List<Reader> all() {
        return List.of(Reader.values());
    }
}
