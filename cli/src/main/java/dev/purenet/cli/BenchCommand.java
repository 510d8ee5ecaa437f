package dev.purenet.cli;

import static dev.purenet.Seed.seed;

import dev.purenet.Activation;
import dev.purenet.Batch;
import dev.purenet.Cost;
import dev.purenet.Dense;
import dev.purenet.Layer;
import dev.purenet.Network;
import dev.purenet.Precision;
import dev.purenet.Spec;
import dev.purenet.data.Dataset;
import dev.purenet.train.Backprop;
import dev.purenet.train.Epoch;
import dev.purenet.train.Gradient;
import dev.purenet.train.Sgd;
import dev.purenet.train.UpdateRule;
import io.vavr.collection.Vector;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code purenet bench}: the ways purenet can train, timed side by side in one process on the
 * same data: network.py's per-example backprop, the matrix-based backprop through the pure API,
 * the training workspace behind {@code Sgd} with the built-in parts, and the same workspace with
 * a user-defined sigmoid, cost and update rule (the same formulas written through the public
 * extension API), which must match the built-ins' time and bits. With {@code --vs-numpy}, the
 * book's network in numpy ({@link NumpyReference}) in the same run, for a ratio column.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Time training epochs side by side: per-example backprop (network.py's loop), "
                + "matrix-based backprop through the pure API, the trainer Sgd uses (fast), and the same trainer "
                + "with a user-defined sigmoid (user-sigmoid), quadratic cost (user-cost) and learning-rate rule "
                + "(user-rule), each the built-in's formula written through the public extension API, and fast on "
                + "the same network in float32 (fast-float32: sgemm). Chapter-1 "
                + "settings (sigmoid, quadratic cost, eta 3.0), float64 unless the path says float32. Prints median/min/max seconds per "
                + "epoch after warm-up, the speed-up over the per-example loop, the time relative to fast, "
                + "GFLOP/s of the matrix products, and peak memory. With --vs-numpy, the book's network written in "
                + "numpy (fully matrix-based, one BLAS thread) trains one epoch after each timed purenet epoch, and a "
                + "'vs numpy' column gives each path's time over numpy's: the table in docs/performance.md.")
