package dev.purenet.io;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Writes a file so that readers only ever see the old content or the complete new content:
 * the bytes go to a temporary file in the same directory, are forced to disk, and the file is
 * renamed over the target in one atomic step. If writing fails, the target is untouched and
 * the temporary file is removed.
 *
 * <p>What the target path names decides how it is written:
 * <ul>
 *   <li>a regular file, or nothing: replaced atomically as above;</li>
 *   <li>a symbolic link: the link is followed and the file it points to is written (the link
 *       stays a link); a link into {@code /proc} or {@code /dev/fd} is written directly, and
 *       {@code /dev/stdout} and {@code /dev/stderr} through the process's own descriptors, so
 *       the content goes wherever the rest of its output goes;</li>
 *   <li>a character device or a named pipe ({@code /dev/null}, a FIFO): written directly, never
 *       replaced (a pipe without a reader blocks until one opens it);</li>
 *   <li>a directory, a block device or a socket: refused, and nothing is written.</li>
 * </ul>
 */
public final class AtomicFiles {
    private AtomicFiles() {}

    /** {@code .NAME.<digits>.tmp}: the temporary files this class creates. */
    private static final Pattern TEMPORARY = Pattern.compile("\\..+\\.[0-9]+\\.tmp");
    private static final int MAX_LINKS = 40;

    /** Something that writes a whole file's content to a stream. */
    @FunctionalInterface
    public interface Writer {
        /**
         * Writes the content.
         *
         * @param out the temporary file's stream; do not close it, since the file is forced to
         *            disk after this returns
         * @throws IOException if writing fails; the target is then left as it was
         */
        void writeTo(OutputStream out) throws IOException;
    }

    /** Where a write goes: {@code path} after following links, and whether it is written in place. */
    private record Target(Path named, Path path, boolean direct) {}

