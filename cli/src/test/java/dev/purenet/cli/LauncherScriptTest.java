package dev.purenet.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * scripts/common.sh, which ./purenet, ./run-tests and CI source. The review's H3: under
 * {@code set -o pipefail}, {@code ldconfig -p | grep -q} failed at random, because grep exits
 * at its first match and ldconfig then dies of SIGPIPE. Stubs of ldconfig and dpkg-query that
 * print the match first and much more after it make that race certain instead of 0.4%.
 */
class LauncherScriptTest {
    @TempDir
    Path dir;

    private void stub(Path bin, String name, String body) throws IOException {
        Path file = bin.resolve(name);
        Files.writeString(file, "#!/usr/bin/env bash\n" + body + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    @Test
    void theLibraryChecksSurviveAReaderThatStopsEarly() throws Exception {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        // The match first, then 4 MB: far more than a pipe holds once grep -q has exited.
        String filler = "head -c 4000000 /dev/zero | tr '\\0' 'x' | fold -w 80";
        stub(bin, "ldconfig", "echo '\tlibgfortran.so.5 (libc6,x86-64) => /usr/lib/libgfortran.so.5'\n" + filler);
        stub(bin, "dpkg-query", "printf 'install ok installed'\n" + filler);
        stub(bin, "id", "echo 1000"); // not root: a failed check must not run apt-get here
        stub(bin, "apt-get", "echo apt-get was run >&2; exit 3");
        Path root = Path.of("").toAbsolutePath();
        ProcessBuilder pb = new ProcessBuilder("bash", "-c",
                "set -euo pipefail; source scripts/common.sh; ensure_libgfortran; echo ok")
                .directory(root.toFile()).redirectErrorStream(true);
        pb.environment().put("PATH", bin + ":" + System.getenv("PATH"));
        Process p = pb.start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), output);
        assertEquals("ok\n", output);
        assertFalse(output.contains("apt-get"), output);
    }

    @Test
    void aRebuildDoesNotChangeTheJarARunningCommandReads() throws Exception {
        Path jar = Files.writeString(dir.resolve("app.jar"), "first build");
        Path root = Path.of("").toAbsolutePath();
        // A run opens the copy (fd 3), the jar is rebuilt in place, a second launch copies again: the run still reads its build.
        String script = "set -euo pipefail; source scripts/common.sh; copy=$(runnable_copy '" + jar + "'); exec 3<\"$copy\";"
                + " sleep 1.1; printf 'second build' > '" + jar + "'; again=$(runnable_copy '" + jar + "');"
                + " echo \"$copy|$again|$(cat <&3)|$(cat \"$again\")\"";
        Process p = new ProcessBuilder("bash", "-c", script).directory(root.toFile()).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), output);
        Path copy = dir.resolve("app-run.jar");
        assertEquals(copy + "|" + copy + "|first build|second build\n", output);
        try (var leftovers = Files.list(dir)) {
            assertEquals(List.of("app-run.jar", "app.jar"), leftovers.map(f -> f.getFileName().toString()).sorted().toList(),
                    "no temporary copies left");
        }
    }

    @Test
    void theLauncherLeavesTheCollectorToOptionsThatPickOne() throws Exception {
        assertEquals("-XX:+UseSerialGC\n", collectorFlags(""));
        assertEquals("-XX:+UseSerialGC\n", collectorFlags("-Xmx1g -XX:MaxGCPauseMillis=50"));
        assertEquals("", collectorFlags("-XX:+UseG1GC"), "two collectors: the JVM would refuse to start");
        assertEquals("", collectorFlags("-Xmx2g -XX:+UseZGC"));
        assertEquals("", collectorFlags("-XX:+UseParallelGC"));
    }

    private static String collectorFlags(String options) throws Exception {
        ProcessBuilder pb = new ProcessBuilder("bash", "-c", "set -euo pipefail; source scripts/common.sh; collector_flags \"$1\"",
                "test", options).directory(Path.of("").toAbsolutePath().toFile()).redirectErrorStream(true);
        Process p = pb.start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), output);
        return output;
    }
}
