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
import dev.purenet.report.EpochPoint;
import dev.purenet.train.Epoch;
import dev.purenet.train.Experiment;
import dev.purenet.train.Footprint;
import dev.purenet.train.Monitor;
import io.vavr.collection.List;
import io.vavr.control.Option;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A directory that records one training run: {@code experiment.json} (what determines the
 * networks), {@code run.json} (what the command line chose to watch: evaluation data, monitors,
 * data directory) and one snapshot per epoch, {@code epoch-0000.json} for the untrained network on.
 *
 * <p>A run that writes the directory holds a lock on its {@code .lock} file until it ends, so a
 * second run into it stops at once. A new run writes {@code run.json}, then epoch 0, and
 * {@code experiment.json} last (created, never replaced): a directory is "a run" only once it is
 * complete enough to resume, and a crash before that leaves something a plain rerun may overwrite.
 */
final class RunDirectory implements AutoCloseable {
    static final String EXPERIMENT = "experiment.json";
    static final String RUN = "run.json";
    static final String LOCK = ".lock";
    private static final Pattern SNAPSHOT = Pattern.compile("epoch-(\\d{4,})\\.json");
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /**
     * How the command line watched the run and where its data is: recorded in run.json. The
     * experiment's data fingerprint already tells whether the data is right; {@code expand}
     * (train --expand: the training images with their one-pixel moves, {@link Mnist#expanded()})
     * says how to make it again from the files.
     */
    record Watch(String eval, java.util.List<String> monitor, Path data, CsvSettings csv, boolean expand) {
        /** A run on MNIST-format data in the directory {@code data}. */
        Watch(String eval, java.util.List<String> monitor, Path data) {
            this(eval, monitor, data, null, false);
        }

        /** The evaluation data this run watches: validation, test, or (CSV data without splits) training. */
        Dataset evaluation(Mnist mnist) {
            return switch (eval) {
                case "validation" -> mnist.validation();
                case "training" -> mnist.training();
                default -> mnist.test();
            };
        }

        /** The monitor measuring what this run watches, with the experiment's penalties in its costs. */
        Monitor monitor(Mnist mnist, Experiment experiment) {
            return Monitor.of(mnist.training(), evaluation(mnist), experiment.sgd().cost())
                    .withL2(experiment.l2()).withL1(experiment.l1())
                    .measuring(monitor.contains("train-cost"), monitor.contains("train-acc"),
                            monitor.contains("eval-cost"), monitor.contains("eval-acc"));
        }
    }

    /**
     * How a CSV file was turned into the run's data (the seed is the experiment's): recorded in
     * run.json as {@code "csv"}, so --resume, replay and report rebuild the same parts.
     */
    record CsvSettings(String label, double validation, double test, boolean standardize) {}

    private final Path dir;
    private final Experiment experiment;
    private final Watch watch;
    private final Lock lock;

    private RunDirectory(Path dir, Experiment experiment, Watch watch, Lock lock) {
        this.dir = dir;
        this.experiment = experiment;
        this.watch = watch;
        this.lock = lock;
    }

    /** Releases the lock of a run that was writing the directory; nothing for a run opened to read. */
    @Override
    public void close() {
        if (lock != null) {
            lock.close();
        }
    }

    /** An exclusive lock on {@code DIR/.lock}, held by one process (and one command) at a time. */
    static final class Lock implements AutoCloseable {
        private final FileChannel channel;
        private final FileLock held;

        private Lock(FileChannel channel, FileLock held) {
            this.channel = channel;
            this.held = held;
        }

        /** Locks {@code dir}, creating it if needed; refuses at once when another run holds it. */
        static Lock acquire(Path dir) {
            Path file = dir.resolve(LOCK);
            FileChannel channel = null;
            try {
                Files.createDirectories(dir);
                channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                FileLock held;
                try {
                    held = channel.tryLock();
                } catch (OverlappingFileLockException e) {
                    held = null; // held by this JVM, by another command
                }
                if (held == null) {
                    throw new IllegalArgumentException(dir + " is being written by another purenet run (it holds " + file
                            + "); wait for that run to end, or choose another directory");
                }
                Lock lock = new Lock(channel, held);
                channel = null;
                return lock;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot lock " + dir + " for the run: " + AtomicFiles.reason(e), e);
            } finally {
                if (channel != null) {
                    try {
                        channel.close();
                    } catch (IOException ignored) {
                        // Already failing; that error is the one to report.
                    }
                }
            }
        }

