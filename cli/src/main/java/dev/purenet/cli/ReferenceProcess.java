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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * A python script that {@code bench} runs beside purenet as a reference ({@link NumpyReference},
 * {@link TorchReference}): copied out of the jar, asked what it runs on, then run as one process
 * whose timed epochs are paced from here, one request line each, so that they alternate with
 * purenet's and noise from the rest of the machine falls on both. A script that dies or prints
 * what it should not ends the bench with an error naming the line, or the last line of its
 * standard error (a Python traceback ends with the reason). The caller gives what differs: the
 * script, its arguments and which of its lines it expects when.
 */
final class ReferenceProcess implements AutoCloseable {
    /** Every BLAS numpy or torch may be built with reads one of these; one thread each, as purenet's. */
    static final Map<String, String> ONE_THREAD = Map.of("OPENBLAS_NUM_THREADS", "1", "OMP_NUM_THREADS", "1", "MKL_NUM_THREADS", "1");

    /**
     * One reference script: its file name in the jar's {@code bench/} folder, the python module it
     * needs (which also names the {@code --vs-} option that runs it), the command that installs
     * that, how long its {@code --describe} may take (mostly the module's import), the forms of the
     * lines it prints (its {@code --describe} line first), and the grammar that reads one stripped
     * line as an {@code L}, or null when the line has none of those forms.
     *
     * @param <L> the lines the script prints
     */
    record Script<L>(String name, String module, String install, int describeSeconds, List<String> forms,
                     Function<String, @Nullable L> grammar) {
        /** The bench option that runs the script, e.g. {@code --vs-numpy}. */
        String option() {
            return "--vs-" + module;
        }

        /** Parses one line of the script's output; anything else is an error naming the line. */
        L parse(String line) {
            @Nullable L parsed = null;
            try {
                parsed = grammar.apply(line.strip());
            } catch (NumberFormatException e) {
                // Falls through to the error below, which shows the whole line.
            }
            if (parsed == null) {
                List<String> quoted = forms.stream().map(form -> "'" + form + "'").toList();
                throw error(name + " printed '" + line + "', expected " + String.join(", ", quoted.subList(0, quoted.size() - 1))
                        + " or " + quoted.get(quoted.size() - 1));
            }
            return parsed;
        }

        /** The script, copied out of the jar into {@code dir} so that python can run it. */
        Path writeInto(Path dir) {
            try (InputStream script = ReferenceProcess.class.getResourceAsStream("bench/" + name)) {
                if (script == null) {
                    throw new IllegalStateException("bench/" + name + " is missing from the purenet jar");
                }
                Path file = dir.resolve(name);
                Files.copy(script, file);
                return file;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + name + " into " + dir + ": " + e.getMessage(), e);
            }
        }
    }

    /** The seconds of a reported epoch: a finite number, not negative; anything else a {@link NumberFormatException}. */
    static double parseSeconds(String word) {
        double seconds = Double.parseDouble(word);
        if (!Double.isFinite(seconds) || seconds < 0) {
            throw new NumberFormatException("not a duration: " + word);
        }
        return seconds;
    }

    /** A line that reports a timed epoch: which one of which series, and its seconds. */
    interface EpochLine {
        /** The series the epoch belongs to (a precision, say); a script with one series names none. */
        default String series() {
            return "";
        }

        /** The epoch's number in its series, from 1. */
        int index();

        /** How long the epoch trained. */
        double seconds();
    }

    /**
     * What a script's {@code --describe} printed, standard error included, and its exit code.
     *
     * @param script the script
     * @param python the interpreter that ran it
     * @param code its exit code
     * @param output all it printed
     */
    record Described(Script<?> script, String python, int code, String output) {
        /** Its last line that is not blank, stripped; {@code no output} when there is none. */
        String lastLine() {
            List<String> lines = lines();
            return lines.isEmpty() ? "no output" : lines.get(lines.size() - 1).strip();
        }

        /**
         * The text of its one line, which {@code describeText} takes from the parsed line (null for
         * any other line); when the script failed, an error saying what to install.
         */
        String text(Function<Object, @Nullable String> describeText) {
            String last = lastLine();
            if (code != 0) {
                String why = last.contains("No module named '" + script.module() + "'") ? "cannot import " + script.module()
                        : "failed with exit code " + code;
                throw new IllegalArgumentException(script.option() + " needs " + script.module() + ", and '" + python + "' " + why + " ("
                        + last + "); install it with '" + script.install() + "', or name an interpreter that has it with --python");
            }
            @Nullable String text = lines().size() == 1 ? describeText.apply(script.parse(last)) : null;
            if (text == null) {
                throw error(python + " " + script.name() + " --describe printed '" + output.strip() + "', expected one line '"
                        + script.forms().get(0) + "'");
            }
            return text;
        }

        private List<String> lines() {
            return output.lines().filter(l -> !l.isBlank()).toList();
        }
    }

    private final Script<?> script;
    private final Process process;
    private final BufferedReader out;
    private final Writer in;
    private final Path errors;
    private final Map<String, List<Double>> seconds = new LinkedHashMap<>();

    private ReferenceProcess(Script<?> script, Process process, Path errors, List<String> series) {
        this.script = script;
        this.process = process;
        this.errors = errors;
        this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        this.in = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        series.forEach(s -> seconds.put(s, new ArrayList<>()));
    }

    /**
     * Runs {@code command} (an interpreter, the script, {@code --describe} and any arguments) and
     * returns what it printed; when the interpreter cannot be run, an error saying what to install.
     */
    static Described describe(Script<?> script, List<String> command) {
        String python = command.get(0);
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
            builder.environment().putAll(ONE_THREAD);
            Process child = builder.start();
            String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!child.waitFor(script.describeSeconds(), TimeUnit.SECONDS)) {
                child.destroyForcibly();
                throw new IllegalArgumentException(script.option() + ": '" + python + " " + script.name() + " --describe' did not finish in "
                        + script.describeSeconds() + " s");
            }
            return new Described(script, python, child.exitValue(), output);
        } catch (IOException e) {
            throw new IllegalArgumentException(script.option() + " needs python3 with " + script.module() + ", and '" + python
                    + "' cannot be run (" + e.getMessage() + "); install them with '" + script.install()
                    + "', or name an interpreter with --python");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalArgumentException(script.option() + ": interrupted while starting " + python);
        }
    }

    /**
     * Starts {@code command} (an interpreter, the script and its arguments, {@code --paced} among
     * them) with its standard error kept in a file in {@code workDir}, and returns once the script
     * has printed {@code firstLines}; {@link #epoch} then asks for the timed epochs of each of
     * {@code series}.
     */
    static ReferenceProcess start(Script<?> script, List<String> command, Path workDir, List<String> series, Class<?>... firstLines) {
        try {
            Path errors = Files.createTempFile(workDir, script.module() + "-", ".err");
            ProcessBuilder builder = new ProcessBuilder(command).redirectError(errors.toFile());
            builder.environment().putAll(ONE_THREAD);
            ReferenceProcess reference = new ReferenceProcess(script, builder.start(), errors, series);
            try {
                for (Class<?> kind : firstLines) {
                    reference.expect(kind);
                }
            } catch (RuntimeException e) {
                reference.close();
                throw e;
            }
            return reference;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + String.join(" ", command) + ": " + e.getMessage(), e);
        }
    }

    /**
     * Runs one timed epoch of {@code series} (one the process was started with): asks for it with
     * a line naming the series, reads the {@code kind} line the script answers with, which must
     * report that series' next epoch, and keeps and returns its seconds.
     */
    double epoch(String series, Class<? extends EpochLine> kind) {
        List<Double> times = seconds.get(series);
        if (times == null) {
            throw new IllegalArgumentException("the " + script.module() + " process was started for " + seconds.keySet() + ", not " + series);
        }
        try {
            in.write(series + "\n");
            in.flush();
        } catch (IOException e) {
            throw failure("stopped taking epochs (" + e.getMessage() + ")");
        }
        EpochLine epoch = expect(kind);
        if (!epoch.series().equals(series) || epoch.index() != times.size() + 1) {
            throw failure("reported epoch " + epoch.index() + in(epoch.series()) + " where epoch " + (times.size() + 1) + in(series)
                    + " was due");
        }
        times.add(epoch.seconds());
        return epoch.seconds();
    }

    /** " in SERIES" for a message; nothing for the unnamed series of a script that has one. */
    private static String in(String series) {
        return series.isEmpty() ? "" : " in " + series;
    }

    /** The timed epochs' seconds so far in {@code series}. */
    double[] seconds(String series) {
        return seconds.getOrDefault(series, List.of()).stream().mapToDouble(Double::doubleValue).toArray();
    }

    /**
     * After the last epoch: the {@code kind} lines the script prints last, one per series, once
     * it has ended cleanly.
     */
    <C> List<C> finish(Class<C> kind) {
        try {
            // End of input first: a script still waiting for an epoch ends instead of hanging the bench.
            in.close();
        } catch (IOException e) {
            throw failure("could not be told to end (" + e.getMessage() + ")");
        }
        List<C> last = new ArrayList<>();
        for (int k = 0; k < seconds.size(); k++) {
            last.add(expect(kind));
        }
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw failure("did not end cleanly after its last line");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failure("was interrupted");
        }
        return last;
    }

    private <T> T expect(Class<T> kind) {
        String line;
        try {
            line = out.readLine();
        } catch (IOException e) {
            throw failure("could not be read (" + e.getMessage() + ")");
        }
        if (line == null) {
            throw failure("stopped before its '" + kind.getSimpleName().toLowerCase(Locale.ROOT) + "' line");
        }
        Object parsed = script.parse(line);
        if (!kind.isInstance(parsed)) {
            throw failure("printed '" + line + "' where its '" + kind.getSimpleName().toLowerCase(Locale.ROOT) + "' line was due");
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
        return error(script.name() + " " + what + reason);
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
