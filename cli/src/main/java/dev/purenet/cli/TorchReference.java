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

/**
 * A {@code --layers} network in PyTorch on the CPU ({@code torch_network.py}, shipped in this
 * jar) run beside purenet by {@code bench --vs-torch}: one python process per configuration that
 * holds a float64 and/or a float32 copy of the network, and trains one epoch of the precision
 * named on its standard input each time it is asked, so that its timed epochs alternate with
 * purenet's (as {@link NumpyReference}'s) and each purenet epoch is followed by a torch epoch in
 * the same precision. One thread, as purenet.
 */
final class TorchReference implements AutoCloseable {
    static final String SCRIPT_NAME = "torch_network.py";
    static final String INSTALL = "apt-get install python3-torch";

    /** One line the script prints (its docstring lists them). */
    sealed interface Line {
        /** torch's version, threads and whether oneDNN (mkldnn) is there, e.g. {@code torch 1.13.0 threads 1 mkldnn True}. */
        record Describe(String text) implements Line {}

        /** The data is loaded and the warm-up epochs of every precision are done. */
        record Ready() implements Line {}

        record Epoch(String dtype, int index, double seconds) implements Line {}

        /** How many of the training images a precision's trained network classifies right. */
        record Correct(String dtype, int correct, int total) implements Line {}
    }

    /** A layer description the script cannot build (dropout, an unknown activation): the script's own line. */
    static final class LayersRefused extends IllegalArgumentException {
        LayersRefused(String message) {
            super(message);
        }
    }

    private final Process process;
    private final BufferedReader out;
    private final Writer in;
    private final Path errors;
    private final Map<String, List<Double>> seconds = new LinkedHashMap<>();

    private TorchReference(Process process, Path errors, List<String> dtypes) {
        this.process = process;
        this.errors = errors;
        this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        this.in = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        dtypes.forEach(d -> seconds.put(d, new ArrayList<>()));
    }

    private static boolean isDtype(String word) {
        return word.equals("float64") || word.equals("float32");
    }

    /** Parses one line of the script's output; anything else is an error naming the line. */
    static Line parse(String line) {
        String[] words = line.strip().split(" ");
        try {
            switch (words[0]) {
                case "torch":
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
                    if (words.length == 4 && isDtype(words[1])) {
                        double s = Double.parseDouble(words[3]);
                        if (Double.isFinite(s) && s >= 0) {
                            return new Line.Epoch(words[1], Integer.parseInt(words[2]), s);
                        }
                    }
                    break;
                case "correct":
                    if (words.length == 4 && isDtype(words[1])) {
                        return new Line.Correct(words[1], Integer.parseInt(words[2]), Integer.parseInt(words[3]));
                    }
                    break;
                default:
                    break;
            }
        } catch (NumberFormatException e) {
            // Falls through to the error below, which shows the whole line.
        }
        throw error(SCRIPT_NAME + " printed '" + line + "', expected 'torch VERSION ...', 'ready', 'epoch DTYPE K SECONDS' or"
                + " 'correct DTYPE C N'");
    }

    /** The script, copied out of the jar into {@code dir} so that python can run it. */
    static Path writeScript(Path dir) {
        try (InputStream script = TorchReference.class.getResourceAsStream("bench/" + SCRIPT_NAME)) {
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
     * What torch runs on ({@link Line.Describe}), from the script itself after it has checked the
     * layer description; when the interpreter cannot be started or cannot import torch, an error
     * saying what to install; when the script refuses the layers, {@link LayersRefused} with its reason.
     */
    static String describe(String python, Path script, String layers) {
        List<String> command = List.of(python, script.toString(), "--describe", "--layers", layers);
        String output;
        int code;
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
            builder.environment().putAll(NumpyReference.ONE_THREAD);
            Process child = builder.start();
            output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!child.waitFor(120, TimeUnit.SECONDS)) {
                child.destroyForcibly();
                throw new IllegalArgumentException("--vs-torch: '" + python + " " + SCRIPT_NAME + " --describe' did not finish in 120 s");
            }
            code = child.exitValue();
        } catch (IOException e) {
            throw new IllegalArgumentException("--vs-torch needs python3 with torch, and '" + python + "' cannot be run ("
                    + e.getMessage() + "); install them with '" + INSTALL + "', or name an interpreter with --python");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalArgumentException("--vs-torch: interrupted while starting " + python);
        }
        List<String> lines = output.lines().filter(l -> !l.isBlank()).toList();
        String last = lines.isEmpty() ? "no output" : lines.get(lines.size() - 1).strip();
        if (code == 2 && last.startsWith(SCRIPT_NAME + ": ")) {
            throw new LayersRefused("--vs-torch: " + last.substring(SCRIPT_NAME.length() + 2));
        }
        if (code != 0) {
            String why = last.contains("No module named 'torch'") ? "cannot import torch" : "failed with exit code " + code;
            throw new IllegalArgumentException("--vs-torch needs torch, and '" + python + "' " + why + " (" + last
                    + "); install it with '" + INSTALL + "', or name an interpreter that has it with --python");
        }
        if (lines.size() != 1 || !(parse(last) instanceof Line.Describe d)) {
            throw error(python + " " + SCRIPT_NAME + " --describe printed '" + output.strip() + "', expected one line 'torch VERSION ...'");
        }
        return d.text();
    }

