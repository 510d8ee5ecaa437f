package dev.purenet.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Writes onto whatever a path names (review H2, L5): links are followed and stay links, devices
 * and pipes are written in place and stay what they were, directories are refused, a batch
 * that fails half-way changes nothing, and leftovers of a killed writer are cleaned up. Device
 * nodes are made with mknod in a temporary directory, so those cases need root and skip
 * themselves otherwise; the real /dev is never touched.
 */
class AtomicFilesTest {
    @TempDir
    Path dir;

    private static void write(Path target, String content) {
        AtomicFiles.write(target, out -> out.write(content.getBytes(StandardCharsets.UTF_8)));
    }

    static boolean run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        return p.waitFor() == 0;
    }

    private static String type(Path p) throws IOException {
        return Files.getAttribute(p, "unix:mode", LinkOption.NOFOLLOW_LINKS) instanceof Integer mode
                ? Integer.toOctalString(mode & 0170000) : "?";
    }

    private List<String> names() throws IOException {
        try (var s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void aSymlinkIsFollowedAndStaysALink() throws IOException {
        Files.writeString(dir.resolve("t.json"), "keep");
        Path link = Files.createSymbolicLink(dir.resolve("link.json"), Path.of("t.json"));
        write(link, "new");
        assertTrue(Files.isSymbolicLink(link));
        assertEquals("new", Files.readString(dir.resolve("t.json")));
        assertEquals(List.of("link.json", "t.json"), names());
    }

    @Test
    void aDanglingSymlinkCreatesTheFileItNames() throws IOException {
        Path link = Files.createSymbolicLink(dir.resolve("link.json"), Path.of("sub/t.json"));
        write(link, "new");
        assertTrue(Files.isSymbolicLink(link));
        assertEquals("new", Files.readString(dir.resolve("sub/t.json")));
    }

    @Test
    void aCharacterDeviceIsWrittenInPlaceNotReplaced() throws Exception {
        Path devNull = dir.resolve("null");
        Path full = dir.resolve("full");
        assumeTrue(run("mknod", devNull.toString(), "c", "1", "3") && run("mknod", full.toString(), "c", "1", "7"),
                "mknod needs root");
        write(devNull, "network");
        assertEquals("20000", type(devNull)); // still a character device
        UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> write(full, "network"));
        assertEquals("cannot write " + full + ": No space left on device", e.getMessage());
        assertEquals("20000", type(full));
        assertEquals(List.of("full", "null"), names());
    }

    @Test
    void aNamedPipeIsWrittenInPlace() throws Exception {
        Path fifo = dir.resolve("fifo");
        assumeTrue(run("mkfifo", fifo.toString()), "mkfifo");
        CompletableFuture<String> reader = CompletableFuture.supplyAsync(() -> {
            try {
                return Files.readString(fifo);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        write(fifo, "network");
        assertEquals("network", reader.get(30, TimeUnit.SECONDS));
        assertEquals("10000", type(fifo));
    }

    @Test
    void aSymlinkToADeviceWritesTheDevice() throws Exception {
        Path devNull = dir.resolve("null");
        assumeTrue(run("mknod", devNull.toString(), "c", "1", "3"), "mknod needs root");
        Path link = Files.createSymbolicLink(dir.resolve("out.json"), devNull);
        write(link, "network");
        assertTrue(Files.isSymbolicLink(link));
        assertEquals("20000", type(devNull));
    }

    @Test
    void aDirectoryIsRefused() throws IOException {
        Path target = Files.createDirectory(dir.resolve("net.json"));
        UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> write(target, "x"));
        assertEquals("cannot write " + target + ": it is a directory, expected a file", e.getMessage());
        assertThrows(UncheckedIOException.class, () -> AtomicFiles.requireWritable(target));
        assertEquals(List.of("net.json"), names());
    }

    @Test
    void aBatchThatFailsHalfWayChangesNothing() throws IOException {
        write(dir.resolve("a.png"), "old a");
        write(dir.resolve("index.html"), "old index");
        AtomicFiles.Batch batch = new AtomicFiles.Batch()
                .add(dir.resolve("a.png"), out -> out.write("new a".getBytes(StandardCharsets.UTF_8)))
                .add(dir.resolve("b.png"), out -> {
                    throw new IOException("No space left on device");
                })
                .add(dir.resolve("index.html"), out -> out.write("new index".getBytes(StandardCharsets.UTF_8)));
        UncheckedIOException e = assertThrows(UncheckedIOException.class, batch::commit);
        assertEquals("cannot write " + dir.resolve("b.png") + ": No space left on device", e.getMessage());
        assertEquals("old a", Files.readString(dir.resolve("a.png")));
        assertEquals("old index", Files.readString(dir.resolve("index.html")));
        assertEquals(List.of("a.png", "index.html"), names());
    }

    @Test
    void aBatchWritesEveryFile() throws IOException {
        new AtomicFiles.Batch().add(dir.resolve("a"), out -> out.write(1)).add(dir.resolve("sub/b"), out -> out.write(2)).commit();
        assertArrayEquals(new byte[] {1}, Files.readAllBytes(dir.resolve("a")));
        assertArrayEquals(new byte[] {2}, Files.readAllBytes(dir.resolve("sub/b")));
    }

    @Test
    void leftoversOfAKilledWriterAreRemoved() throws IOException {
        Files.writeString(dir.resolve(".epoch-0003.json.8412356637171.tmp"), "half");
        Files.writeString(dir.resolve("epoch-0003.json"), "{}");
        Files.writeString(dir.resolve(".lock"), "");
        Files.writeString(dir.resolve("notes.tmp"), "mine");
        assertEquals(List.of(".epoch-0003.json.8412356637171.tmp"), AtomicFiles.removeLeftovers(dir));
        assertEquals(List.of(".lock", "epoch-0003.json", "notes.tmp"), names());
    }

    @Test
    void aReadOnlyDirectoryIsFoundBeforeAnythingIsWritten() throws Exception {
        Path ro = Files.createDirectory(dir.resolve("ro"));
        try (ReadOnly ignored = ReadOnly.make(ro)) {
            UncheckedIOException e = assertThrows(UncheckedIOException.class,
                    () -> AtomicFiles.requireWritable(ro.resolve("net.json")));
            assertTrue(e.getMessage().startsWith("cannot write " + ro.resolve("net.json") + ": cannot create files in " + ro + ": "),
                    e.getMessage());
            assertThrows(UncheckedIOException.class, () -> AtomicFiles.requireWritableDirectory(ro.resolve("report")));
        }
        AtomicFiles.requireWritable(ro.resolve("net.json"));
        AtomicFiles.requireWritableDirectory(ro.resolve("report/deeper"));
        try (var s = Files.list(ro)) {
            assertEquals(0, s.count()); // the probes left nothing
        }
    }

    @Test
    void permissionDeniedIsSaidInWords() {
        assertEquals("/x/y: Permission denied", AtomicFiles.reason(new AccessDeniedException("/x/y")));
        assertFalse(AtomicFiles.reason(new java.nio.file.FileSystemException("/x", null, "Read-only file system")).isEmpty());
    }

    /**
     * A directory no one can create files in, for as long as the value is open: without write
     * permission for a normal user; immutable (chattr +i) or a read-only tmpfs for root, who
     * ignores permissions. Skips the test where none of these is possible.
     */
    static final class ReadOnly implements AutoCloseable {
        private final Path dir;
        private final String undo;

        private ReadOnly(Path dir, String undo) {
            this.dir = dir;
            this.undo = undo;
        }

        static ReadOnly make(Path dir) throws Exception {
            boolean root = "0".equals(new String(new ProcessBuilder("id", "-u").start().getInputStream().readAllBytes(),
                    StandardCharsets.UTF_8).strip());
            if (!root) {
                Files.setPosixFilePermissions(dir, java.nio.file.attribute.PosixFilePermissions.fromString("r-xr-xr-x"));
                return new ReadOnly(dir, "chmod");
            }
            if (run("chattr", "+i", dir.toString())) {
                return new ReadOnly(dir, "chattr");
            }
            if (run("mount", "-t", "tmpfs", "-o", "ro,size=64k", "tmpfs", dir.toString())) {
                return new ReadOnly(dir, "umount");
            }
            assumeTrue(false, "no way to make a read-only directory here (root, without chattr or mount)");
            return null;
        }

        @Override
        public void close() throws Exception {
            switch (undo) {
                case "chmod" -> Files.setPosixFilePermissions(dir, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
                case "chattr" -> run("chattr", "-i", dir.toString());
                default -> run("umount", dir.toString());
            }
        }
    }
}