    /**
     * Temporary files are created owner-only (rw-------); the finished file gets rw-r--r--, what
     * a plain new file gets under the usual umask, so reports and snapshots can be shared.
     */
    private static void readableLikeANewFile(Path file) throws IOException {
        if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        }
    }

    /**
     * Writes {@code target} atomically, creating its directory if needed. The new file is
     * rw-r--r-- where the file system has POSIX permissions. See the class comment for links,
     * devices and pipes.
     *
     * @param target the file to create or replace
     * @param writer writes the whole content
     * @throws java.io.UncheckedIOException if the target is a directory, a block device or a
     *         socket, or if writing, forcing or renaming fails; the target is untouched and the
     *         temporary file removed
     */
    public static void write(Path target, Writer writer) {
        Target t = resolve(target);
        if (t.direct()) {
            writeDirectly(t, writer);
            return;
        }
        Path temp = stage(t, writer);
        try {
            Files.move(temp, t.path(), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            temp = null;
        } catch (IOException e) {
            throw failure(t, e);
        } finally {
            deleteQuietly(temp);
        }
    }

    /**
     * Several files written as one: every file is first written in full to its temporary file,
     * and only when all of them are on disk are they renamed over their targets, in the order they
     * were added. A failure while writing (a full disk, a target that is a directory) leaves every
     * target as it was, so a directory never ends up holding some new files and some old ones.
     * Add the file that points at the others (an {@code index.html}) last.
     */
    public static final class Batch {
        private final Map<Path, Writer> files = new LinkedHashMap<>();

        /** An empty batch. */
        public Batch() {}

        /**
         * Adds a file to write; a later {@code add} of the same path replaces the earlier one.
         *
         * @param target the file to create or replace
         * @param writer writes its whole content
         * @return this batch
         */
        public Batch add(Path target, Writer writer) {
            files.put(target, writer);
            return this;
        }

        /**
         * Writes every file: all content first, then the renames.
         *
         * @throws java.io.UncheckedIOException naming the file that could not be written; no
         *         target has been changed then, and no temporary file is left
         */
        public void commit() {
            List<Target> targets = new ArrayList<>();
            for (Path p : files.keySet()) {
                targets.add(resolve(p));
            }
            List<Path> temps = new ArrayList<>();
            try {
                for (Target t : targets) {
                    temps.add(t.direct() ? null : stage(t, files.get(t.named())));
                }
                for (int i = 0; i < targets.size(); i++) {
                    Target t = targets.get(i);
                    if (t.direct()) {
                        writeDirectly(t, files.get(t.named()));
                        continue;
                    }
                    try {
                        Files.move(temps.get(i), t.path(), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                        temps.set(i, null);
                    } catch (IOException e) {
                        throw failure(t, e);
                    }
                }
            } finally {
                temps.forEach(AtomicFiles::deleteQuietly);
            }
        }
    }

    /**
     * Checks, before any work is done, that {@link #write} could write {@code target}: refuses a
     * directory, a block device or a socket, and for a regular or absent file creates and deletes
     * a temporary file where the real one would be written (the nearest existing directory when
     * {@code target}'s directory does not exist yet). Nothing is left behind.
     *
     * @param target the file a run will write later
     * @throws java.io.UncheckedIOException naming the path and the reason (for example a
     *         read-only file system) when it could not be written
     */
    public static void requireWritable(Path target) {
        Target t = resolve(target);
        if (t.direct()) {
            if (!Files.isWritable(t.path())) {
                throw failure(t, new AccessDeniedException(t.path().toString()));
            }
            return;
        }
        probe(t, t.path().getParent());
    }

    /**
     * Checks, before any work is done, that files can be created in {@code dir}: it must be a
     * directory or not exist yet, and a temporary file is created and deleted in it (or, when it
     * does not exist, in the nearest existing directory above it). Nothing is left behind.
     *
     * @param dir a directory a run will write files into later
     * @throws java.io.UncheckedIOException naming the directory and the reason when it is a file
     *         or files cannot be created there
     */
    public static void requireWritableDirectory(Path dir) {
        Path absolute = dir.toAbsolutePath();
        probe(new Target(dir, absolute.resolve("probe"), false), absolute);
    }

    private static void probe(Target t, Path dir) {
        Path existing = dir;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            return;
        }
        if (!Files.isDirectory(existing)) {
            throw failure(t, new NotDirectoryException(existing.toString()));
        }
        try {
            Files.delete(Files.createTempFile(existing, ".purenet-probe.", ".tmp"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + t.named() + ": cannot create files in " + existing + ": "
                    + reasonAlone(e), e);
        }
    }

    /**
     * Deletes the temporary files ({@code .NAME.<digits>.tmp}) that writers killed half-way left
     * in {@code dir}. Call it only while no other process writes there, for example while holding
     * a lock on the directory.
     *
     * @param dir a directory written with this class
     * @return the names of the files removed
     * @throws java.io.UncheckedIOException if the directory cannot be listed or a file removed
     */
    public static List<String> removeLeftovers(Path dir) {
        List<String> removed = new ArrayList<>();
        try (var entries = Files.list(dir)) {
            for (Path p : entries.sorted().toList()) {
                String name = p.getFileName().toString();
                if (TEMPORARY.matcher(name).matches() && Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
                    Files.deleteIfExists(p);
                    removed.add(name);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot clean up " + dir + ": " + reason(e), e);
        }
        return removed;
    }

    /**
     * The reason an I/O operation failed, in words: "permission denied" where Java's own message
     * is only the path ({@link AccessDeniedException}), the operating system's reason otherwise,
     * each after the file it concerns.
     *
     * @param e the failure
     * @return for example {@code /data/x: Permission denied} or {@code /out: Read-only file system}
     */
    public static String reason(IOException e) {
        if (e instanceof FileSystemException f && f.getFile() != null) {
            return f.getFile() + (f.getOtherFile() == null ? "" : " -> " + f.getOtherFile()) + ": " + reasonAlone(e);
        }
        return reasonAlone(e);
    }

    private static String reasonAlone(IOException e) {
        if (e instanceof FileSystemException f) {
            if (f.getReason() != null) {
                return f.getReason();
            }
            if (e instanceof AccessDeniedException) {
                return "Permission denied";
            }
            if (e instanceof NoSuchFileException) {
                return "No such file or directory";
            }
            if (e instanceof FileAlreadyExistsException) {
                return "File exists";
            }
            if (e instanceof NotDirectoryException) {
                return "Not a directory";
            }
            if (e instanceof DirectoryNotEmptyException) {
                return "Directory not empty";
            }
        }
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }

    private static UncheckedIOException failure(Target t, IOException e) {
        String shown = t.path().equals(t.named().toAbsolutePath()) ? t.named().toString() : t.named() + " (-> " + t.path() + ")";
        String why = e instanceof FileSystemException f && f.getFile() != null
                && !Path.of(f.getFile()).equals(t.path()) && !Path.of(f.getFile()).equals(t.named())
                ? reason(e) : reasonAlone(e);
        return new UncheckedIOException("cannot write " + shown + ": " + why, e);
    }

    /** Follows symbolic links to the file that a write replaces, or decides to write in place. */
    private static Target resolve(Path named) {
        Path p = named.toAbsolutePath();
        try {
            for (int hops = 0; Files.isSymbolicLink(p); hops++) {
                if (hops == MAX_LINKS) {
                    throw failure(new Target(named, p, false), new FileSystemException(named.toString(), null,
                            "Too many levels of symbolic links"));
                }
                Path parent = p.getParent();
                Path realParent = Files.isDirectory(parent) ? parent.toRealPath() : parent;
                if (realParent.startsWith("/proc")) {
                    // /dev/stdout -> /proc/self/fd/1: the kernel resolves these on open, to a pipe,
                    // a terminal or a file the shell opened; only writing in place reaches it.
                    return new Target(named, realParent.resolve(p.getFileName()), true);
                }
                p = realParent.resolve(Files.readSymbolicLink(p)).normalize();
            }
            if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
                return new Target(named, p, false);
            }
            BasicFileAttributes attributes = Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            if (attributes.isRegularFile()) {
                return new Target(named, p, false);
            }
            Target t = new Target(named, p, false);
            if (attributes.isDirectory()) {
                throw failure(t, new FileSystemException(p.toString(), null, "it is a directory, expected a file"));
            }
            int type = p.getFileSystem().supportedFileAttributeViews().contains("unix")
                    ? ((Integer) Files.getAttribute(p, "unix:mode", LinkOption.NOFOLLOW_LINKS)) & 0170000 : 0;
            if (type == 0020000 || type == 0010000) { // a character device, a named pipe
                return new Target(named, p, true);
            }
            throw failure(t, new FileSystemException(p.toString(), null, (type == 0060000 ? "it is a block device"
                    : type == 0140000 ? "it is a socket" : "it is not a regular file") + "; purenet writes regular files,"
                    + " character devices and pipes"));
        } catch (IOException e) {
            throw failure(new Target(named, p, false), e);
        }
    }

    /** Writes the whole content to a temporary file beside the target, forced to disk; returns its path. */
    private static Path stage(Target t, Writer writer) {
        Path dir = t.path().getParent();
        Path temp = null;
        try {
            Files.createDirectories(dir);
            try {
                temp = Files.createTempFile(dir, "." + t.path().getFileName() + ".", ".tmp");
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + t.named() + ": cannot create a file in " + dir + ": "
                        + reasonAlone(e), e);
            }
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE);
                 OutputStream out = new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16)) {
                writer.writeTo(out);
                out.flush();
                channel.force(true);
            }
            readableLikeANewFile(temp);
            Path done = temp;
            temp = null;
            return done;
        } catch (IOException e) {
            throw failure(t, e);
        } finally {
            deleteQuietly(temp);
        }
    }

    /**
     * A device or pipe: written in place, since replacing it would destroy it. Not forced: fsync
     * fails on pipes. The process's own standard output or error ({@code /dev/stdout}) is written
     * through the descriptor it already has, so that the content lands where the process's other
     * output goes (reopening a redirected file would truncate it, and write over what follows).
     */
    private static void writeDirectly(Target t, Writer writer) {
        java.io.FileDescriptor own = OWN_STDOUT.contains(t.path()) ? java.io.FileDescriptor.out
                : OWN_STDERR.contains(t.path()) ? java.io.FileDescriptor.err : null;
        if (own != null) {
            try {
                OutputStream out = new BufferedOutputStream(new java.io.FileOutputStream(own), 1 << 16);
                writer.writeTo(out);
                out.flush(); // not closed: that would close the process's descriptor
            } catch (IOException e) {
                throw failure(t, e);
            }
            return;
        }
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(t.path(), StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING), 1 << 16)) {
            writer.writeTo(out);
        } catch (IOException e) {
            throw failure(t, e);
        }
    }

    private static final List<Path> OWN_STDOUT = List.of(Path.of("/proc/self/fd/1"), Path.of("/dev/fd/1"),
            Path.of("/proc/" + ProcessHandle.current().pid() + "/fd/1"));
    private static final List<Path> OWN_STDERR = List.of(Path.of("/proc/self/fd/2"), Path.of("/dev/fd/2"),
            Path.of("/proc/" + ProcessHandle.current().pid() + "/fd/2"));

    private static void deleteQuietly(Path temp) {
        if (temp != null) {
            try {
                Files.deleteIfExists(temp);
            } catch (IOException ignored) {
                // The write already failed; that error is the one to report.
            }
        }
    }
}