    /**
     * Starts the script on the first {@code images} training images in {@code data} with a copy
     * of the network in each of {@code dtypes}, and returns once it has loaded them and trained
     * the warm-up epochs of each; {@link #epoch(String)} then runs one timed epoch of a dtype.
     */
    static TorchReference start(String python, Path script, Path workDir, Path data, int images, String layers, int m, double eta,
                                int warmup, List<String> dtypes, long seed) {
        List<String> command = List.of(python, script.toString(), "--data", data.toAbsolutePath().toString(),
                "--images", Integer.toString(images), "--layers", layers, "--batch", Integer.toString(m),
                "--eta", Double.toString(eta), "--warmup", Integer.toString(warmup), "--seed", Long.toString(seed),
                "--dtypes", String.join(",", dtypes), "--paced");
        try {
            Path errors = Files.createTempFile(workDir, "torch-", ".err");
            ProcessBuilder builder = new ProcessBuilder(command).redirectError(errors.toFile());
            builder.environment().putAll(NumpyReference.ONE_THREAD);
            TorchReference torch = new TorchReference(builder.start(), errors, dtypes);
            try {
                torch.expect(Line.Describe.class);
                torch.expect(Line.Ready.class);
            } catch (RuntimeException e) {
                torch.close();
                throw e;
            }
            return torch;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + String.join(" ", command) + ": " + e.getMessage(), e);
        }
    }

    /** Runs one timed epoch in {@code dtype} (float64 or float32, one the process was started with) and returns its seconds. */
    double epoch(String dtype) {
        List<Double> times = seconds.get(dtype);
        if (times == null) {
            throw new IllegalArgumentException("the torch process was started for " + seconds.keySet() + ", not " + dtype);
        }
        try {
            in.write(dtype + "\n");
            in.flush();
        } catch (IOException e) {
            throw failure("stopped taking epochs (" + e.getMessage() + ")");
        }
        Line.Epoch epoch = expect(Line.Epoch.class);
        if (!epoch.dtype().equals(dtype) || epoch.index() != times.size() + 1) {
            throw failure("reported epoch " + epoch.index() + " in " + epoch.dtype() + " where epoch " + (times.size() + 1) + " in "
                    + dtype + " was due");
        }
        times.add(epoch.seconds());
        return epoch.seconds();
    }

    /** The timed epochs' seconds so far in {@code dtype}. */
    double[] seconds(String dtype) {
        return seconds.getOrDefault(dtype, List.of()).stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** After the last epoch: how each precision's trained network does on its training images; the process has ended. */
    Map<String, Line.Correct> finish() {
        try {
            // End of input first: a script still waiting for an epoch ends instead of hanging the bench.
            in.close();
        } catch (IOException e) {
            throw failure("could not be told to end (" + e.getMessage() + ")");
        }
        Map<String, Line.Correct> correct = new LinkedHashMap<>();
        for (int k = 0; k < seconds.size(); k++) {
            Line.Correct c = expect(Line.Correct.class);
            correct.put(c.dtype(), c);
        }
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
            throw failure("stopped before its '" + kind.getSimpleName().toLowerCase(Locale.ROOT) + "' line");
        }
        Line parsed = parse(line);
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
