package dev.purenet.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The book's network in numpy ({@code numpy_network.py}, shipped in this jar) run beside purenet
 * by {@code bench --vs-numpy}: one python process per configuration, whose timed epochs are paced
 * from here so that they alternate with purenet's and noise from the rest of the machine falls on
 * both. numpy gets one BLAS thread, as purenet.
 */
final class NumpyReference implements AutoCloseable {
    static final String SCRIPT_NAME = "numpy_network.py";
    static final String INSTALL = "apt-get install python3-numpy";
    /** Every BLAS numpy may be built with reads one of these; one thread each, as purenet's. */
    static final Map<String, String> ONE_THREAD = Map.of("OPENBLAS_NUM_THREADS", "1", "OMP_NUM_THREADS", "1", "MKL_NUM_THREADS", "1");

    /** One line the script prints (its docstring lists them). */
    sealed interface Line {
        /** numpy's version and the BLAS it was built with, e.g. {@code numpy 2.4.6 scipy-openblas 0.3.31}. */
        record Describe(String text) implements Line {}

        /** The data is loaded and the warm-up epochs are done. */
        record Ready() implements Line {}

        record Epoch(int index, double seconds) implements Line {}

        /** How many of the training images the trained network classifies right. */
        record Correct(int correct, int total) implements Line {}
    }

    private final Process process;
    private final BufferedReader out;
    private final Writer in;
    private final Path errors;
    private final List<Double> seconds = new ArrayList<>();

    private NumpyReference(Process process, Path errors) {
        this.process = process;
        this.errors = errors;
        this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        this.in = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
    }

    /** Parses one line of the script's output; anything else is an error naming the line. */
    static Line parse(String line) {
        String[] words = line.strip().split(" ");
        try {
            switch (words[0]) {
                case "numpy":
                    if (words.length >= 2) {
                        return new Line.Describe(line.strip());
                    }
                    break;
                case "ready":
                    if (words.length == 1) {
                        return new Line.Ready();
                    }
                    break;
                case "epoch":
                    if (words.length == 3) {
                        double s = Double.parseDouble(words[2]);
                        if (Double.isFinite(s) && s >= 0) {
                            return new Line.Epoch(Integer.parseInt(words[1]), s);
                        }
                    }
                    break;
                case "correct":
                    if (words.length == 3) {
                        return new Line.Correct(Integer.parseInt(words[1]), Integer.parseInt(words[2]));
                    }
                    break;
                default:
                    break;
            }
        } catch (NumberFormatException e) {
            // Falls through to the error below, which shows the whole line.
        }
        throw error(SCRIPT_NAME + " printed '" + line + "', expected 'numpy VERSION BLAS', 'ready', 'epoch K SECONDS' or 'correct C N'");
    }

