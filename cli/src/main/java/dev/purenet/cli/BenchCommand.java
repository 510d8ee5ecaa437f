package dev.purenet.cli;

import static dev.purenet.Seed.seed;

import dev.purenet.Activation;
import dev.purenet.Architecture;
import dev.purenet.Batch;
import dev.purenet.ConvPool;
import dev.purenet.Cost;
import dev.purenet.Dense;
import dev.purenet.Init;
import dev.purenet.Layer;
import dev.purenet.Network;
import dev.purenet.Noise;
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
import java.util.Map;
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
 * book's network in numpy ({@link NumpyReference}) in the same run, for a ratio column. With
 * {@code --layers}, a network in the layer grammar (conv-pool, dense, softmax) instead, trained as
 * network3.py trains it; with {@code --vs-torch} beside the same network in PyTorch
 * ({@link TorchReference}).
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Time training epochs side by side: per-example backprop (network.py's loop), "
                + "matrix-based backprop through the pure API, the trainer Sgd uses (fast), and the same trainer "
                + "with a user-defined sigmoid (user-sigmoid), quadratic cost (user-cost) and learning-rate rule "
                + "(user-rule), each the built-in's formula written through the public extension API, and fast on "
                + "the same network in float32 (fast-float32: sgemm), and the native BLAS calls of fast's epoch alone "
                + "(products: the floor under fast). Chapter-1 "
                + "settings (sigmoid, quadratic cost, eta 3.0), float64 unless the path says float32. Prints median/min/max seconds per "
                + "epoch after warm-up, the speed-up over the per-example loop, the time relative to fast, "
                + "GFLOP/s of the matrix products, and peak memory. With --vs-numpy, the book's network written in "
                + "numpy (fully matrix-based, one BLAS thread) trains one epoch after each timed purenet epoch, and a "
                + "'vs numpy' column gives each path's time over numpy's: the table in docs/performance.md. With --layers, "
                + "a network in the layer grammar instead (e.g. network3.py's conv nets), log-likelihood cost when it ends "
                + "in softmax (else quadratic), eta " + BenchCommand.LAYERS_ETA + ", Init.scaled(); with --vs-torch, the same "
                + "network in PyTorch (one thread, float64 and float32 as the paths) beside it and a 'vs torch' column.")
final class BenchCommand implements Callable<Integer> {
    private static final double ETA = 3.0;
    /** network3.py's learning rate, for --layers networks. */
    static final double LAYERS_ETA = 0.1;
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

    @Option(names = "--paths", split = ",", defaultValue = "per-example,matrix,fast,products,user-sigmoid,user-cost,user-rule,fast-float32",
            paramLabel = "PATH,...",
            description = "Any of per-example, matrix, fast, two-threads (fast with each mini-batch split in two blocks "
                    + "on two threads), products (only the BLAS calls of fast's epoch, same shapes: the floor under it), "
                    + "user-sigmoid, user-cost, user-rule, fast-float32. Default: ${DEFAULT-VALUE}; with "
                    + "--layers: fast,fast-float32 (and the user-* and products paths, which need dense layers, are not allowed)")
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

    @Option(names = "--layers", paramLabel = "LAYERS",
            description = "Time this network instead of the PIXELS-N-CLASSES sigmoid ones (not with --hidden); the input "
                    + "size comes from the data. The layer grammar of train --layers: conv MAPSxKxK ACTIVATION, pool P, dense N "
                    + "ACTIVATION [dropout P], softmax N [dropout P], e.g. \"conv 20x5x5 sigmoid, pool 2, dense 100 sigmoid, "
                    + "softmax 10\". Log-likelihood cost when the last layer is softmax, else quadratic; eta " + LAYERS_ETA
                    + "; weights N(0, 1/fan-in), biases N(0, 1).")
    @Nullable String layers;

    @Option(names = "--vs-torch",
            description = "With --layers: also time the same network in PyTorch on the CPU (a script in this jar, run by "
                    + "--python with one thread), one epoch in the same precision after each timed purenet epoch, and add a "
                    + "'vs torch' column. Needs python3 with torch (apt-get install python3-torch); without them bench exits "
                    + "with 1 before timing anything.")
    boolean versusTorch;

