package dev.purenet.cli;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * A directory no one can create files in, for as long as the value is open: without write
 * permission for a normal user; immutable (chattr +i) or a read-only tmpfs for root, who ignores
 * permissions. Skips the test where none of these is possible. The same as the library's
 * {@code AtomicFilesTest.ReadOnly}: the CLI's tests do not depend on the library's test classes.
 */
final class ReadOnlyDirectory implements AutoCloseable {
    private final Path dir;
    private final String undo;

    private ReadOnlyDirectory(Path dir, String undo) {
        this.dir = dir;
        this.undo = undo;
    }

    static ReadOnlyDirectory make(Path dir) throws Exception {
        boolean root = "0".equals(new String(new ProcessBuilder("id", "-u").start().getInputStream().readAllBytes(),
                StandardCharsets.UTF_8).strip());
        if (!root) {
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("r-xr-xr-x"));
            return new ReadOnlyDirectory(dir, "chmod");
        }
        if (run("chattr", "+i", dir.toString())) {
            return new ReadOnlyDirectory(dir, "chattr");
        }
        if (run("mount", "-t", "tmpfs", "-o", "ro,size=64k", "tmpfs", dir.toString())) {
            return new ReadOnlyDirectory(dir, "umount");
        }
        assumeTrue(false, "no way to make a read-only directory here (root, without chattr or mount)");
        return null;
    }

    private static boolean run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        return p.waitFor() == 0;
    }

    @Override
    public void close() throws Exception {
        switch (undo) {
            case "chmod" -> Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
            case "chattr" -> run("chattr", "-i", dir.toString());
            default -> run("umount", dir.toString());
        }
    }
}