    /** The script, copied out of the jar into {@code dir} so that python can run it. */
    static Path writeScript(Path dir) {
        try (InputStream script = NumpyReference.class.getResourceAsStream("bench/" + SCRIPT_NAME)) {
            if (script == null) {
                throw new IllegalStateException("bench/" + SCRIPT_NAME + " is missing from the purenet jar");
            }
            Path file = dir.resolve(SCRIPT_NAME);
            Files.copy(script, file);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + SCRIPT_NAME + " into " + dir + ": " + e.getMessage(), e);
        }
    }

    /**
     * What numpy runs on ({@link Line.Describe}), from the script itself; when the interpreter
     * cannot be started or cannot import numpy, an error saying what to install.
     */
    static String describe(String python, Path script) {
        List<String> command = List.of(python, script.toString(), "--describe");
        String output;
        int code;
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
            builder.environment().putAll(ONE_THREAD);
            Process child = builder.start();
            output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!child.waitFor(60, TimeUnit.SECONDS)) {
                child.destroyForcibly();
                throw new IllegalArgumentException("--vs-numpy: '" + python + " " + SCRIPT_NAME + " --describe' did not finish in 60 s");
            }
            code = child.exitValue();
        } catch (IOException e) {
            throw new IllegalArgumentException("--vs-numpy needs python3 with numpy, and '" + python + "' cannot be run ("
                    + e.getMessage() + "); install them with '" + INSTALL + "', or name an interpreter with --python");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalArgumentException("--vs-numpy: interrupted while starting " + python);
        }
        List<String> lines = output.lines().filter(l -> !l.isBlank()).toList();
        String last = lines.isEmpty() ? "no output" : lines.get(lines.size() - 1).strip();
        if (code != 0) {
            String why = last.contains("No module named 'numpy'") ? "cannot import numpy" : "failed with exit code " + code;
            throw new IllegalArgumentException("--vs-numpy needs numpy, and '" + python + "' " + why + " (" + last
                    + "); install it with '" + INSTALL + "', or name an interpreter that has it with --python");
        }
        if (lines.size() != 1 || !(parse(last) instanceof Line.Describe d)) {
            throw error(python + " " + SCRIPT_NAME + " --describe printed '" + output.strip() + "', expected one line 'numpy VERSION BLAS'");
        }
        return d.text();
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
        try {
            Path errors = Files.createTempFile(workDir, "numpy-", ".err");
            ProcessBuilder builder = new ProcessBuilder(command).redirectError(errors.toFile());
            builder.environment().putAll(ONE_THREAD);
            NumpyReference numpy = new NumpyReference(builder.start(), errors);
            try {
                numpy.expect(Line.Describe.class);
                numpy.expect(Line.Ready.class);
            } catch (RuntimeException e) {
                numpy.close();
                throw e;
            }
            return numpy;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + String.join(" ", command) + ": " + e.getMessage(), e);
        }
    }

    /** Runs one timed epoch and returns its seconds. */
    double epoch() {
        try {
            in.write('\n');
            in.flush();
        } catch (IOException e) {
            throw failure("stopped taking epochs (" + e.getMessage() + ")");
        }
        Line.Epoch epoch = expect(Line.Epoch.class);
        if (epoch.index() != seconds.size() + 1) {
            throw failure("reported epoch " + epoch.index() + " where epoch " + (seconds.size() + 1) + " was due");
        }
        seconds.add(epoch.seconds());
        return epoch.seconds();
    }

    /** The timed epochs' seconds so far. */
    double[] seconds() {
        return seconds.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** After the last epoch: how the trained network does on its training images; the process has ended. */
    Line.Correct finish() {
        try {
            // End of input first: a script still waiting for an epoch ends instead of hanging the bench.
            in.close();
        } catch (IOException e) {
            throw failure("could not be told to end (" + e.getMessage() + ")");
        }
        Line.Correct correct = expect(Line.Correct.class);
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw failure("did not end cleanly after its last line");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failure("was interrupted");
        }
        return correct;
    }

    private <T extends Line> T expect(Class<T> kind) {
        String line;
        try {
            line = out.readLine();
        } catch (IOException e) {
            throw failure("could not be read (" + e.getMessage() + ")");
        }
        if (line == null) {
            throw failure("stopped before its '" + kind.getSimpleName().toLowerCase(java.util.Locale.ROOT) + "' line");
        }
        Line parsed = parse(line);
        if (!kind.isInstance(parsed)) {
            throw failure("printed '" + line + "' where its '" + kind.getSimpleName().toLowerCase(java.util.Locale.ROOT)
                    + "' line was due");
        }
        return kind.cast(parsed);
    }

    /** An error naming the script's last line on standard error (a Python traceback ends with the reason). */
    private UncheckedIOException failure(String what) {
        String reason = "";
        try {
            List<String> lines = Files.readAllLines(errors).stream().filter(l -> !l.isBlank()).toList();
            if (!lines.isEmpty()) {
                reason = ": " + lines.get(lines.size() - 1).strip();
            }
        } catch (IOException e) {
            reason = " (its standard error is unreadable: " + e.getMessage() + ")";
        }
        return error(SCRIPT_NAME + " " + what + reason);
    }

    /** The exception for a child process that misbehaved: {@code purenet: MESSAGE}, exit code 1. */
    private static UncheckedIOException error(String message) {
        return new UncheckedIOException(message, new IOException(message));
    }

    /** Ends the process if it is still running (an error cut the run short). */
    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
        }
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