    @Option(names = "--python", defaultValue = "python3", paramLabel = "PROGRAM",
            description = "The Python interpreter --vs-numpy or --vs-torch runs. Default: ${DEFAULT-VALUE}")
    String python;

    @Mixin
    DataOptions data;

    private static final List<String> PATHS = List.of("per-example", "matrix", "fast", "two-threads", "products", "user-sigmoid",
            "user-cost", "user-rule", "fast-float32");
    /** The paths that take any architecture: the user-* ones rebuild dense layers with user parts. */
    private static final List<String> LAYER_PATHS = List.of("per-example", "matrix", "fast", "two-threads", "fast-float32");
    private static final List<String> LAYER_DEFAULT_PATHS = List.of("fast", "fast-float32");

    /** The network column's width: 11, or more for a long --layers label. */
    private int networkWidth = 11;

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
        if (!versusNumpy && !versusTorch) {
            return bench(null, null);
        }
        String what = versusTorch ? "torch" : "numpy";
        Path workDir;
        try {
            workDir = Files.createTempDirectory("purenet-bench-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make a temporary directory for the " + what + " script: " + e.getMessage(), e);
        }
        try {
            if (versusNumpy) {
                Path script = NumpyReference.writeScript(workDir);
                // Before the data is read: a missing python or numpy is reported at once.
                String numpy = NumpyReference.describe(python, script);
                return bench(new Reference(python, script, workDir, numpy), null);
            }
            Path script = TorchReference.writeScript(workDir);
            String torch;
            try {
                // Before the data is read: a missing python or torch, or layers torch cannot build, are reported at once.
                torch = TorchReference.describe(python, script, java.util.Objects.requireNonNull(layers));
            } catch (TorchReference.LayersRefused e) {
                throw usage(e.getMessage());
            }
            return bench(null, new Reference(python, script, workDir, torch));
        } finally {
            deleteTree(workDir);
        }
    }

    /** A reference script ready to run: the interpreter, the script's copy, a directory for its logs, what it runs on. */
    private record Reference(String python, Path script, Path workDir, String description) {}

    /** One network to time: its label in the table, its parameters before training, and how it trains. */
    private record Subject(String label, Network start, Cost cost, double eta, int hidden) {}

    private int bench(@Nullable Reference numpy, @Nullable Reference torch) {
        PrintWriter out = spec.commandLine().getOut();
        Dataset training = data.load().training();
        List<Subject> subjects = subjects(training);
        networkWidth = Math.max(11, subjects.stream().mapToInt(s -> s.label().length() + 1).max().orElse(0));
        InfoCommand.Blas blas = InfoCommand.Blas.detect();
        out.println("purenet bench: " + training.size() + " training images, " + warmup + " warm-up + " + epochs
                + " timed epochs per path, float64 unless the path says float32, Java " + System.getProperty("java.version") + ", "
                + Runtime.getRuntime().availableProcessors() + " processors");
        out.println(blas.summary());
        if (layers != null) {
            Subject s = subjects.get(0);
            out.println("network " + s.label() + ": " + s.start().inputSize() + " inputs -> " + describe(s.start()) + "; "
                    + (s.cost() == Cost.logLikelihood() ? "log-likelihood cost (the last layer is softmax, as network3.py)"
                    : "quadratic cost (the last layer is not softmax)") + ", eta " + s.eta()
                    + ", weights N(0, 1/fan-in) and biases N(0, 1) (Init.scaled), seed " + SEED);
        }
        Reference reference = numpy != null ? numpy : torch;
        String referenceName = numpy != null ? "numpy" : "torch";
        if (reference != null) {
            out.println(reference.description() + " through " + reference.python() + (numpy != null ? ", one BLAS thread" : ", one thread")
                    + ", one epoch after each timed purenet epoch" + (torch != null ? " in the same precision" : ""));
            if (!blas.threads().startsWith("1 ")) {
                // The reference gets one thread; a multi-threaded BLAS here would make the ratio unfair.
                spec.commandLine().getErr().println("purenet: warning: purenet's BLAS threads: " + blas.threads()
                        + ", " + referenceName + "'s: 1; set OPENBLAS_NUM_THREADS=1 (./purenet does) for a like-for-like ratio");
            }
        }
        if (!blas.correct()) {
            spec.commandLine().getErr().println("purenet: the native BLAS failed its check (largest relative error "
                    + blas.checkError() + "); timings would be meaningless");
            return Main.FAILED;
        }
        out.println(row("network", "m", "path", "median s", "min s", "max s", "speed-up", "vs fast", "GFLOP/s", "peak heap")
                + (reference != null ? left("vs " + referenceName, 10) : ""));
        List<String> chosen = paths();
        boolean scaledAny = false;
        for (Subject subject : subjects) {
            for (int m : batches) {
                Network start = subject.start();
                double flops = productFlops(start, training.size());
                List<Timing> timings = new ArrayList<>();
                double[] numpySeconds = {};
                NumpyReference.Line.@Nullable Correct numpyCorrect = null;
                int numpyEpochs = epochs * (int) PATHS.stream().filter(chosen::contains).count();
                // float64 for every path but fast-float32; a torch copy of the network in each precision timed.
                List<String> dtypes = new ArrayList<>();
                if (chosen.stream().anyMatch(p -> !p.equals("fast-float32"))) {
                    dtypes.add("float64");
                }
                if (chosen.contains("fast-float32")) {
                    dtypes.add("float32");
                }
                Map<String, double[]> torchSeconds = new java.util.LinkedHashMap<>();
                Map<String, TorchReference.Line.Correct> torchCorrect = Map.of();
                try (NumpyReference numpyRun = numpy == null ? null : NumpyReference.start(numpy.python(), numpy.script(),
                        numpy.workDir(), data.dir, training.size(), subject.hidden(), m, ETA, warmup, numpyEpochs, SEED);
                     TorchReference torchRun = torch == null ? null : TorchReference.start(torch.python(), torch.script(),
                             torch.workDir(), data.dir, training.size(), java.util.Objects.requireNonNull(layers), m, subject.eta(),
                             warmup, dtypes, SEED)) {
                    for (String path : PATHS) {
                        if (chosen.contains(path)) {
                            Runnable after = numpyRun != null ? numpyRun::epoch
                                    : torchRun != null ? () -> torchRun.epoch(dtype(path)) : null;
                            timings.add(time(path, subject, training, m, after));
                        }
                    }
                    if (numpyRun != null) {
                        numpyCorrect = numpyRun.finish();
                        numpySeconds = numpyRun.seconds();
                    }
                    if (torchRun != null) {
                        torchCorrect = torchRun.finish();
                        for (String d : dtypes) {
                            torchSeconds.put(d, torchRun.seconds(d));
                        }
                    }
                }
                double perExample = timings.stream().filter(t -> t.path().equals("per-example")).mapToDouble(Timing::median)
                        .findFirst().orElse(Double.NaN);
                double fast = timings.stream().filter(t -> t.path().equals("fast")).mapToDouble(Timing::median)
                        .findFirst().orElse(Double.NaN);
                String network = subject.label();
                double numpyMedian = numpy == null ? Double.NaN : median(numpySeconds);
                for (Timing t : timings) {
                    scaledAny |= t.scaled();
                    String line = row(network, Integer.toString(m), t.path() + (t.scaled() ? "*" : ""),
                            Text.decimals(t.median(), 3), Text.decimals(t.min(), 3), Text.decimals(t.max(), 3),
                            Double.isNaN(perExample) ? "-" : Text.decimals(perExample / t.median(), 1) + "x",
                            Double.isNaN(fast) ? "-" : Text.decimals(t.median() / fast, 3),
                            Text.decimals(flops / t.median() / 1e9, 1), t.peakHeapBytes() / (1024 * 1024) + " MB");
                    if (numpy != null) {
                        line += left(Text.decimals(t.median() / numpyMedian, 3), 10);
                    } else if (torch != null) {
                        line += left(Text.decimals(t.median() / median(torchSeconds.get(dtype(t.path()))), 3), 10);
                    }
                    out.println(line);
                }
                if (numpy != null) {
                    out.println(referenceRow(network, m, "numpy", numpySeconds, perExample, fast, flops));
                }
                for (var entry : torchSeconds.entrySet()) {
                    out.println(referenceRow(network, m, entry.getKey().equals("float64") ? "torch" : "torch-float32", entry.getValue(),
                            perExample, fast, flops));
                }
                out.println("  " + sameResult(timings));
                if (numpyCorrect != null) {
                    // Another generator, so other numbers; but a broken script would show here.
                    out.println("  numpy's network, after " + (warmup + numpySeconds.length) + " epochs, classifies "
                            + numpyCorrect.correct() + " of " + numpyCorrect.total() + " training images right");
                }
                for (TorchReference.Line.Correct c : torchCorrect.values()) {
                    out.println("  torch's " + c.dtype() + " network, after " + (warmup + torchSeconds.get(c.dtype()).length)
                            + " epochs, classifies " + c.correct() + " of " + c.total() + " training images right");
                }
            }
        }
        if (scaledAny) {
            out.println("* timed on the first " + perExampleImages + " images of each epoch, scaled to " + training.size());
        }
        out.println("GFLOP/s counts the three matrix products per layer (forward W·a, ∇W = δ·aᵀ, Wᵀ·δ; a conv layer's over every"
                + " filter position before pooling), 2 flops per multiply-add, none for the first layer's Wᵀ·δ");
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
        if (versusTorch && versusNumpy) {
            throw usage("--vs-numpy times the book's PIXELS-N-CLASSES networks and --vs-torch a --layers network; give one of them");
        }
        if (layers == null) {
            if (versusTorch) {
                throw usage("--vs-torch times a network given with --layers, e.g. --layers \"conv 20x5x5 sigmoid, pool 2, dense 100"
                        + " sigmoid, softmax 10\"");
            }
            return;
        }
        if (given("--hidden")) {
            throw usage("--layers and --hidden both give the network; use one, not both");
        }
        if (versusNumpy) {
            throw usage("--vs-numpy times the book's PIXELS-N-CLASSES sigmoid networks, not --layers; use --vs-torch with --layers");
        }
        for (String p : paths()) {
            if (!LAYER_PATHS.contains(p)) {
                throw usage("--paths with --layers takes " + String.join(", ", LAYER_PATHS) + " (the user-* paths rebuild dense"
                        + " layers, products times dense layers' calls); got '" + p + "'");
            }
        }
    }

    private boolean given(String option) {
        var parsed = spec.commandLine().getParseResult();
        return parsed != null && parsed.hasMatchedOption(option);
    }

    /** --paths, or with --layers and no --paths, fast and fast-float32. */
    private List<String> paths() {
        return layers != null && !given("--paths") ? LAYER_DEFAULT_PATHS : paths;
    }

    /**
     * The networks to time: PIXELS-N-CLASSES sigmoid ones, N(0, 1) as network.py, for each
     * --hidden size; or the --layers network over the data's images, initialised by
     * {@link Init#scaled()}, with the cost network3.py uses when it ends in softmax.
     */
    private List<Subject> subjects(Dataset training) {
        if (layers == null) {
            return Arrays.stream(hidden).mapToObj(h -> {
                Network start = Network.of(training.features(), h, training.classes()).sigmoid().gaussian(seed(SEED));
                return new Subject(start.sizes().stream().map(String::valueOf).collect(java.util.stream.Collectors.joining("-")),
                        start, Cost.quadratic(), ETA, h);
            }).toList();
        }
        Architecture architecture;
        try {
            var image = training.imageShape();
            architecture = image.isPresent() ? Architecture.layers(layers, 1, image.get().rows(), image.get().columns())
                    : Architecture.layers(layers, training.features());
        } catch (IllegalArgumentException e) {
            throw usage("--layers: " + e.getMessage());
        }
        if (architecture.sizes().last() != training.classes()) {
            throw usage("--layers: the last layer has " + architecture.sizes().last() + " outputs, but the data has "
                    + training.classes() + " classes; end with e.g. softmax " + training.classes());
        }
        Network start = architecture.initialize(Init.scaled(), seed(SEED));
        Cost cost = architecture.activations().last() == Activation.softmax() ? Cost.logLikelihood() : Cost.quadratic();
        return List.of(new Subject(label(start), start, cost, LAYERS_ETA, 0));
    }

    /** The network column's short form of a layer description: input size, then C{maps}x{k}[p{pool}] or the dense size. */
    static String label(Network network) {
        StringBuilder label = new StringBuilder().append(network.inputSize());
        for (Layer layer : network.layers()) {
            label.append('-');
            if (layer instanceof ConvPool c) {
                label.append('C').append(c.maps()).append('x').append(c.kernel());
                if (c.pool() > 1) {
                    label.append('p').append(c.pool());
                }
            } else {
                label.append(layer.outputs());
            }
        }
        return label.toString();
    }

    /** The network in the layer grammar. */
    private static String describe(Network network) {
        StringBuilder description = new StringBuilder();
        for (Layer layer : network.layers()) {
            if (description.length() > 0) {
                description.append(", ");
            }
            if (layer instanceof ConvPool c) {
                description.append("conv ").append(c.maps()).append('x').append(c.kernel()).append('x').append(c.kernel()).append(' ')
                        .append(c.activation().name());
                if (c.pool() > 1) {
                    description.append(", pool ").append(c.pool());
                }
            } else {
                Dense d = (Dense) layer;
                String name = d.activation().name();
                description.append(name.equals("softmax") ? "softmax " + d.outputs() : "dense " + d.outputs() + " " + name);
                if (d.dropout() > 0) {
                    description.append(" dropout ").append(d.dropout());
                }
            }
        }
        return description.toString();
    }

    /** The precision a path trains in, as torch names it. */
    private static String dtype(String path) {
        return path.equals("fast-float32") ? "float32" : "float64";
    }

    /** A reference's row: its seconds, the ratios to purenet's per-example and fast paths, 1.000 against itself. */
    private String referenceRow(String network, int m, String name, double[] seconds, double perExample, double fast, double flops) {
        double median = median(seconds);
        return row(network, Integer.toString(m), name, Text.decimals(median, 3),
                Text.decimals(Arrays.stream(seconds).min().orElseThrow(), 3),
                Text.decimals(Arrays.stream(seconds).max().orElseThrow(), 3),
                Double.isNaN(perExample) ? "-" : Text.decimals(perExample / median, 1) + "x",
                Double.isNaN(fast) ? "-" : Text.decimals(median / fast, 3),
                Text.decimals(flops / median / 1e9, 1), "-") + left("1.000", 10);
    }

    /**
     * Warm-up, then timed epochs, each continuing from the last, with the heap's peak measured over
     * all of them; the reference (numpy or torch), when it runs, trains one epoch after each timed one.
     */
    private Timing time(String path, Subject subject, Dataset training, int m, @Nullable Runnable reference) {
        Network start = subject.start();
        double eta = subject.eta();
        Cost cost = subject.cost();
        List<MemoryPoolMXBean> heap = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == MemoryType.HEAP).toList();
        System.gc();
        heap.forEach(MemoryPoolMXBean::resetPeakUsage);
        Epoch epoch = Epoch.start(path.equals("user-sigmoid") ? withActivation(start, USER_SIGMOID)
                : path.equals("fast-float32") ? start.withPrecision(Precision.FLOAT32) : start, seed(SEED));
        boolean perExample = path.equals("per-example");
        ProductFloor floor = path.equals("products") ? new ProductFloor(start, training, m) : null;
        int images = perExample ? Math.min(perExampleImages, training.size()) : training.size();
        double[] seconds = new double[epochs];
        for (int e = 0; e < warmup + epochs; e++) {
            long t0 = System.nanoTime();
            epoch = switch (path) {
                case "fast", "fast-float32" -> Sgd.eta(eta).miniBatch(m).cost(cost).on(training).apply(epoch);
                case "two-threads" -> Sgd.eta(eta).miniBatch(m).cost(cost).threads(2).on(training).apply(epoch);
                case "user-sigmoid" -> Sgd.eta(eta).miniBatch(m).cost(cost).on(training).apply(epoch);
                case "user-cost" -> Sgd.eta(eta).miniBatch(m).cost(USER_QUADRATIC).on(training).apply(epoch);
                case "user-rule" -> Sgd.eta(eta).miniBatch(m).cost(cost).rule(USER_LEARNING_RATE).on(training).apply(epoch);
                case "matrix" -> pureEpoch(epoch, training, m, training.size(), false, cost, eta);
                case "products" -> {
                    java.util.Objects.requireNonNull(floor).epoch();
                    yield epoch;
                }
                default -> pureEpoch(epoch, training, m, images, true, cost, eta);
            };
            double elapsed = (System.nanoTime() - t0) / 1e9;
            if (e >= warmup) {
                seconds[e - warmup] = elapsed * training.size() / images;
                if (reference != null) {
                    reference.run();
                }
            }
        }
        long peak = heap.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
        return new Timing(path, seconds, images < training.size(), peak, epoch.network());
    }

    /**
     * {@code Sgd}'s epoch composed from the pure steps: the same shuffle, then per mini-batch
     * {@link Backprop#backprop} (or the sum of {@link Backprop#backpropPerExample} over its
     * examples) and the learning-rate rule, over the first {@code images} of the shuffled order,
     * with {@code Sgd}'s dropout masks for each mini-batch (example j's are column j's).
     */
    private static Epoch pureEpoch(Epoch epoch, Dataset training, int m, int images, boolean perExample, Cost cost, double eta) {
        int index = epoch.index() + 1;
        int[] order = Sgd.shuffleSeed(epoch.seed(), index).rng().permutation(training.size());
        UpdateRule rule = UpdateRule.learningRate();
        Network network = epoch.network();
        Vector<Gradient> state = rule.init(network);
        for (int from = 0, b = 0; from < images; from += m, b++) {
            int to = Math.min(images, from + m);
            Batch batch = training.batch(order, from, to);
            Noise noise = Sgd.noise(epoch.seed(), index, b);
            Gradient gradient;
            if (perExample) {
                gradient = Gradient.zeros(network);
                for (int j = 0; j < batch.size(); j++) {
                    Batch one = batch.example(j);
                    gradient = gradient.plus(Backprop.backprop(network, one, cost, noise.from(j)));
                }
            } else {
                gradient = Backprop.backprop(network, batch, cost, noise);
            }
            UpdateRule.Result step = rule.apply(gradient, state, network, new UpdateRule.Step(eta, batch.size(), training.size()));
            network = UpdateRule.applyTo(network, step.updates());
            state = step.state();
        }
        return epoch.next(network, state, epoch.steps(), eta);
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
        // Per-example sums in another order, two threads add two blocks' sums, float32 rounds: other bits by design;
        // products trains nothing.
        List<String> others = timings.stream().map(Timing::path)
                .filter(p -> !p.equals("fast") && !p.equals("per-example") && !p.equals("two-threads") && !p.equals("fast-float32")
                        && !p.equals("products"))
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

    /**
     * Multiply-adds of W·a, δ·aᵀ and (above the first layer) Wᵀ·δ, times 2, for one epoch of
     * {@code n} examples. A conv-pool layer's three products are its filters' over every position
     * of the convolution (before pooling): maps · (channels·k·k) · (H−k+1)·(W−k+1) multiply-adds each.
     */
    static double productFlops(Network network, int n) {
        double perExample = 0;
        for (int k = 0; k < network.layers().size(); k++) {
            Layer layer = network.layers().get(k);
            double multiplyAdds = layer instanceof ConvPool c
                    ? (double) c.maps() * c.channels() * c.kernel() * c.kernel() * (c.height() - c.kernel() + 1) * (c.width() - c.kernel() + 1)
                    : (double) layer.inputs() * layer.outputs();
            perExample += 2 * multiplyAdds * (k == 0 ? 2 : 3);
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

    private String row(String network, String m, String path, String median, String min, String max, String speedUp,
                       String versusFast, String gflops, String heap) {
        return pad(network, networkWidth) + pad(m, 5) + pad(path, 14) + left(median, 9) + left(min, 8) + left(max, 8) + left(speedUp, 10)
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
