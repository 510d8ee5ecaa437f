package dev.purenet.cli;

import dev.purenet.data.Mnist;
import dev.purenet.io.Snapshots;
import dev.purenet.train.Epoch;
import dev.purenet.train.Experiment;
import dev.purenet.train.Monitor;
import dev.purenet.train.Sgd;
import io.vavr.collection.Stream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code purenet replay DIR}: runs a recorded experiment again, and with --verify proves it reproduces. */
@Command(name = "replay", mixinStandardHelpOptions = true,
        description = "Re-run the experiment recorded in DIR (by 'train --snapshots DIR') from its seed. With "
                + "--verify, check that every stored snapshot is reproduced bit for bit; exit 1 at the first that is not.")
final class ReplayCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "DIR", description = "A run directory written by 'train --snapshots'.")
    Path dir;

    @Option(names = "--verify", description = "Compare every epoch with its snapshot.")
    boolean verify;

    @Option(names = "--data", paramLabel = "DIR", description = "MNIST-format data; default: the directory recorded with the run.")
    Path dataDir;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        RunDirectory run = RunDirectory.open(dir);
        Experiment experiment = run.experiment();
        Mnist mnist = DataOptions.forRun(dataDir != null ? DataOptions.at(dataDir) : null, run.watch(), run.experiment().seed()).mnist();
        DataOptions.requireData(experiment, mnist, dataDir != null ? dataDir : run.watch().data());
        Memory.requireFits(experiment, mnist.training().size(), false);
        var recorded = run.snapshotEpochs().filter(k -> k <= experiment.epochs());
        var strays = run.strays();
        strays.forEach(name -> spec.commandLine().getErr().println("purenet: " + (verify ? "cannot verify " : "ignoring ")
                + run.dir().resolve(name) + ": this run has epochs 0 to " + experiment.epochs()));
        int lastEpoch = recorded.isEmpty() ? experiment.epochs() : Math.min(recorded.last(), experiment.epochs());
        Monitor monitor = run.watch().monitor(mnist, experiment);
        EpochLines lines = new EpochLines(run.watch().eval(), run.watch().monitor());
        out.println("Replaying " + dir + " (seed " + experiment.seed() + ") up to epoch " + lastEpoch
                + (verify ? ", checking " + recorded.size() + " snapshots" : ""));
        Stream<Epoch> replay = experiment.run(mnist.training(), monitor, Sgd.ProgressListener.NONE).take(lastEpoch + 1);
        if (verify && recorded.isEmpty()) {
            throw new IllegalArgumentException(dir + " has no snapshots (epoch-NNNN.json); there is nothing to verify");
        }
        java.util.List<Integer> checked = new java.util.ArrayList<>();
        for (Epoch e : replay) {
            long t0 = System.nanoTime();
            if (e.index() > 0) {
                out.println(lines.line(e, (System.nanoTime() - t0) / 1e9).replaceFirst("  [0-9.]+ s$", ""));
            }
            if (verify && recorded.contains(e.index())) {
                Snapshots.Recorded stored = run.snapshot(e.index()).get();
                String difference = Differences.between(stored.epoch(), e);
                if (!difference.isEmpty()) {
                    spec.commandLine().getErr().println("purenet: epoch " + e.index() + " differs from "
                            + run.snapshotFile(e.index()) + ": " + difference);
                    return Main.FAILED;
                }
                checked.add(e.index());
            }
        }
        var unchecked = recorded.filter(k -> !checked.contains(k)).map(run::snapshotFile);
        if (verify && (!unchecked.isEmpty() || !strays.isEmpty())) {
            // Every stored snapshot is either reproduced or named: "verified" must not skip one.
            spec.commandLine().getErr().println("purenet: not verified: " + (unchecked.size() + strays.size()) + " of "
                    + (recorded.size() + strays.size()) + " snapshots were not reproduced by the run ("
                    + unchecked.map(Path::toString).appendAll(strays.map(n -> run.dir().resolve(n).toString())).mkString(", ")
                    + "); the replay ended at epoch " + (checked.isEmpty() ? 0 : checked.get(checked.size() - 1)));
            return Main.FAILED;
        }
        if (verify) {
            out.println("Verified: all " + checked.size() + " snapshots (epochs " + ranges(checked) + ") reproduced bit for bit.");
        }
        return 0;
    }

    /** {@code 0-3, 5, 7-9}. */
    private static String ranges(java.util.List<Integer> epochs) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < epochs.size(); i++) {
            int start = epochs.get(i);
            while (i + 1 < epochs.size() && epochs.get(i + 1) == epochs.get(i) + 1) {
                i++;
            }
            sb.append(sb.length() == 0 ? "" : ", ").append(start).append(start == epochs.get(i) ? "" : "-" + epochs.get(i));
        }
        return sb.toString();
    }
}