        /** Refuses at once, without creating anything, when another run holds {@code dir}'s lock. */
        static void requireFree(Path dir) {
            if (Files.isRegularFile(dir.resolve(LOCK))) {
                acquire(dir).close();
            }
        }

        @Override
        public void close() {
            try {
                held.release();
                channel.close();
            } catch (IOException ignored) {
                // Closing the channel releases the lock in any case; the process may be ending.
            }
        }
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

    /**
     * Starts recording a new run into {@code dir}, holding its lock until {@link #close}: writes
     * {@code run.json}, epoch 0 and {@code experiment.json}, in that order. Refuses a directory
     * that holds a run with snapshots, or snapshots without a run; one whose recording stopped
     * before its first snapshot (a full disk, a crash) is started again.
     */
    static RunDirectory create(Path dir, Experiment experiment, Watch watch) {
        Lock lock = Lock.acquire(dir);
        try {
            var epochs = new RunDirectory(dir, experiment, watch, null).snapshotEpochs();
            if (Files.exists(dir.resolve(EXPERIMENT)) && !epochs.isEmpty()) {
                throw new IllegalArgumentException(dir + " already holds a run (" + EXPERIMENT + "); continue it with --resume "
                        + dir + " or choose another directory");
            }
            if (epochs.exists(e -> e > 0)) {
                throw new IllegalArgumentException(dir + " holds snapshots (epoch-NNNN.json) but no " + EXPERIMENT
                        + ", so it is not a run purenet can continue or replace; choose another directory");
            }
            AtomicFiles.removeLeftovers(dir);
            Files.deleteIfExists(dir.resolve(EXPERIMENT)); // a run that stopped before its first snapshot
            ObjectNode run = JSON.createObjectNode();
            run.put("eval", watch.eval());
            watch.monitor().forEach(run.putArray("monitor")::add);
            run.put("data", watch.data().toString());
            if (watch.expand()) {
                run.put("expand", true); // absent means plain data, as in every run.json written before --expand
            }
            if (watch.csv() != null) {
                ObjectNode csv = run.putObject("csv");
                csv.put("label", watch.csv().label());
                csv.put("validation", watch.csv().validation());
                csv.put("test", watch.csv().test());
                csv.put("standardize", watch.csv().standardize());
            }
            AtomicFiles.write(dir.resolve(RUN), out -> out.write(JSON.writeValueAsBytes(run)));
            RunDirectory created = new RunDirectory(dir, experiment, watch, lock);
            created.write(experiment.start());
            publishExperiment(dir, experiment);
            return created;
        } catch (IOException e) {
            lock.close();
            throw new UncheckedIOException("cannot record the run in " + dir + ": " + AtomicFiles.reason(e), e);
        } catch (RuntimeException e) {
            lock.close();
            throw e;
        }
    }

    /** Writes experiment.json completely beside it, then links it into place: it is created, never replaced. */
    private static void publishExperiment(Path dir, Experiment experiment) throws IOException {
        Path staged = dir.resolve("." + EXPERIMENT + "." + ProcessHandle.current().pid() + ".tmp");
        try {
            Experiments.write(staged, experiment);
            Files.createLink(dir.resolve(EXPERIMENT), staged);
        } catch (FileAlreadyExistsException e) {
            throw new IllegalArgumentException(dir + " already holds a run (" + EXPERIMENT + " was created by another run"
                    + " meanwhile); choose another directory");
        } finally {
            Files.deleteIfExists(staged);
        }
    }

    /** Opens a recorded run to read it. */
    static RunDirectory open(Path dir) {
        return open(dir, null);
    }

