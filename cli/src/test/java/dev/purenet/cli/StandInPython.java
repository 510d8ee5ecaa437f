package dev.purenet.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;

/**
 * For the tests of {@code bench --vs-numpy} and {@code --vs-torch}, which drive their python
 * script alike ({@link ReferenceProcess}): a shell script standing in for python3, whether a real
 * interpreter is there, and the error when the interpreter cannot be run.
 */
final class StandInPython {
    private StandInPython() {}

    /** An executable shell script {@code dir/python} standing in for python3: it gets the script's path and arguments. */
    static Path write(Path dir, String body) throws IOException {
        Path python = dir.resolve("python");
        Files.writeString(python, "#!/bin/sh\n" + body);
        Files.setPosixFilePermissions(python, PosixFilePermissions.fromString("rwxr-xr-x"));
        return python;
    }

    /** Whether {@code command} runs and exits 0, e.g. python3 importing a module a test needs. */
    static boolean runs(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(120, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** {@code r} is bench refusing to run because {@code python} cannot be run: one line naming what to install for {@code module}. */
    static void assertSaysWhatToInstall(CliHarness.Result r, Path python, String module) {
        assertEquals(1, r.code(), r.out());
        assertEquals("", r.out());
        assertTrue(r.err().startsWith("purenet: --vs-" + module + " needs python3 with " + module + ", and '" + python + "' cannot be run ("),
                r.err());
        assertTrue(r.err().endsWith("); install them with 'apt-get install python3-" + module + "', or name an interpreter with --python\n"),
                r.err());
        assertEquals(1, r.err().lines().count(), r.err());
    }
}
