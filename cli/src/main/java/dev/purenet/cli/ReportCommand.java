package dev.purenet.cli;

import dev.purenet.data.Mnist;
import dev.purenet.report.EpochPoint;
import dev.purenet.train.Epoch;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code purenet report RUN_DIR}: the report of a finished (or interrupted) recorded run. */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Write the report (curves, confusion matrix, misclassified digits, weights, index.html) of a run"
                + " recorded with 'train --snapshots', from its snapshots.")
final class ReportCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "RUN_DIR", description = "A run directory written by 'train --snapshots'.")
    Path runDir;

    @Option(names = "--out", paramLabel = "DIR", description = "Where to write the report. Default: RUN_DIR/report")
    Path out;

    @Option(names = "--data", paramLabel = "DIR", description = "MNIST-format data; default: the directory recorded with the run.")
    Path dataDir;

    @Override
    public Integer call() {
        RunDirectory run = RunDirectory.open(runDir);
        List<Integer> recorded = run.snapshotEpochs().toJavaList();
        if (recorded.isEmpty()) {
            throw new IllegalArgumentException(runDir + " has no snapshots (epoch-NNNN.json) to report on");
        }
        if (run.watch().csv() != null && !(run.watch().csv().test() > 0)) {
            throw new IllegalArgumentException(runDir + " was trained on a CSV file without a --test split; a report's"
                    + " confusion matrix needs test data");
        }
        Mnist mnist = DataOptions.forRun(dataDir != null ? DataOptions.at(dataDir) : null, run.watch(), run.experiment().seed()).mnist();
        // One snapshot at a time: the report keeps each epoch's measurements, and only the last network.
        List<EpochPoint> points = new ArrayList<>();
        Epoch last = null;
        for (int k : recorded) {
            last = run.snapshot(k).get().epoch();
            RunReports.point(last).forEach(points::add);
        }
        Path index = RunReports.write(out != null ? out : runDir.resolve("report"), run.experiment(), run.watch().eval(),
                points, java.util.Objects.requireNonNull(last).network(), mnist.test());
        spec.commandLine().getOut().println("Wrote the report of " + runDir + " (epochs 1 to " + last.index() + ") to " + index);
        return 0;
    }
}