    /**
     * Opens a recorded run to continue it: locks the directory until {@link #close}, and removes
     * the temporary files a killed run left there.
     */
    static RunDirectory openForWriting(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException(dir + " is not a directory holding a run (expected " + EXPERIMENT + " there)");
        }
        Lock lock = Lock.acquire(dir);
        try {
            RunDirectory run = open(dir, lock);
            AtomicFiles.removeLeftovers(dir);
            return run;
        } catch (RuntimeException e) {
            lock.close();
            throw e;
        }
    }

    private static RunDirectory open(Path dir, Lock lock) {
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException(dir + " is not a directory holding a run (expected " + EXPERIMENT + " there)");
        }
        if (!Files.isRegularFile(dir.resolve(EXPERIMENT))) {
            throw new IllegalArgumentException(dir + " is not a directory holding a run (expected " + EXPERIMENT + " there)");
        }
        Experiment experiment = Experiments.read(dir.resolve(EXPERIMENT));
        Path runFile = dir.resolve(RUN);
        if (!Files.isRegularFile(runFile)) {
            throw new IllegalArgumentException(dir + " has " + EXPERIMENT + " but no " + RUN + " (what the run watched)"
                    + (new RunDirectory(dir, experiment, null, null).snapshotEpochs().isEmpty()
                    ? ": its recording stopped before the first snapshot; start it again with 'purenet train --snapshots " + dir + "'"
                    : "; it was not recorded by 'purenet train --snapshots'"));
        }
        try {
            JsonNode run;
            try {
                run = JSON.readTree(Files.readAllBytes(runFile));
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                var at = e.getLocation();
                throw new DataFormatException(runFile + ": not valid JSON: " + Text.plainJsonMessage(e.getOriginalMessage())
                        + (at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr()));
            }
            if (run == null || !run.isObject()) {
                throw new DataFormatException(runFile + ": expected a JSON object with \"eval\", \"monitor\" and \"data\"");
            }
            java.util.List<String> monitor = new java.util.ArrayList<>();
            run.path("monitor").forEach(n -> monitor.add(n.asText()));
            if (!run.path("eval").isTextual() || !run.path("data").isTextual() || monitor.isEmpty()) {
                throw new DataFormatException(runFile + ": expected \"eval\", \"monitor\" and \"data\", got " + run);
            }
            CsvSettings csv = null;
            JsonNode c = run.get("csv");
            if (c != null) {
                if (!c.path("label").isTextual() || !c.path("validation").isNumber() || !c.path("test").isNumber()
                        || !c.path("standardize").isBoolean()) {
                    throw new DataFormatException(runFile + ": expected \"csv\" to hold \"label\", \"validation\", \"test\" and"
                            + " \"standardize\", got " + c);
                }
                csv = new CsvSettings(c.get("label").asText(), c.get("validation").asDouble(), c.get("test").asDouble(),
                        c.get("standardize").asBoolean());
            }
            JsonNode expand = run.get("expand");
            if (expand != null && !expand.isBoolean()) {
                throw new DataFormatException(runFile + ": expected \"expand\" to be true or false, got " + expand);
            }
            return new RunDirectory(dir, experiment, new Watch(run.get("eval").asText(), monitor, Path.of(run.get("data").asText()),
                    csv, expand != null && expand.asBoolean()), lock);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + runFile + ": " + AtomicFiles.reason(e), e);
        }
    }

    Path snapshotFile(int epoch) {
        String digits = Integer.toString(epoch);
        return dir.resolve("epoch-" + "0".repeat(Math.max(0, 4 - digits.length())) + digits + ".json");
    }

    void write(Epoch epoch) {
        Path file = snapshotFile(epoch.index());
        long parameters = Footprint.parameters(experiment.architecture());
        int stateSlots = experiment.rule().stateSlots();
        Memory.doing("writing " + file + " (" + parameters + " parameters" + (stateSlots > 0 ? " and " + stateSlots
                + " times as many optimizer state values" : "") + ", about " + Footprint.megabytes(64 * parameters * (1 + stateSlots))
                + " as a JSON tree)");
        Snapshots.write(file, epoch, experiment);
    }

    /**
     * What the recorded epochs up to a resume point hold for the resumed run: the report's points,
     * in order, and the epoch with the best evaluation ({@link EpochLines#isBetter}, the earliest
     * of equals), so that a resumed run's report and closing line cover every epoch, not only
     * those trained since the resume.
     *
     * @param points the report's points of the recorded epochs
     * @param best   the best recorded epoch, or null when none was measured
     */
    record History(java.util.List<EpochPoint> points, @org.jspecify.annotations.Nullable Epoch best) {}

    /**
     * Reads the recorded epochs up to {@code last} in one pass, one snapshot at a time (their
     * networks are not kept: a snapshot of network3.py's dropout network is 37 MB); a damaged one
     * is left out of both, with one warning.
     *
     * @param last      the last epoch to look at
     * @param leftOutOf what the warning says a damaged snapshot is left out of: what the caller uses
     *                  the history for ("the report", "the best epoch" or both)
     * @param warn      told of each snapshot left out
     * @return the points and the best epoch
     */
    History history(int last, String leftOutOf, java.util.function.Consumer<String> warn) {
        java.util.List<EpochPoint> points = new java.util.ArrayList<>();
        Epoch best = null;
        for (int epoch : snapshotEpochs().filter(e -> e <= last)) {
            Epoch recorded;
            try {
                recorded = Snapshots.readEpoch(snapshotFile(epoch)).epoch();
            } catch (SnapshotException e) {
                warn.accept("leaving out of " + leftOutOf + " " + e.getMessage());
                continue;
            }
            RunReports.point(recorded).forEach(points::add);
            if (EpochLines.isBetter(recorded, best)) {
                best = recorded;
            }
        }
        return new History(points, best);
    }

    /** The epoch numbers of the snapshot files present, in order; names whose number is too large for an epoch are left out (see {@link #strays}). */
    List<Integer> snapshotEpochs() {
        return snapshotNames().filter(m -> m.group(1).length() <= 9).map(m -> Integer.parseInt(m.group(1))).sorted();
    }

    /** Snapshot-like names that cannot be an epoch of this run: numbers past int, or past the experiment's last epoch. */
    List<String> strays() {
        return snapshotNames().filter(m -> m.group(1).length() > 9 || Integer.parseInt(m.group(1)) > experiment.epochs())
                .map(m -> m.group(0)).sorted();
    }

    private List<Matcher> snapshotNames() {
        try (var files = Files.list(dir)) {
            return List.ofAll(files.map(p -> SNAPSHOT.matcher(p.getFileName().toString()))
                    .filter(Matcher::matches)
                    .toList());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir + ": " + AtomicFiles.reason(e), e);
        }
    }

    /**
     * The latest snapshot that reads back as an epoch of this experiment, or none when there is
     * none (the run can then start from epoch 0, which its experiment alone determines). A damaged
     * later file (a crash cannot leave a half file, but a disk can) is skipped and reported, and
     * so is a name that cannot be an epoch of this run.
     */
    Option<Snapshots.Recorded> lastGoodSnapshot(java.util.function.Consumer<String> warn) {
        strays().forEach(name -> warn.accept("ignoring " + dir.resolve(name) + ": this run has epochs 0 to " + experiment.epochs()));
        for (int epoch : snapshotEpochs().filter(e -> e <= experiment.epochs()).reverse()) {
            Path file = snapshotFile(epoch);
            try {
                Snapshots.Recorded recorded = Snapshots.readEpoch(file);
                if (recorded.experiment().equals(experiment) && recorded.epoch().index() == epoch) {
                    return Option.some(recorded);
                }
                warn.accept("skipping " + file + ": it belongs to another experiment or epoch");
            } catch (SnapshotException e) {
                warn.accept("skipping " + e.getMessage());
            }
        }
        return Option.none();
    }

    /** The recorded epoch, if its snapshot exists. */
    Option<Snapshots.Recorded> snapshot(int epoch) {
        Path file = snapshotFile(epoch);
        return Files.exists(file) ? Option.some(Snapshots.readEpoch(file)) : Option.none();
    }
}
