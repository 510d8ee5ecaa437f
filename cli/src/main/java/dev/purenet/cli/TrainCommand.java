package dev.purenet.cli;

import dev.purenet.Activation;
import dev.purenet.Architecture;
import dev.purenet.Cost;
import dev.purenet.Init;
import dev.purenet.Precision;
import dev.purenet.data.Dataset;
import dev.purenet.data.Mnist;
import dev.purenet.io.Snapshots;
import dev.purenet.math.BlasThreading;
import dev.purenet.report.EpochPoint;
import dev.purenet.train.DivergenceException;
import dev.purenet.train.Epoch;
import dev.purenet.train.Experiment;
import dev.purenet.train.Monitor;
import dev.purenet.train.Sgd;
import dev.purenet.train.UpdateRule;
import io.vavr.collection.Stream;
import io.vavr.collection.Vector;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code purenet train}: the book's chapter-1 run by default, chapter 3's improvements by flag. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = {"Train a network with mini-batch SGD (or momentum, Nesterov, Adam, RMSProp) on MNIST-format data or"
                + " a CSV file (--data FILE.csv --label COLUMN), reporting accuracy per epoch. "
                + "The defaults reproduce the book's chapter-1 run (about 95%%). Chapter 3's run (about 96%%):",
                "  --cost cross-entropy --init scaled --eta 0.5 --lambda 5.0"})