final class BenchCommand implements Callable<Integer> {
    private static final double ETA = 3.0;
    private static final long SEED = 1;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--hidden", split = ",", defaultValue = "30,100", paramLabel = "N,...",
            description = "Hidden-layer sizes to time (networks PIXELS-N-CLASSES). Default: ${DEFAULT-VALUE}")
    int[] hidden;

    @Option(names = "--batch", split = ",", defaultValue = "10,100", paramLabel = "M,...",
            description = "Mini-batch sizes to time. Default: ${DEFAULT-VALUE}")
    int[] batches;

    @Option(names = "--epochs", defaultValue = "5", description = "Timed epochs per path. Default: ${DEFAULT-VALUE}")
    int epochs;

    @Option(names = "--warmup", defaultValue = "2", description = "Untimed epochs first, for the JIT. Default: ${DEFAULT-VALUE}")
    int warmup;

    @Option(names = "--paths", split = ",", defaultValue = "per-example,matrix,fast,user-sigmoid,user-cost,user-rule,fast-float32",
            paramLabel = "PATH,...",
            description = "Any of per-example, matrix, fast, two-threads (fast with each mini-batch split in two blocks "
                    + "on two threads), user-sigmoid, user-cost, user-rule, fast-float32. Default: ${DEFAULT-VALUE}")
    List<String> paths;

    @Option(names = "--per-example-images", defaultValue = "5000", paramLabel = "N",
            description = "The per-example loop trains on the first N images of each shuffled epoch and its time is"
                    + " scaled to the whole training set (it is slow). Default: ${DEFAULT-VALUE}")
    int perExampleImages;

    @Option(names = "--vs-numpy",
            description = "Also time the book's network in numpy (a script in this jar, run by --python with one BLAS "
                    + "thread), one epoch after each timed purenet epoch, and add a 'vs numpy' column. Needs python3 with "
                    + "numpy (apt-get install python3-numpy); without them bench exits with 1 before timing anything.")
    boolean versusNumpy;

    @Option(names = "--python", defaultValue = "python3", paramLabel = "PROGRAM",
            description = "The Python interpreter --vs-numpy runs. Default: ${DEFAULT-VALUE}")
    String python;

    @Mixin
    DataOptions data;

    private static final List<String> PATHS = List.of("per-example", "matrix", "fast", "two-threads", "user-sigmoid", "user-cost",
            "user-rule", "fast-float32");

    /** The sigmoid written again through the public API: σ and σ′ from the output, as the built-in. */
    static final Activation USER_SIGMOID = Activation.Elementwise.ofOutput("user-sigmoid",
            z -> 1.0 / (1.0 + Math.exp(-z)), a -> a * (1 - a));
    /** The quadratic cost written again as an element-wise cost. */
    static final Cost USER_QUADRATIC = Cost.Elementwise.of("user-quadratic", (a, y) -> 0.5 * (a - y) * (a - y), (a, y) -> a - y);
    /** The learning rate written again as a user's rule: only the kernel, no fused move. */
    static final UpdateRule USER_LEARNING_RATE = new UpdateRule() {
        @Override
        public Spec spec() {
            return Spec.of("user-learning-rate");
        }

        @Override
        public void update(Slot slot, Step step) {
            double f = -step.eta() / step.batchSize();
            double[] u = slot.updates();
            for (int e = 0; e < u.length; e++) {
                u[e] = u[e] * f;
            }
        }
    };

    /** Times of one path on one configuration, in seconds per epoch of the whole training set. */
    private record Timing(String path, double[] seconds, boolean scaled, long peakHeapBytes, Network result) {
        double median() {
            return BenchCommand.median(seconds);
        }

        double min() {
            return Arrays.stream(seconds).min().orElseThrow();
        }

        double max() {
            return Arrays.stream(seconds).max().orElseThrow();
        }
    }

    static double median(double[] seconds) {
        double[] s = seconds.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    @Override
    public Integer call() {
        validate();
        if (!versusNumpy) {
            return bench(null);
        }
        Path workDir;
        try {
            workDir = Files.createTempDirectory("purenet-bench-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make a temporary directory for the numpy script: " + e.getMessage(), e);
        }
        try {
            Path script = NumpyReference.writeScript(workDir);
            // Before the data is read: a missing python or numpy is reported at once.
            String numpy = NumpyReference.describe(python, script);
            return bench(new Numpy(python, script, workDir, numpy));
        } finally {
            deleteTree(workDir);
        }
    }

    /** The numpy script ready to run: the interpreter, the script's copy, a directory for its logs, what it runs on. */
    private record Numpy(String python, Path script, Path workDir, String description) {}

    private int bench(@Nullable Numpy numpy) {
        PrintWriter out = spec.commandLine().getOut();
        Dataset training = data.load().training();
        InfoCommand.Blas blas = InfoCommand.Blas.detect();
        out.println("purenet bench: " + training.size() + " training images, " + warmup + " warm-up + " + epochs
                + " timed epochs per path, float64 unless the path says float32, Java " + System.getProperty("java.version") + ", "
                + Runtime.getRuntime().availableProcessors() + " processors");
        out.println(blas.summary());
        if (numpy != null) {
            out.println(numpy.description() + " through " + numpy.python() + ", one BLAS thread, one epoch after each timed purenet epoch");
            if (!blas.threads().startsWith("1 ")) {
                // numpy gets one thread; a multi-threaded BLAS here would make the ratio unfair.
                spec.commandLine().getErr().println("purenet: warning: purenet's BLAS threads: " + blas.threads()
                        + ", numpy's: 1; set OPENBLAS_NUM_THREADS=1 (./purenet does) for a like-for-like ratio");
            }
        }
        if (!blas.correct()) {
            spec.commandLine().getErr().println("purenet: the native BLAS failed its check (largest relative error "
                    + blas.checkError() + "); timings would be meaningless");
            return Main.FAILED;
        }
        out.println(row("network", "m", "path", "median s", "min s", "max s", "speed-up", "vs fast", "GFLOP/s", "peak heap")
                + (numpy != null ? left("vs numpy", 10) : ""));
        boolean scaledAny = false;
        for (int h : hidden) {
            for (int m : batches) {
                Network start = Network.of(training.features(), h, training.classes()).sigmoid().gaussian(seed(SEED));
                double flops = productFlops(start, training.size());
                List<Timing> timings = new ArrayList<>();
                double[] numpySeconds = {};
                NumpyReference.Line.@Nullable Correct numpyCorrect = null;
                int numpyEpochs = epochs * (int) PATHS.stream().filter(paths::contains).count();
                try (NumpyReference numpyRun = numpy == null ? null : NumpyReference.start(numpy.python(), numpy.script(),
                        numpy.workDir(), data.dir, training.size(), h, m, ETA, warmup, numpyEpochs, SEED)) {
                    for (String path : PATHS) {
                        if (paths.contains(path)) {
                            timings.add(time(path, start, training, m, numpyRun));
                        }
                    }
                    if (numpyRun != null) {
                        numpyCorrect = numpyRun.finish();
                        numpySeconds = numpyRun.seconds();
                    }
                }
                double reference = timings.stream().filter(t -> t.path().equals("per-example")).mapToDouble(Timing::median)
                        .findFirst().orElse(Double.NaN);
                double fast = timings.stream().filter(t -> t.path().equals("fast")).mapToDouble(Timing::median)
                        .findFirst().orElse(Double.NaN);
                String network = start.sizes().stream().map(String::valueOf).collect(java.util.stream.Collectors.joining("-"));
                double numpyMedian = numpy == null ? Double.NaN : median(numpySeconds);
                for (Timing t : timings) {
                    scaledAny |= t.scaled();
                    String line = row(network, Integer.toString(m), t.path() + (t.scaled() ? "*" : ""),
                            Text.decimals(t.median(), 3), Text.decimals(t.min(), 3), Text.decimals(t.max(), 3),
                            Double.isNaN(reference) ? "-" : Text.decimals(reference / t.median(), 1) + "x",
                            Double.isNaN(fast) ? "-" : Text.decimals(t.median() / fast, 3),
                            Text.decimals(flops / t.median() / 1e9, 1), t.peakHeapBytes() / (1024 * 1024) + " MB");
                    out.println(numpy == null ? line : line + left(Text.decimals(t.median() / numpyMedian, 3), 10));
                }
                if (numpy != null) {
                    out.println(row(network, Integer.toString(m), "numpy", Text.decimals(numpyMedian, 3),
                            Text.decimals(Arrays.stream(numpySeconds).min().orElseThrow(), 3),
                            Text.decimals(Arrays.stream(numpySeconds).max().orElseThrow(), 3),
                            Double.isNaN(reference) ? "-" : Text.decimals(reference / numpyMedian, 1) + "x",
                            Double.isNaN(fast) ? "-" : Text.decimals(numpyMedian / fast, 3),
                            Text.decimals(flops / numpyMedian / 1e9, 1), "-") + left("1.000", 10));
                }
                out.println("  " + sameResult(timings));
                if (numpyCorrect != null) {
                    // Another generator, so other numbers; but a broken script would show here.
                    out.println("  numpy's network, after " + (warmup + numpySeconds.length) + " epochs, classifies "
                            + numpyCorrect.correct() + " of " + numpyCorrect.total() + " training images right");
                }
            }
        }
        if (scaledAny) {
            out.println("* timed on the first " + perExampleImages + " images of each epoch, scaled to " + training.size());
        }
        out.println("GFLOP/s counts the three matrix products per layer (forward W·a, ∇W = δ·aᵀ, Wᵀ·δ), 2 flops per multiply-add");
        out.println("Peak RSS of this process: " + peakRss());
        return 0;
    }

    private void validate() {
        if (epochs < 1) {
            throw usage("--epochs must be at least 1, got " + epochs);
        }
        if (warmup < 0) {
            throw usage("--warmup must be at least 0, got " + warmup);
        }
        if (perExampleImages < 1) {
            throw usage("--per-example-images must be at least 1, got " + perExampleImages);
        }
        if (Arrays.stream(hidden).anyMatch(h -> h < 1) || Arrays.stream(batches).anyMatch(m -> m < 1)) {
            throw usage("--hidden and --batch take positive sizes, got " + Arrays.toString(hidden) + " and " + Arrays.toString(batches));
        }
        for (String p : paths) {
            if (!PATHS.contains(p)) {
                throw usage("--paths takes " + String.join(", ", PATHS) + "; got '" + p + "'");
            }
        }
    }

    /**
     * Warm-up, then timed epochs, each continuing from the last, with the heap's peak measured over
     * all of them; numpy, when it runs, trains one epoch after each timed one.
     */
    private Timing time(String path, Network start, Dataset training, int m, @Nullable NumpyReference numpy) {
        List<MemoryPoolMXBean> heap = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == MemoryType.HEAP).toList();
        System.gc();
        heap.forEach(MemoryPoolMXBean::resetPeakUsage);
        Epoch epoch = Epoch.start(path.equals("user-sigmoid") ? withActivation(start, USER_SIGMOID)
                : path.equals("fast-float32") ? start.withPrecision(Precision.FLOAT32) : start, seed(SEED));
        boolean perExample = path.equals("per-example");
        int images = perExample ? Math.min(perExampleImages, training.size()) : training.size();
        double[] seconds = new double[epochs];
        for (int e = 0; e < warmup + epochs; e++) {
            long t0 = System.nanoTime();
            epoch = switch (path) {
                case "fast", "fast-float32" -> Sgd.eta(ETA).miniBatch(m).on(training).apply(epoch);
                case "two-threads" -> Sgd.eta(ETA).miniBatch(m).threads(2).on(training).apply(epoch);
                case "user-sigmoid" -> Sgd.eta(ETA).miniBatch(m).on(training).apply(epoch);
                case "user-cost" -> Sgd.eta(ETA).miniBatch(m).cost(USER_QUADRATIC).on(training).apply(epoch);
                case "user-rule" -> Sgd.eta(ETA).miniBatch(m).rule(USER_LEARNING_RATE).on(training).apply(epoch);
                case "matrix" -> pureEpoch(epoch, training, m, training.size(), false);
                default -> pureEpoch(epoch, training, m, images, true);
            };
            double elapsed = (System.nanoTime() - t0) / 1e9;
            if (e >= warmup) {
                seconds[e - warmup] = elapsed * training.size() / images;
                if (numpy != null) {
                    numpy.epoch();
                }
            }
        }
        long peak = heap.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
        return new Timing(path, seconds, images < training.size(), peak, epoch.network());
    }

    /**
     * {@code Sgd}'s epoch composed from the pure steps: the same shuffle, then per mini-batch
     * {@link Backprop#backprop} (or the sum of {@link Backprop#backpropPerExample} over its
     * examples) and the learning-rate rule, over the first {@code images} of the shuffled order.
     */
    private static Epoch pureEpoch(Epoch epoch, Dataset training, int m, int images, boolean perExample) {
        int index = epoch.index() + 1;
        int[] order = Sgd.shuffleSeed(epoch.seed(), index).rng().permutation(training.size());
        UpdateRule rule = UpdateRule.learningRate();
        Network network = epoch.network();
        Vector<Gradient> state = rule.init(network);
        for (int from = 0; from < images; from += m) {
            int to = Math.min(images, from + m);
            Batch batch = training.batch(order, from, to);
            Gradient gradient;
            if (perExample) {
                gradient = Gradient.zeros(network);
                for (int j = 0; j < batch.size(); j++) {
                    Batch one = batch.example(j);
                    gradient = gradient.plus(Backprop.backpropPerExample(network, one.inputs(), one.targets(), Cost.quadratic()));
                }
            } else {
                gradient = Backprop.backprop(network, batch, Cost.quadratic());
            }
            UpdateRule.Result step = rule.apply(gradient, state, network, new UpdateRule.Step(ETA, batch.size(), training.size()));
            network = UpdateRule.applyTo(network, step.updates());
            state = step.state();
        }
        return epoch.next(network, state, epoch.steps(), ETA);
    }

    /** The same parameters with another activation on every layer. */
    private static Network withActivation(Network network, Activation activation) {
        return new Network(network.layers().map(l -> {
            Dense d = (Dense) l;
            return (Layer) new Dense(d.weights(), d.biases(), activation);
        }));
    }

    /**
     * Every path but per-example and fast-float32 starts from the same parameters and seed and
     * computes the same formulas in the same precision, so each must end on fast's network, bit
     * for bit (the user-sigmoid run's parameters are compared, its activation being another object).
     */
    static String sameResult(List<Timing> timings) {
        var fast = timings.stream().filter(t -> t.path().equals("fast")).findFirst();
        // Per-example sums in another order, two threads add two blocks' sums, float32 rounds: other bits by design.
        List<String> others = timings.stream().map(Timing::path)
                .filter(p -> !p.equals("fast") && !p.equals("per-example") && !p.equals("two-threads") && !p.equals("fast-float32"))
                .toList();
        if (fast.isEmpty() || others.isEmpty()) {
            return "(fast and another float64 full-epoch path not both run: results not compared)";
        }
        List<String> same = new ArrayList<>();
        List<String> different = new ArrayList<>();
        for (Timing t : timings) {
            if (others.contains(t.path())) {
                boolean equal = t.result().layers().map(Layer::parameters).equals(fast.get().result().layers().map(Layer::parameters));
                (equal ? same : different).add(t.path());
            }
        }
        return different.isEmpty()
                ? String.join(", ", same) + " ended on networks bit-identical to fast's"
                : String.join(", ", different) + " ended on networks DIFFERENT from fast's";
    }

    /** Multiply-adds of W·a, δ·aᵀ and (above the first layer) Wᵀ·δ, times 2, for one epoch of {@code n} examples. */
    static double productFlops(Network network, int n) {
        double perExample = 0;
        for (int k = 0; k < network.layers().size(); k++) {
            double weights = (double) network.layers().get(k).inputs() * network.layers().get(k).outputs();
            perExample += 2 * weights * (k == 0 ? 2 : 3);
        }
        return perExample * n;
    }

    /** VmHWM from /proc/self/status (Linux), or a note that it is not available. */
    static String peakRss() {
        Path status = Path.of("/proc/self/status");
        try {
            if (Files.isReadable(status)) {
                for (String line : Files.readAllLines(status)) {
                    if (line.startsWith("VmHWM:")) {
                        long kb = Long.parseLong(line.replaceAll("[^0-9]", ""));
                        return kb / 1024 + " MB";
                    }
                }
            }
        } catch (IOException | NumberFormatException e) {
            return "unknown (" + e.getMessage() + ")";
        }
        return "unknown (no /proc/self/status)";
    }

    /** Removes the bench's temporary directory; a file that cannot be removed stays (it is in the temporary directory). */
    private static void deleteTree(Path dir) {
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException e) {
            // Left to the system's cleaning of its temporary directory.
        }
    }

    private static String row(String network, String m, String path, String median, String min, String max, String speedUp,
                              String versusFast, String gflops, String heap) {
        return pad(network, 11) + pad(m, 5) + pad(path, 14) + left(median, 9) + left(min, 8) + left(max, 8) + left(speedUp, 10)
                + left(versusFast, 9) + left(gflops, 9) + left(heap, 11);
    }

    private static String pad(String s, int width) {
        return s.length() >= width ? s + " " : s + " ".repeat(width - s.length());
    }

    private static String left(String s, int width) {
        return s.length() >= width ? " " + s : " ".repeat(width - s.length()) + s;
    }

    private CommandLine.ParameterException usage(String message) {
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }
}
