package dev.purenet.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.purenet.data.DataFormatException;
import dev.purenet.data.Dataset;
import dev.purenet.data.Mnist;
import dev.purenet.io.AtomicFiles;
import dev.purenet.io.Experiments;
import dev.purenet.io.SnapshotException;
import dev.purenet.io.Snapshots;
import dev.purenet.train.Epoch;
import dev.purenet.train.Experiment;
import dev.purenet.train.Monitor;
import io.vavr.collection.List;
import io.vavr.control.Option;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A directory that records one training run: {@code experiment.json} (what determines the
 * networks), {@code run.json} (what the command line chose to watch: evaluation data, monitors,
 * data directory) and one snapshot per epoch, {@code epoch-0000.json} for the untrained network on.
 */
final class RunDirectory {
    static final String EXPERIMENT = "experiment.json";
    static final String RUN = "run.json";
    private static final Pattern SNAPSHOT = Pattern.compile("epoch-(\\d{4,})\\.json");
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** How the command line watched the run; none of it changes the networks. */
    record Watch(String eval, java.util.List<String> monitor, Path data) {
        /** The evaluation data this run watches. */
        Dataset evaluation(Mnist mnist) {
            return eval.equals("validation") ? mnist.validation() : mnist.test();
        }

        /** The monitor measuring what this run watches, with the experiment's penalties in its costs. */
        Monitor monitor(Mnist mnist, Experiment experiment) {
            return Monitor.of(mnist.training(), evaluation(mnist), experiment.sgd().cost())
                    .withL2(experiment.l2()).withL1(experiment.l1())
                    .measuring(monitor.contains("train-cost"), monitor.contains("train-acc"),
                            monitor.contains("eval-cost"), monitor.contains("eval-acc"));
        }
    }

    private final Path dir;
    private final Experiment experiment;
    private final Watch watch;

    private RunDirectory(Path dir, Experiment experiment, Watch watch) {
        this.dir = dir;
        this.experiment = experiment;
        this.watch = watch;
    }

    Path dir() {
        return dir;
    }

    Experiment experiment() {
        return experiment;
    }

    Watch watch() {
        return watch;
    }

    /** Starts recording a new run into {@code dir}; refuses a directory that already holds one. */
    static RunDirectory create(Path dir, Experiment experiment, Watch watch) {
        if (Files.exists(dir.resolve(EXPERIMENT))) {
            throw new IllegalArgumentException(dir + " already holds a run (" + EXPERIMENT + "); continue it with --resume "
                    + dir + " or choose another directory");
        }
        Experiments.write(dir.resolve(EXPERIMENT), experiment);
        ObjectNode run = JSON.createObjectNode();
        run.put("eval", watch.eval());
        watch.monitor().forEach(run.putArray("monitor")::add);
        run.put("data", watch.data().toString());
        AtomicFiles.write(dir.resolve(RUN), out -> out.write(JSON.writeValueAsBytes(run)));
        return new RunDirectory(dir, experiment, watch);
    }

    /** Opens a recorded run. */
    static RunDirectory open(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException(dir + " is not a directory holding a run (expected " + EXPERIMENT + " there)");
        }
        if (!Files.isRegularFile(dir.resolve(EXPERIMENT))) {
            throw new IllegalArgumentException(dir + " is not a directory holding a run (expected " + EXPERIMENT + " there)");
        }
        Experiment experiment = Experiments.read(dir.resolve(EXPERIMENT));
        Path runFile = dir.resolve(RUN);
        if (!Files.isRegularFile(runFile)) {
            throw new IllegalArgumentException(dir + " has " + EXPERIMENT + " but no " + RUN
                    + ": it was not recorded by 'purenet train --snapshots' (which also records what the run watched)");
        }
        try {
            JsonNode run = JSON.readTree(Files.readAllBytes(runFile));
            java.util.List<String> monitor = new java.util.ArrayList<>();
            run.path("monitor").forEach(n -> monitor.add(n.asText()));
            if (!run.path("eval").isTextual() || !run.path("data").isTextual() || monitor.isEmpty()) {
                throw new DataFormatException(runFile + ": expected \"eval\", \"monitor\" and \"data\", got " + run);
            }
            return new RunDirectory(dir, experiment, new Watch(run.get("eval").asText(), monitor, Path.of(run.get("data").asText())));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + runFile + ": " + e.getMessage(), e);
        }
    }

    Path snapshotFile(int epoch) {
        String digits = Integer.toString(epoch);
        return dir.resolve("epoch-" + "0".repeat(Math.max(0, 4 - digits.length())) + digits + ".json");
    }

    void write(Epoch epoch) {
        Snapshots.write(snapshotFile(epoch.index()), epoch, experiment);
    }

    /** The epoch numbers of the snapshot files present, in order. */
    List<Integer> snapshotEpochs() {
        try (var files = Files.list(dir)) {
            return List.ofAll(files.map(p -> SNAPSHOT.matcher(p.getFileName().toString()))
                    .filter(Matcher::matches)
                    .map(m -> Integer.parseInt(m.group(1)))
                    .sorted()
                    .toList());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir + ": " + e.getMessage(), e);
        }
    }

    /**
     * The latest snapshot that reads back as an epoch of this experiment. A damaged later file
     * (a crash cannot leave a half file, but a disk can) is skipped and reported.
     */
    Snapshots.Recorded lastGoodSnapshot(java.util.function.Consumer<String> warn) {
        for (int epoch : snapshotEpochs().reverse()) {
            Path file = snapshotFile(epoch);
            try {
                Snapshots.Recorded recorded = Snapshots.readEpoch(file);
                if (recorded.experiment().equals(experiment) && recorded.epoch().index() == epoch) {
                    return recorded;
                }
                warn.accept("skipping " + file + ": it belongs to another experiment or epoch");
            } catch (SnapshotException e) {
                warn.accept("skipping " + e.getMessage());
            }
        }
        throw new IllegalArgumentException(dir + " has no readable snapshot of its experiment (epoch-NNNN.json)");
    }

    /** The recorded epoch, if its snapshot exists. */
    Option<Snapshots.Recorded> snapshot(int epoch) {
        Path file = snapshotFile(epoch);
        return Files.exists(file) ? Option.some(Snapshots.readEpoch(file)) : Option.none();
    }
}
