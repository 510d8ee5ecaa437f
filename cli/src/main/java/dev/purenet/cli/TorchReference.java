package dev.purenet.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A {@code --layers} network in PyTorch on the CPU ({@code torch_network.py}, shipped in this
 * jar) run beside purenet by {@code bench --vs-torch}: one python process per configuration that
 * holds a float64 and/or a float32 copy of the network, and trains one epoch of the precision
 * named on its standard input each time it is asked, so that its timed epochs alternate with
 * purenet's (as {@link NumpyReference}'s, through {@link ReferenceProcess}) and each purenet epoch
 * is followed by a torch epoch in the same precision. One thread, as purenet.
 */
final class TorchReference implements AutoCloseable {
    /** The script, and the forms of the lines it prints. */
    static final ReferenceProcess.Script<Line> SCRIPT = new ReferenceProcess.Script<>("torch_network.py", "torch",
            "apt-get install python3-torch", 120,
            List.of("torch VERSION ...", "ready", "epoch DTYPE K SECONDS", "correct DTYPE C N"), TorchReference::lineOf);

    /** One line the script prints (its docstring lists them). */
    sealed interface Line {
        /** torch's version, threads and whether oneDNN (mkldnn) is there, e.g. {@code torch 1.13.0 threads 1 mkldnn True}. */
        record Describe(String text) implements Line {}

        /** The data is loaded and the warm-up epochs of every precision are done. */
        record Ready() implements Line {}

        /** A timed epoch in {@code dtype}, whose epochs are a series of their own. */
        record Epoch(String dtype, int index, double seconds) implements Line, ReferenceProcess.EpochLine {
            @Override
            public String series() {
                return dtype;
            }
        }

        /** How many of the training images a precision's trained network classifies right. */
        record Correct(String dtype, int correct, int total) implements Line {}
    }

    /** A layer description the script cannot build (dropout, an unknown activation): the script's own line. */
    static final class LayersRefused extends IllegalArgumentException {
        LayersRefused(String message) {
            super(message);
        }
    }

    private final ReferenceProcess process;

    private TorchReference(ReferenceProcess process) {
        this.process = process;
    }

    private static boolean isDtype(String word) {
        return word.equals("float64") || word.equals("float32");
    }

    /** Parses one line of the script's output; anything else is an error naming the line. */
    static Line parse(String line) {
        return SCRIPT.parse(line);
    }

    private static @Nullable Line lineOf(String line) {
        String[] words = line.split(" ");
        boolean ofDtype = words.length == 4 && isDtype(words[1]);
        return switch (words[0]) {
            case "torch" -> words.length >= 2 ? new Line.Describe(line) : null;
            case "ready" -> words.length == 1 ? new Line.Ready() : null;
            case "epoch" -> ofDtype ? new Line.Epoch(words[1], Integer.parseInt(words[2]), ReferenceProcess.parseSeconds(words[3])) : null;
            case "correct" -> ofDtype ? new Line.Correct(words[1], Integer.parseInt(words[2]), Integer.parseInt(words[3])) : null;
            default -> null;
        };
    }

    /** The script, copied out of the jar into {@code dir} so that python can run it. */
    static Path writeScript(Path dir) {
        return SCRIPT.writeInto(dir);
    }

    /**
     * What torch runs on ({@link Line.Describe}), from the script itself after it has checked the
     * layer description; when the interpreter cannot be started or cannot import torch, an error
     * saying what to install; when the script refuses the layers, {@link LayersRefused} with its reason.
     */
    static String describe(String python, Path script, String layers) {
        ReferenceProcess.Described described = ReferenceProcess.describe(SCRIPT,
                List.of(python, script.toString(), "--describe", "--layers", layers));
        String last = described.lastLine();
        String refusal = SCRIPT.name() + ": ";
        // The script's docstring: a description it refuses ends it with exit code 2 and this one line.
        if (described.code() == 2 && last.startsWith(refusal)) {
            throw new LayersRefused(SCRIPT.option() + ": " + last.substring(refusal.length()));
        }
        return described.text(line -> line instanceof Line.Describe d ? d.text() : null);
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
        return new TorchReference(ReferenceProcess.start(SCRIPT, command, workDir, dtypes, Line.Describe.class, Line.Ready.class));
    }

    /** Runs one timed epoch in {@code dtype} (float64 or float32, one the process was started with) and returns its seconds. */
    double epoch(String dtype) {
        return process.epoch(dtype, Line.Epoch.class);
    }

    /** The timed epochs' seconds so far in {@code dtype}. */
    double[] seconds(String dtype) {
        return process.seconds(dtype);
    }

    /** After the last epoch: how each precision's trained network does on its training images; the process has ended. */
    Map<String, Line.Correct> finish() {
        Map<String, Line.Correct> correct = new LinkedHashMap<>();
        for (Line.Correct c : process.finish(Line.Correct.class)) {
            correct.put(c.dtype(), c);
        }
        return correct;
    }

    /** Ends the process if it is still running (an error cut the run short). */
    @Override
    public void close() {
        process.close();
    }
}