final class TrainCommand implements Callable<Integer> {
    /** Options that define the experiment; --resume takes them from the run directory instead. */
    private static final List<String> EXPERIMENT_OPTIONS = List.of("--sizes", "--epochs", "--batch", "--eta", "--seed",
            "--cost", "--activation", "--init", "--lambda", "--l1", "--optimizer", "--momentum", "--beta1", "--beta2",
            "--epsilon", "--rho", "--early-stop", "--halve-after", "--threads", "--expand", "--precision",
            "--monitor", "--eval", "--snapshots", "--label", "--validation", "--test", "--standardize", "--hidden", "--layers");

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--sizes", split = ",", splitSynopsisLabel = ",", paramLabel = "N", defaultValue = "784,30,10",
            description = "Layer sizes, input first. Default: ${DEFAULT-VALUE}")
    int[] sizes;

    @Option(names = "--epochs", paramLabel = "N", defaultValue = "30", description = "Epochs to train (at most, with early stopping). Default: ${DEFAULT-VALUE}")
    int epochs;

    @Option(names = "--batch", paramLabel = "M", defaultValue = "10", description = "Mini-batch size. Default: ${DEFAULT-VALUE}")
    int batch;

    /**
     * The smallest mini-batch that --threads auto splits in two: below it the second thread's
     * hand-over costs more than it saves (measured: docs/performance.md, "Two threads").
     */
    static final int TWO_THREADS_FROM = 64;

    @Option(names = "--threads", paramLabel = "N|auto", defaultValue = "auto",
            description = "Split each mini-batch's examples into N fixed blocks trained at the same time, gradients summed in"
                    + " block order: bit-identical for a given N (recorded for replay), other last bits than N = 1. auto: 2 for"
                    + " mini-batches of " + TWO_THREADS_FROM + " or more on a machine with 2+ processors whose native BLAS"
                    + " takes concurrent calls (purenet info, 'Concurrent calls'), else 1. Default: ${DEFAULT-VALUE}")
    String threads;

    @Option(names = "--eta", paramLabel = "X", defaultValue = "3.0", description = "Learning rate. Default: ${DEFAULT-VALUE}")
    double eta;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "1", description = "Seed for initialisation and shuffling. Default: ${DEFAULT-VALUE}")
    long seed;

    @Option(names = "--cost", paramLabel = "NAME", defaultValue = "quadratic",
            description = "quadratic, cross-entropy or log-likelihood. Default: ${DEFAULT-VALUE}")
    String cost;

    @Option(names = "--activation", defaultValue = "sigmoid", paramLabel = "NAME[,NAME...]",
            description = "sigmoid, tanh, relu, identity (softmax for the output layer): one name for every layer, one per"
                    + " layer (e.g. relu,softmax for 784,30,10), or HIDDEN/OUTPUT. Default: ${DEFAULT-VALUE}")
    String activation;

    @Option(names = "--init", paramLabel = "NAME", defaultValue = "gaussian",
            description = "gaussian (N(0,1)), scaled (N(0,1/sqrt(n_in))), xavier, he, or network3 (network3.py's: N(0,1/n_out),"
                    + " a softmax output layer at zero). Default: ${DEFAULT-VALUE}")
    String init;

    @Option(names = "--lambda", paramLabel = "X", defaultValue = "0", description = "L2 regularisation strength. Default: ${DEFAULT-VALUE}")
    double lambda;

    @Option(names = "--l1", paramLabel = "X", defaultValue = "0", description = "L1 regularisation strength. Default: ${DEFAULT-VALUE}")
    double l1;

    @Option(names = "--optimizer", paramLabel = "NAME", defaultValue = "sgd",
            description = "sgd, momentum, nesterov, adam or rmsprop. Default: ${DEFAULT-VALUE}")
    String optimizer;

    @Option(names = "--momentum", paramLabel = "MU",
            description = "Momentum coefficient in [0, 1); with --optimizer sgd it adds momentum. Default: 0.9 for momentum"
                    + " and nesterov, off for sgd")
    @Nullable Double momentum;

    @Option(names = "--beta1", paramLabel = "X", description = "Adam's beta1. Default: 0.9")
    @Nullable Double beta1;

    @Option(names = "--beta2", paramLabel = "X", description = "Adam's beta2. Default: 0.999")
    @Nullable Double beta2;

    @Option(names = "--epsilon", paramLabel = "X", description = "Adam's and RMSProp's epsilon. Default: 1e-8")
    @Nullable Double epsilon;

    @Option(names = "--rho", paramLabel = "X", description = "RMSProp's decay rate rho. Default: 0.9")
    @Nullable Double rho;

    @Option(names = "--early-stop", paramLabel = "N",
            description = "Stop after N epochs without a better evaluation accuracy. Default: off")
    Integer earlyStop;

    @Option(names = "--halve-after", paramLabel = "N",
            description = "network2's rule: halve eta after N epochs without improvement; stop at eta/128. Default: off")
    Integer halveAfter;

    @Option(names = "--precision", paramLabel = "NAME", defaultValue = "float64",
            description = "float64 (the book's numbers, products in dgemm) or float32 (parameters kept as floats, products"
                    + " in sgemm: faster, with results that differ from float64 by float rounding). Default: ${DEFAULT-VALUE}")
    String precision;

    @Option(names = "--monitor", split = ",", splitSynopsisLabel = ",", defaultValue = "eval-acc", paramLabel = "WHAT",
            description = "Any of train-cost, train-acc, eval-cost, eval-acc. Default: ${DEFAULT-VALUE}")
    List<String> monitor;

    @Option(names = "--eval", paramLabel = "DATA", defaultValue = "test", description = "Evaluation data: validation or test. Default: ${DEFAULT-VALUE}")
    String eval;

    @Option(names = "--out", paramLabel = "FILE", description = "Write the final network to FILE as JSON.")
    Path out;

    @Option(names = "--snapshots", paramLabel = "DIR",
            description = "Record the run in DIR: experiment.json, run.json and one snapshot per epoch.")
    Path snapshots;

    @Option(names = "--resume", paramLabel = "DIR", description = "Finish the interrupted run recorded in DIR from its last good snapshot; its settings come from DIR.")
    Path resume;

    @Option(names = "--report", paramLabel = "DIR",
            description = "Write curves, confusion matrix, misclassified digits, weights and index.html to DIR.")
    Path report;

    @Option(names = "--label", paramLabel = "COLUMN",
            description = "With --data FILE.csv: the column holding each row's class; the other columns are the features.")
    String label;

    @Option(names = "--validation", paramLabel = "X",
            description = "With CSV data: hold out this fraction (0 < X < 1) of each class for validation, chosen by --seed.")
    @Nullable Double validation;

    @Option(names = "--test", paramLabel = "X",
            description = "With CSV data: hold out this fraction (0 < X < 1) of each class for testing, chosen by --seed.")
    @Nullable Double test;

    @Option(names = "--standardize",
            description = "With CSV data: scale each feature to mean 0, standard deviation 1 with the training part's statistics,"
                    + " which the network file records for evaluate and predict.")
    boolean standardize;

    @Option(names = "--hidden", split = ",", splitSynopsisLabel = ",", paramLabel = "N",
            description = "Hidden layer sizes only (e.g. 30 or 30,20); the input and output sizes come from the data."
                    + " Default with CSV data: 30")
    int[] hidden;

    @Option(names = "--layers", paramLabel = "LAYERS",
            description = "The network layer by layer, instead of --sizes/--hidden/--activation; the input size comes from the"
                    + " data. Layers: conv MAPSxKxK ACTIVATION, pool P (max-pooling of the conv before), dense N ACTIVATION"
                    + " [dropout P], softmax N [dropout P]. E.g. \"conv 20x5x5 relu, pool 2, dense 100 relu dropout 0.5, softmax 10\"."
                    + " Conv layers need image data (MNIST format).")
    @Nullable String layers;

    @Option(names = "--expand",
            description = "Train on the expanded MNIST of the book's chapter 6 (network3's expand_mnist.py): each training image"
                    + " and its copies moved one pixel down, up, right and left, 5 times as many images, computed as they are"
                    + " read. MNIST-format data only; recorded for --resume and replay.")
    boolean expand;

    @Mixin
    DataOptions data;

    /** The CSV file's parts and description, when --data names a CSV file; null for MNIST-format data. */
    private CsvData.@Nullable Split csv;

    /** The run directory this command writes, locked until the command ends. */
    private RunDirectory held;

    @Override
    public Integer call() {
        try {
            return resume != null ? resumeRun() : newRun();
        } finally {
            if (held != null) {
                held.close();
            }
        }
    }

    private Integer newRun() {
        boolean isCsv = CsvData.isCsv(data.dir);
        requireLayersAlone();
        boolean fromData = layers == null && sizesFromData(isCsv);
        requireCsvOptions(isCsv);
        Settings settings = parseSettings();
        requireStoppingIsWatched(earlyStop != null || halveAfter != null, monitor);
        requireUsableOutputs();
        Mnist mnist;
        if (isCsv) {
            Memory.doing("reading the CSV file " + data.dir);
            csv = CsvData.split(CsvData.read(data.dir, label, true), orDefault(validation, 0), orDefault(test, 0), standardize, seed);
            mnist = csv.parts();
            if (!spec.commandLine().getParseResult().hasMatchedOption("--eval")) {
                eval = csv.evalDefault();
            }
        } else {
            mnist = expand ? data.load().expanded() : data.load();
        }
        if (fromData) {
            sizes[0] = mnist.training().features();
            sizes[sizes.length - 1] = mnist.training().classes();
        }
        Architecture architecture;
        if (layers != null) {
            architecture = layerArchitecture(mnist.training()).withPrecision(settings.precision());
            sizes = architecture.sizes().toJavaStream().mapToInt(Integer::intValue).toArray();
        } else {
            architecture = new Architecture(Vector.ofAll(Arrays.stream(sizes).boxed().toList()), settings.activations(),
                    settings.precision());
        }
        requireSizesFit(mnist.training());
        Experiment experiment = new Experiment(architecture, settings.init(), seed, settings.cost(), eta, batch, settings.rule(), epochs,
                java.util.Optional.ofNullable(earlyStop), java.util.Optional.ofNullable(halveAfter), mnist.training().fingerprint(),
                threadCount(batch));
        // --out's file is built like a snapshot: a run must not train for hours and then fail to write it.
        Memory.requireFits(experiment, mnist.training().size(), snapshots != null || out != null);
        RunDirectory.Watch watch = new RunDirectory.Watch(eval, monitor, data.dir.toAbsolutePath().normalize(), isCsv
                ? new RunDirectory.CsvSettings(label, orDefault(validation, 0), orDefault(test, 0), standardize) : null, expand);
        // create writes run.json, epoch 0 and experiment.json, and holds the directory's lock.
        io.vavr.control.Option<RunDirectory> recording = io.vavr.control.Option.of(snapshots).map(dir -> RunDirectory.create(dir, experiment, watch));
        held = recording.getOrNull();
        return train(experiment, watch, mnist, experiment.start(), recording, List.of(), null);
    }

    private Integer resumeRun() {
        for (String option : EXPERIMENT_OPTIONS) {
            if (spec.commandLine().getParseResult().hasMatchedOption(option)) {
                throw usage("--resume takes the run's settings from " + resume.resolve(RunDirectory.EXPERIMENT)
                        + " and " + RunDirectory.RUN + "; drop " + option);
            }
        }
        requireUsableOutputs();
        RunDirectory run = RunDirectory.openForWriting(resume);
        held = run;
        RunDirectory.Watch watch = run.watch();
        if (report != null && watch.csv() != null && !(watch.csv().test() > 0)) {
            throw usage("--report with CSV data needs a --test split, and " + resume + " was recorded without one: the"
                    + " report's confusion matrix is on test data");
        }
        requireStoppingIsWatched(run.experiment().earlyStopping().isPresent() || run.experiment().halveAfter().isPresent(),
                watch.monitor());
        boolean dataGiven = spec.commandLine().getParseResult().hasMatchedOption("--data");
        DataOptions.Loaded loaded = DataOptions.forRun(dataGiven ? data : null, watch, run.experiment().seed());
        Mnist mnist = loaded.mnist();
        csv = loaded.csv();
        DataOptions.requireData(run.experiment(), mnist, dataGiven ? data.dir : watch.data());
        Memory.requireFits(run.experiment(), mnist.training().size(), true);
        java.util.function.Consumer<String> warn = message -> spec.commandLine().getErr().println("purenet: " + message);
        Epoch from = run.lastGoodSnapshot(warn).map(Snapshots.Recorded::epoch).getOrElse(() -> {
            // Epoch 0 is the experiment's alone: a run that stopped before its first snapshot starts there.
            warn.accept(resume + " has no snapshot yet; starting from epoch 0");
            run.write(run.experiment().start());
            return run.experiment().start();
        });
        spec.commandLine().getOut().println("Resuming " + resume + " from epoch " + from.index());
        boolean complete = from.index() >= run.experiment().epochs();
        // A complete run only writes its outputs; a run that goes on also needs the best recorded epoch.
        String usedFor = complete ? "the report" : report == null ? "the best epoch" : "the report and the best epoch";
        RunDirectory.History history = complete && report == null ? new RunDirectory.History(List.of(), null)
                : run.history(from.index(), usedFor, warn);
        if (complete) {
            spec.commandLine().getOut().println("The run already has all " + run.experiment().epochs() + " epochs.");
            writeOutputs(run.experiment(), watch, mnist, history.points(), from);
            return 0;
        }
        return train(run.experiment(), watch, mnist, from, io.vavr.control.Option.some(run), history.points(), history.best());
    }

    private Integer train(Experiment experiment, RunDirectory.Watch watch, Mnist mnist, Epoch from,
                          io.vavr.control.Option<RunDirectory> recording, List<EpochPoint> earlier, @Nullable Epoch bestBefore) {
        PrintWriter stdout = spec.commandLine().getOut();
        Sgd sgd = experiment.sgd();
        Monitor monitors = watch.monitor(mnist, experiment);
        long[] monitorNanos = {0};
        UnaryOperator<Epoch> timedMonitor = e -> {
            long t0 = System.nanoTime();
            Epoch measured = monitors.apply(e);
            monitorNanos[0] += System.nanoTime() - t0;
            return measured;
        };
        ProgressBar bar = System.console() != null ? new ProgressBar(stdout) : null;
        EpochLines lines = new EpochLines(watch.eval(), watch.monitor());
        stdout.println(describe(experiment, describeTraining(mnist.training(), watch), watch.eval()));

        DivergenceCheck divergence = new DivergenceCheck(mnist.training(), sgd.cost(), experiment.initialNetwork());
        // Only the stream's current cell is held: a lazy stream's head keeps every epoch after it.
        Stream<Epoch> rest = experiment.resume(from, mnist.training(), timedMonitor, bar != null ? bar : Sgd.ProgressListener.NONE);
        // The report's points, not the epochs: every epoch's network would make memory grow with --epochs.
        List<EpochPoint> history = new ArrayList<>(earlier);
        Epoch best = bestBefore; // a resumed run's recorded epochs count for the closing line
        Epoch last = rest.head();
        while (true) {
            monitorNanos[0] = 0;
            long t0 = System.nanoTime();
            try {
                rest = rest.tail(); // the stream is lazy: this trains and measures the next epoch
            } catch (DivergenceException e) {
                if (bar != null) {
                    bar.clear();
                }
                spec.commandLine().getErr().println("purenet: " + e.getMessage() + "; no network was written. Try a smaller --eta.");
                return Main.FAILED;
            }
            if (rest.isEmpty()) {
                break;
            }
            Epoch e = rest.head();
            double trainSeconds = (System.nanoTime() - t0 - monitorNanos[0]) / 1e9;
            if (bar != null) {
                bar.clear();
            }
            stdout.println(lines.line(e, trainSeconds));
            var problem = divergence.check(e);
            if (problem.isDefined()) {
                spec.commandLine().getErr().println("purenet: training diverged at epoch " + e.index() + ": " + problem.get()
                        + "; no network was written. Try a smaller --eta.");
                return Main.FAILED;
            }
            recording.forEach(r -> r.write(e));
            RunReports.point(e).forEach(history::add);
            if (EpochLines.isBetter(e, best)) {
                best = e;
            }
            last = e;
        }
        if (best != null) {
            stdout.println(lines.best(best));
        }
        if (last.index() < experiment.epochs() && last.index() > from.index()) {
            stdout.println("Stopped after epoch " + last.index() + " ("
                    + (experiment.halveAfter().isPresent() ? "the learning rate fell below eta/128" : "no improvement in "
                    + experiment.earlyStopping().orElse(0) + " epochs") + ")");
        }
        writeOutputs(experiment, watch, mnist, history, last);
        return 0;
    }

    /** --out and --report, from the last epoch: trained now, or recorded by a run that already finished. */
    private void writeOutputs(Experiment experiment, RunDirectory.Watch watch, Mnist mnist, List<EpochPoint> history, Epoch last) {
        PrintWriter stdout = spec.commandLine().getOut();
        if (out != null) {
            if (csv != null) {
                NetworkFiles.write(out, last.network(), csv.description());
            } else {
                Snapshots.write(out, last.network());
            }
            stdout.println("Wrote the final network (epoch " + last.index() + ") to " + out);
        }
        if (report != null) {
            Path index = RunReports.write(report, experiment, watch.eval(), history, last.network(), mnist.test());
            stdout.println("Wrote the report to " + index);
        }
    }

    private void requireStoppingIsWatched(boolean stopping, List<String> watched) {
        if (stopping && !watched.contains("eval-acc")) {
            throw usage("--early-stop and --halve-after judge the evaluation accuracy; add eval-acc to --monitor");
        }
    }

    /** Checked before training, so that a bad path does not cost a whole run. */
    private void requireUsableOutputs() {
        if (out != null && java.nio.file.Files.isDirectory(out)) {
            throw usage("--out takes a file, but " + out + " is a directory");
        }
        if (out != null) {
            requireDirectoryOrAbsent("--out's directory", out.toAbsolutePath().getParent());
        }
        requireDirectoryOrAbsent("--report", report);
        requireDirectoryOrAbsent("--snapshots", snapshots);
        // Writable, too: a read-only file system was found only after the whole run.
        if (out != null) {
            io.vavr.control.Try.run(() -> dev.purenet.io.AtomicFiles.requireWritable(out)).getOrElseThrow(e -> refused("--out", e));
        }
        for (Path dir : new Path[] {report, snapshots, resume}) {
            if (dir != null) {
                io.vavr.control.Try.run(() -> dev.purenet.io.AtomicFiles.requireWritableDirectory(dir))
                        .getOrElseThrow(e -> refused(dir == report ? "--report" : dir == snapshots ? "--snapshots" : "--resume", e));
            }
        }
        if (snapshots != null) {
            RunDirectory.Lock.requireFree(snapshots); // a second run into a directory stops before loading data
        }
    }

    private RuntimeException refused(String flag, Throwable e) {
        return e instanceof java.io.UncheckedIOException u
                ? new java.io.UncheckedIOException(flag + ": " + u.getMessage(), u.getCause()) : (RuntimeException) e;
    }

    private void requireDirectoryOrAbsent(String what, Path dir) {
        for (Path p = dir == null ? null : dir.toAbsolutePath(); p != null; p = p.getParent()) {
            if (java.nio.file.Files.exists(p)) {
                if (!java.nio.file.Files.isDirectory(p)) {
                    throw usage(what + ": " + p + " is a file, expected a directory");
                }
                return;
            }
        }
    }

    /** {@code 50000 images}, the expanded images with their origin, or the CSV rows with their columns and splits. */
    private String describeTraining(Dataset training, RunDirectory.Watch watch) {
        if (csv != null) {
            return training.size() + " rows of " + watch.data().getFileName() + describeCsv(csv);
        }
        return training.size() + " images" + (watch.expand() ? " (" + training.size() / Dataset.EXPANDED_COPIES
                + " expanded with their one-pixel moves down, up, right and left)" : "");
    }

    private static String describeCsv(CsvData.Split split) {
        CsvData.Description d = split.description();
        return " (" + d.features().size() + " features" + (d.mean() != null ? ", standardized" : "") + ", " + d.classes().size()
                + " classes of '" + d.label() + "'; " + split.validationSize() + " rows held out for validation, "
                + split.testSize() + " for test)";
    }

    /** --hidden, or CSV data without --sizes: the input and output sizes are filled in from the data. */
    private boolean sizesFromData(boolean isCsv) {
        boolean sizesGiven = spec.commandLine().getParseResult().hasMatchedOption("--sizes");
        if (hidden != null && sizesGiven) {
            throw usage("--hidden gives the hidden layers and --sizes all of them; use one, not both");
        }
        if (hidden == null && (sizesGiven || !isCsv)) {
            return false;
        }
        int[] middle = hidden != null ? hidden : new int[] {30};
        if (middle.length == 0 || Arrays.stream(middle).anyMatch(s -> s < 1)) {
            throw usage("--hidden needs positive sizes, e.g. 30 or 30,20; got " + Arrays.toString(middle));
        }
        sizes = new int[middle.length + 2];
        sizes[0] = 1; // filled in from the data once it is read
        System.arraycopy(middle, 0, sizes, 1, middle.length);
        sizes[sizes.length - 1] = 1;
        return true;
    }

    /** The CSV flags need CSV data, --expand needs images, and CSV data needs --label; fractions in (0, 1) summing below 1. */
    private void requireCsvOptions(boolean isCsv) {
        if (isCsv && expand) {
            throw usage("--expand moves MNIST-format images by a pixel; " + data.dir + " is a CSV file, whose rows are not"
                    + " images: train on it without --expand");
        }
        if (!isCsv) {
            for (String flag : List.of("--label", "--validation", "--test", "--standardize")) {
                if (spec.commandLine().getParseResult().hasMatchedOption(flag)) {
                    throw usage(flag + " applies to CSV data (--data FILE.csv); " + data.dir + " is read as MNIST-format IDX files");
                }
            }
            return;
        }
        if (label == null) {
            throw usage("--data " + data.dir + " is a CSV file; name its class column with --label COLUMN");
        }
        for (var f : List.of(java.util.Map.entry("--validation", java.util.Optional.ofNullable(validation)),
                java.util.Map.entry("--test", java.util.Optional.ofNullable(test)))) {
            if (f.getValue().isPresent() && !(f.getValue().get() > 0 && f.getValue().get() < 1)) {
                throw usage(f.getKey() + " must be a fraction between 0 and 1 (exclusive), got " + f.getValue().get());
            }
        }
        if (orDefault(validation, 0) + orDefault(test, 0) >= 1) {
            throw usage("--validation and --test together must hold out less than all the data, got " + validation + " + " + test);
        }
        if (spec.commandLine().getParseResult().hasMatchedOption("--eval")
                && (eval.equals("validation") && validation == null || eval.equals("test") && test == null)) {
            throw usage("--eval " + eval + " needs a " + eval + " part of the CSV file: add --" + eval + " X (e.g. 0.2)");
        }
        if (report != null && test == null) {
            throw usage("--report with CSV data needs a --test split: the report's confusion matrix is on test data");
        }
    }

    private static String describe(Experiment e, String trainingData, String evalLabel) {
        Vector<String> activations = e.architecture().activations().map(Activation::name);
        String network = e.architecture().isPlain() ? e.architecture().sizes().mkString("-") + " (" + (activations.distinct().size() == 1
                ? activations.head() : activations.mkString(", ")) + ")" : e.architecture().sizes().head() + " -> " + e.architecture().describeLayers();
        return "Training " + network + " on " + trainingData + ": " + e.epochs() + (e.epochs() == 1 ? " epoch" : " epochs") + ", mini-batch " + e.miniBatch()
                + ", eta " + e.eta() + ", " + e.cost().name() + " cost, " + e.init().name() + " init"
                + (e.precision() == Precision.FLOAT64 ? "" : ", " + e.precision().label())
                + (e.rule().equals(UpdateRule.learningRate()) ? "" : ", update " + e.rule().describe())
                + e.earlyStopping().map(n -> ", early stopping after " + n).orElse("")
                + e.halveAfter().map(n -> ", halving eta after " + n).orElse("")
                + (e.threads() > 1 ? ", " + e.threads() + " threads" : "")
                + ", seed " + e.seed() + "; evaluating on " + evalLabel + " data"
                + (evalLabel.equals("training") ? " (no --validation or --test part: this measures fit, not generalisation)" : "");
    }

    /** --threads as a count: N as given, or auto's choice for this machine and mini-batch (the experiment records it). */
    private int threadCount(int miniBatch) {
        if (!threads.equals("auto")) {
            try {
                int n = Integer.parseInt(threads);
                if (n >= 1 && n <= Sgd.MAX_THREADS) {
                    return n;
                }
            } catch (NumberFormatException e) {
                // falls through to the usage error
            }
            throw usage("--threads takes auto or a count from 1 to " + Sgd.MAX_THREADS + ", got '" + threads + "'");
        }
        boolean pays = miniBatch >= TWO_THREADS_FROM && Runtime.getRuntime().availableProcessors() >= 2
                && !BlasThreading.decision().locked();
        return pays ? 2 : 1;
    }

    /** The parsed named choices; each bad one is a usage error naming the flag. */
    private record Settings(Cost cost, Vector<Activation> activations, Init init, UpdateRule rule, Precision precision) {}

    private Settings parseSettings() {
        if (epochs < 1) {
            throw usage("--epochs must be at least 1, got " + epochs);
        }
        if (batch < 1) {
            throw usage("--batch must be at least 1, got " + batch);
        }
        if (!(eta > 0) || Double.isInfinite(eta)) {
            throw usage("--eta must be a positive number, got " + eta);
        }
        if (sizes.length < 2 || Arrays.stream(sizes).anyMatch(s -> s < 1)) {
            throw usage("--sizes needs at least two positive sizes, got " + joined());
        }
        requireNonNegative("--lambda", lambda);
        requireNonNegative("--l1", l1);
        requirePositive("--early-stop", earlyStop);
        requirePositive("--halve-after", halveAfter);
        for (String m : monitor) {
            if (!EpochLines.MONITORS.contains(m)) {
                throw usage("--monitor takes " + String.join(", ", EpochLines.MONITORS) + "; got '" + m + "'");
            }
        }
        if (!eval.equals("validation") && !eval.equals("test")) {
            throw usage("--eval must be validation or test, got '" + eval + "'");
        }
        Vector<Activation> activations = layers == null ? parseActivations() : Vector.empty();
        Cost chosenCost = named("--cost", () -> Cost.named(cost));
        if (layers == null && chosenCost == Cost.logLikelihood() && activations.last() != Activation.softmax()) {
            Activation output = activations.last();
            spec.commandLine().getErr().println("purenet: warning: the log-likelihood cost expects a softmax output layer"
                    + " (outputs that sum to 1), e.g. --activation " + activations.head().name() + ",softmax; got " + output.name());
        }
        return new Settings(chosenCost, activations, named("--init", () -> Init.named(init)), parseRule(),
                named("--precision", () -> Precision.of(precision)));
    }

    /** One name for every layer, one name per layer, or 0.1.0's HIDDEN/OUTPUT. */
    private Vector<Activation> parseActivations() {
        int layers = sizes.length - 1;
        Vector<String> names;
        if (activation.contains("/")) {
            String[] parts = activation.split("/", -1);
            if (parts.length != 2 || parts[0].contains(",")) {
                throw usage("--activation takes NAME, one NAME per layer separated by commas, or HIDDEN/OUTPUT; got '"
                        + activation + "'");
            }
            names = Vector.fill(layers - 1, () -> parts[0]).append(parts[1]);
        } else {
            names = Vector.of(activation.split(",", -1)).map(String::strip);
            if (names.size() == 1) {
                names = Vector.fill(layers, () -> activation.strip());
            } else if (names.size() != layers) {
                throw usage("--activation: " + joined() + " has " + layers + " layers; give one activation for all of them"
                        + " or one per layer, got " + names.size() + " (" + activation + ")");
            }
        }
        Vector<Activation> chosen = names.map(name -> named("--activation", () -> Activation.named(name)));
        for (int k = 0; k < layers - 1; k++) {
            if (chosen.get(k) == Activation.softmax()) {
                throw usage("--activation: softmax is for the output layer only, e.g. sigmoid,softmax; got it on layer " + (k + 1));
            }
        }
        return chosen;
    }

    /** Weight decay (L2, then L1), then the optimizer: the chain 0.1.0 built for sgd and momentum. */
    private UpdateRule parseRule() {
        Map<String, Double> coefficients = new LinkedHashMap<>(); // an option not given is null: the default
        coefficients.put("momentum", momentum);
        coefficients.put("beta1", beta1);
        coefficients.put("beta2", beta2);
        coefficients.put("epsilon", epsilon);
        coefficients.put("rho", rho);
        UpdateRule optimizerRule;
        try {
            optimizerRule = UpdateRule.optimizer(optimizer, coefficients); // its names are the options' without "--"
        } catch (IllegalArgumentException e) {
            throw usage("--" + e.getMessage());
        }
        UpdateRule rule = optimizerRule;
        if (l1 > 0) {
            rule = UpdateRule.l1(l1).then(rule);
        }
        if (lambda > 0) {
            rule = UpdateRule.l2(lambda).then(rule);
        }
        return rule;
    }

    private static double orDefault(@Nullable Double value, double fallback) {
        return value != null ? value : fallback;
    }

    private void requirePositive(String flag, Integer epochsOrNull) {
        if (epochsOrNull != null && epochsOrNull < 1) {
            throw usage(flag + " must be at least 1 epoch, got " + epochsOrNull);
        }
    }

    private void requireNonNegative(String flag, double value) {
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw usage(flag + " must be a number >= 0, got " + value);
        }
    }

    private <T> T named(String flag, java.util.function.Supplier<T> lookup) {
        try {
            return lookup.get();
        } catch (IllegalArgumentException e) {
            throw usage(flag + ": " + e.getMessage());
        }
    }

    private void requireSizesFit(Dataset training) {
        if (layers != null && sizes[sizes.length - 1] != training.classes()) {
            throw usage("--layers: the last layer has " + sizes[sizes.length - 1] + " outputs, but the data has " + training.classes()
                    + " classes; end with e.g. softmax " + training.classes());
        }
        if (csv != null && (sizes[0] != training.features() || sizes[sizes.length - 1] != training.classes())) {
            throw usage("--sizes must start with " + training.features() + " (feature columns of " + data.dir + ") and end with "
                    + training.classes() + " (classes of '" + label + "'), got " + joined() + "; or give only the hidden"
                    + " layers with --hidden");
        }
        if (sizes[0] != training.features() || sizes[sizes.length - 1] != training.classes()) {
            throw usage("--sizes must start with " + training.features() + " (pixels per image) and end with "
                    + training.classes() + " (classes) for this data, got " + joined() + Labels.largest(data.dir, training.classes()));
        }
    }

    /** --layers replaces the options that describe a dense network; giving both would leave one ignored. */
    private void requireLayersAlone() {
        if (layers == null) {
            return;
        }
        for (String option : List.of("--sizes", "--hidden", "--activation")) {
            if (spec.commandLine().getParseResult().hasMatchedOption(option)) {
                throw usage("--layers describes every layer with its activation; drop " + option);
            }
        }
    }

    /** --layers over the data's images (or its feature columns, for dense layers on CSV data). */
    private Architecture layerArchitecture(Dataset training) {
        try {
            var image = training.imageShape();
            return image.isPresent() ? Architecture.layers(layers, 1, image.get().rows(), image.get().columns())
                    : Architecture.layers(layers, training.features());
        } catch (IllegalArgumentException e) {
            throw usage("--layers: " + e.getMessage());
        }
    }

    private String joined() {
        return String.join(",", Arrays.stream(sizes).mapToObj(Integer::toString).toList());
    }

    private CommandLine.ParameterException usage(String message) {
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }
}
