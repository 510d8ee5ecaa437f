package dev.purenet.cli;

import java.nio.file.Path;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The book's network in numpy ({@code numpy_network.py}, shipped in this jar) run beside purenet
 * by {@code bench --vs-numpy}: one python process per configuration, whose timed epochs are paced
 * from here ({@link ReferenceProcess}) so that they alternate with purenet's and noise from the
 * rest of the machine falls on both. numpy gets one BLAS thread, as purenet.
 */
final class NumpyReference implements AutoCloseable {
    /** The script, and the forms of the lines it prints. */
    static final ReferenceProcess.Script<Line> SCRIPT = new ReferenceProcess.Script<>("numpy_network.py", "numpy",
            "apt-get install python3-numpy", 60, List.of("numpy VERSION BLAS", "ready", "epoch K SECONDS", "correct C N"),
            NumpyReference::lineOf);
    /** The script has one series of epochs, asked for by an empty line. */
    private static final String ONLY_SERIES = "";

    /** One line the script prints (its docstring lists them). */
    sealed interface Line {
        /** numpy's version and the BLAS it was built with, e.g. {@code numpy 2.4.6 scipy-openblas 0.3.31}. */
        record Describe(String text) implements Line {}

        /** The data is loaded and the warm-up epochs are done. */
        record Ready() implements Line {}

        record Epoch(int index, double seconds) implements Line, ReferenceProcess.EpochLine {}

        /** How many of the training images the trained network classifies right. */
        record Correct(int correct, int total) implements Line {}
    }

    private final ReferenceProcess process;

    private NumpyReference(ReferenceProcess process) {
        this.process = process;
    }

    /** Parses one line of the script's output; anything else is an error naming the line. */
    static Line parse(String line) {
        return SCRIPT.parse(line);
    }

    private static @Nullable Line lineOf(String line) {
        String[] words = line.split(" ");
        return switch (words[0]) {
            case "numpy" -> words.length >= 2 ? new Line.Describe(line) : null;
            case "ready" -> words.length == 1 ? new Line.Ready() : null;
            case "epoch" -> words.length == 3 ? new Line.Epoch(Integer.parseInt(words[1]), ReferenceProcess.parseSeconds(words[2])) : null;
            case "correct" -> words.length == 3 ? new Line.Correct(Integer.parseInt(words[1]), Integer.parseInt(words[2])) : null;
            default -> null;
        };
    }

    /** The script, copied out of the jar into {@code dir} so that python can run it. */
    static Path writeScript(Path dir) {
        return SCRIPT.writeInto(dir);
    }

    /**
     * What numpy runs on ({@link Line.Describe}), from the script itself; when the interpreter
     * cannot be started or cannot import numpy, an error saying what to install.
     */
    static String describe(String python, Path script) {
        return ReferenceProcess.describe(SCRIPT, List.of(python, script.toString(), "--describe"))
                .text(line -> line instanceof Line.Describe d ? d.text() : null);
    }

    /**
     * Starts the script on the first {@code images} training images in {@code data} and returns
     * once it has loaded them and trained the warm-up epochs; {@link #epoch()} then runs each of
     * the {@code epochs} timed ones.
     */
    static NumpyReference start(String python, Path script, Path workDir, Path data, int images, int hidden, int m, double eta,
                                int warmup, int epochs, long seed) {
        List<String> command = List.of(python, script.toString(), "--data", data.toAbsolutePath().toString(),
                "--images", Integer.toString(images), "--hidden", Integer.toString(hidden), "--batch", Integer.toString(m),
                "--eta", Double.toString(eta), "--epochs", Integer.toString(epochs), "--warmup", Integer.toString(warmup),
                "--seed", Long.toString(seed), "--paced");
        return new NumpyReference(ReferenceProcess.start(SCRIPT, command, workDir, List.of(ONLY_SERIES), Line.Describe.class,
                Line.Ready.class));
    }

    /** Runs one timed epoch and returns its seconds. */
    double epoch() {
        return process.epoch(ONLY_SERIES, Line.Epoch.class);
    }

    /** The timed epochs' seconds so far. */
    double[] seconds() {
        return process.seconds(ONLY_SERIES);
    }

    /** After the last epoch: how the trained network does on its training images; the process has ended. */
    Line.Correct finish() {
        return process.finish(Line.Correct.class).get(0);
    }

    /** Ends the process if it is still running (an error cut the run short). */
    @Override
    public void close() {
        process.close();
    }
}
