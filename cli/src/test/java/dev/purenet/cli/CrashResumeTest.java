package dev.purenet.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The crash test: a {@code train --snapshots} run in a child JVM is killed with SIGKILL at three
 * random moments (seeded and logged: after a random snapshot appears, plus a random delay, so
 * the kill can land while the directory is being created, while an epoch trains or while a
 * snapshot is written), resumed each time, and must end byte for byte where an uninterrupted run
 * ends: the --out network and every snapshot. A kill before experiment.json exists is followed
 * by the same command again, as the review did; afterwards no temporary file is left.
 */
class CrashResumeTest {
    private static final long SEED = Long.getLong("purenet.crash.seed", 20261127L);
    private static final int EPOCHS = 8;

    @TempDir
    Path dir;

    private List<String> trainArgs(Path data, Path run, Path out) {
        return List.of("train", "--data", data.toString(), "--sizes", "16,40,10", "--epochs", Integer.toString(EPOCHS),
                "--batch", "10", "--eta", "0.5", "--momentum", "0.3", "--cost", "cross-entropy",
                "--monitor", "eval-acc,train-cost", "--snapshots", run.toString(), "--out", out.toString());
    }

    private static int lastSnapshot(Path run) throws IOException {
        if (!Files.isDirectory(run)) {
            return -1;
        }
        return files(run).stream().filter(n -> n.matches("epoch-\\d{4}\\.json"))
                .mapToInt(n -> Integer.parseInt(n.substring(6, 10))).max().orElse(-1);
    }

    private static List<String> files(Path d) throws IOException {
        try (var s = Files.list(d)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void killedThreeTimesAndResumedEndsByteForByteLikeAnUninterruptedRun() throws Exception {
        Path data = ChildJvm.data(dir.resolve("data"), 14_000);
        Path logs = Files.createDirectories(dir.resolve("logs"));

        Path reference = dir.resolve("reference");
        Path referenceOut = dir.resolve("reference.json");
        ChildJvm.Result whole = ChildJvm.run(logs, "reference", null,
                trainArgs(data, reference, referenceOut).toArray(String[]::new));
        assertEquals(0, whole.code(), whole.err());

        Path run = dir.resolve("run");
        Path out = dir.resolve("out.json");
        Random random = new Random(SEED);
        StringBuilder log = new StringBuilder("crash test, seed " + SEED + " (-Dpurenet.crash.seed=N to change):\n");
        for (int kill = 1; kill <= 3; kill++) {
            // A snapshot the run has not written yet (epoch 0 while there is none: a kill during creation).
            int written = lastSnapshot(run);
            int epoch = Math.min(EPOCHS, written + 1 + random.nextInt(Math.max(1, EPOCHS - written - 1)));
            int delayMillis = random.nextInt(40);
            boolean recorded = Files.exists(run.resolve("experiment.json"));
            List<String> args = recorded ? List.of("train", "--resume", run.toString(), "--out", out.toString())
                    : trainArgs(data, run, out);
            Process p = ChildJvm.start(logs, "kill" + kill, null, args.toArray(String[]::new));
            Path awaited = run.resolve(String.format("epoch-%04d.json", epoch));
            while (p.isAlive() && !Files.exists(awaited)) {
                Thread.sleep(1);
            }
            Thread.sleep(delayMillis);
            boolean killed = p.isAlive();
            p.destroyForcibly();
            assertTrue(p.waitFor(60, TimeUnit.SECONDS));
            log.append("  kill ").append(kill).append(": ").append(recorded ? "train --resume" : "train --snapshots")
                    .append(", SIGKILL ").append(delayMillis).append(" ms after ").append(awaited.getFileName())
                    .append(" appeared: ").append(killed ? "killed; the directory held " + files(run)
                    : "the run had already ended (exit " + p.exitValue() + ")").append('\n');
        }
        System.out.print(log);

        List<String> finish = Files.exists(run.resolve("experiment.json"))
                ? List.of("train", "--resume", run.toString(), "--out", out.toString()) : trainArgs(data, run, out);
        ChildJvm.Result last = ChildJvm.run(logs, "finish", null, finish.toArray(String[]::new));
        assertEquals(0, last.code(), log + last.err());

        assertArrayEquals(Files.readAllBytes(referenceOut), Files.readAllBytes(out), log.toString());
        assertEquals(files(reference), files(run), log.toString());
        for (String name : files(reference)) {
            assertArrayEquals(Files.readAllBytes(reference.resolve(name)), Files.readAllBytes(run.resolve(name)), log + name);
        }
        List<String> temporary = new ArrayList<>(files(run).stream().filter(n -> n.endsWith(".tmp")).toList());
        assertEquals(List.of(), temporary, log.toString());
        ChildJvm.Result verify = ChildJvm.run(logs, "verify", null, "replay", "--verify", run.toString());
        assertEquals(0, verify.code(), verify.err());
    }
}
