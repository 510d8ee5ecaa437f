package dev.purenet.cli;

import dev.purenet.data.Mnist;
import dev.purenet.data.MnistFetch;
import dev.purenet.train.Experiment;
import dev.purenet.train.Footprint;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --data DIR}: where the MNIST-format files are, fetched there on first use; or {@code --data FILE.csv} (see {@link CsvData}). */
final class DataOptions {
    /** Where MNIST is fetched when no --data is given. */
    static final String DEFAULT = "data/mnist";

    @Option(names = "--data", paramLabel = "DIR|FILE.csv", defaultValue = DEFAULT,
            description = "Directory with the four MNIST-format IDX files (raw or .gz); MNIST is fetched there when absent."
                    + " Or a CSV file (a name ending in .csv, or any file): a header row, numeric features and a label column"
                    + " (see docs/csv.md). Default: ${DEFAULT-VALUE}")
    Path dir;

    /** The data directory recorded with a run. */
    static DataOptions at(Path dir) {
        DataOptions options = new DataOptions();
        options.dir = dir;
        return options;
    }

    Mnist load() {
        long bytes = 0;
        for (String name : Mnist.FILES) {
            for (Path f : new Path[] {dir.resolve(name), dir.resolve(name + ".gz")}) {
                try {
                    bytes += Files.isRegularFile(f) ? Files.size(f) : 0;
                } catch (java.io.IOException e) {
                    // Only for the message; reading the file reports the problem.
                }
            }
        }
        Memory.doing("reading the data in " + dir + " (" + Footprint.megabytes(bytes) + " on disk)");
        return MnistFetch.loadOrFetch(dir, message -> System.err.println("purenet: " + message));
    }

    /**
     * The data a run directory names: {@code --data} when given, else the recorded directory,
     * which is fetched into only when it is the default one. A run copied from another machine
     * names a path that means nothing here; fetching MNIST into it would write where the command
     * line never said.
     */
    static Mnist forRun(DataOptions given, Path recorded) {
        if (given != null) {
            return given.load();
        }
        boolean isDefault = recorded.toAbsolutePath().normalize().equals(Path.of(DEFAULT).toAbsolutePath().normalize());
        if (!isDefault && !Mnist.isPresent(recorded)) {
            throw new IllegalArgumentException("the run was recorded with the data in " + recorded + ", which "
                    + (Files.exists(recorded) ? "does not hold the four MNIST-format files" : "does not exist")
                    + "; give the data with --data DIR");
        }
        return at(recorded).load();
    }

    /** The data of a run: MNIST-format, or the parts of a CSV file with what was done to them. */
    record Loaded(Mnist mnist, CsvData.@org.jspecify.annotations.Nullable Split csv) {}

    /**
     * The data a run directory names, as {@link #forRun(DataOptions, Path)}, its training images
     * expanded again when the run was trained with {@code --expand}; a run on a CSV file
     * reads {@code --data FILE.csv} when given, else the recorded file, and splits and scales it
     * again with the recorded settings and the experiment's seed.
     */
    static Loaded forRun(DataOptions given, RunDirectory.Watch watch, long seed) {
        RunDirectory.CsvSettings csv = watch.csv();
        if (csv == null) {
            Mnist mnist = forRun(given, watch.data());
            return new Loaded(watch.expand() ? mnist.expanded() : mnist, null);
        }
        Path file = given != null ? given.dir : watch.data();
        Memory.doing("reading the CSV file " + file);
        CsvData.Split split = CsvData.split(CsvData.read(file, csv.label(), true), csv.validation(), csv.test(),
                csv.standardize(), seed);
        return new Loaded(split.parts(), split);
    }

    /** {@link Experiment#requireData}, naming the data directory. */
    static void requireData(Experiment experiment, Mnist mnist, Path dir) {
        try {
            experiment.requireData(mnist.training());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the data in " + dir + " is not the run's: " + e.getMessage());
        }
    }
}
