package dev.purenet.spark;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.purenet.io.AtomicFiles;
import dev.purenet.io.Experiments;
import dev.purenet.train.Experiment;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A sweep's output directory: {@code runs/ID/} holds each finished run's {@code experiment.json},
 * {@code best.json} and {@code final.json} (networks in purenet's format) and {@code result.json}
 * (its settings and per-epoch measurements). The four are written as one atomic batch with
 * {@code result.json} last, so a run directory with a {@code result.json} is complete: a sweep
 * started again with the same directory skips that run and keeps its files.
 */
final class SweepDirectory {
    static final String RUNS = "runs";
    static final String RESULT = "result.json";
    static final String BEST = "best.json";
    static final String FINAL = "final.json";
    static final String EXPERIMENT = "experiment.json";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Path dir;

    SweepDirectory(Path dir) {
        this.dir = dir;
    }

    Path run(String runId) {
        return dir.resolve(RUNS).resolve(runId);
    }

    /** Writes a finished run's files, result.json last. */
    void write(RunResult result, Experiment experiment) {
        Path run = run(result.runId());
        AtomicFiles.Batch batch = new AtomicFiles.Batch().add(run.resolve(EXPERIMENT), out -> Experiments.write(out, experiment));
        if (result.bestNetwork() != null) {
            batch.add(run.resolve(BEST), out -> out.write(result.bestNetwork().getBytes(StandardCharsets.UTF_8)));
        }
        if (result.finalNetwork() != null) {
            batch.add(run.resolve(FINAL), out -> out.write(result.finalNetwork().getBytes(StandardCharsets.UTF_8)));
        }
        batch.add(run.resolve(RESULT), out -> out.write(JSON.writeValueAsBytes(result.withoutNetworks())));
        batch.commit();
    }

    /** The runs finished earlier, by id, without their networks; temporary files of a run cut short are removed. */
    Map<String, RunResult> finished() {
        Map<String, RunResult> finished = new LinkedHashMap<>();
        Path runs = dir.resolve(RUNS);
        if (!Files.isDirectory(runs)) {
            return finished;
        }
        try (var entries = Files.list(runs)) {
            for (Path run : entries.sorted().toList()) {
                if (!Files.isDirectory(run)) {
                    continue;
                }
                AtomicFiles.removeLeftovers(run);
                Path result = run.resolve(RESULT);
                if (Files.isRegularFile(result)) {
                    RunResult read = JSON.readValue(result.toFile(), RunResult.class);
                    finished.put(read.runId(), read);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the finished runs in " + runs + ": " + AtomicFiles.reason(e), e);
        }
        return finished;
    }
}
