package dev.purenet.cli;

import dev.purenet.Network;
import dev.purenet.data.Dataset;
import dev.purenet.report.EpochPoint;
import dev.purenet.report.Report;
import dev.purenet.report.ReportInput;
import dev.purenet.report.RunHistory;
import dev.purenet.train.Epoch;
import dev.purenet.train.Evaluation;
import dev.purenet.train.Experiment;
import io.vavr.control.Option;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Turns a run's epochs into a report directory (see docs/reports.md). */
final class RunReports {
    private RunReports() {}

    /**
     * The report of a run from its epochs' measurements, one point per trained epoch (epoch 0, the
     * untrained network, has none), and the network whose weights and confusion matrix it shows.
     */
    static Path write(Path dir, Experiment experiment, String evalLabel, List<EpochPoint> points, Network network, Dataset test) {
        return Report.write(dir, ReportInput.of(new RunHistory(evalLabel, points), configuration(experiment, evalLabel),
                network, test, "test"));
    }

    /**
     * What a report keeps of an epoch: its measurements, not its network, so that a long run of a
     * large network does not hold every epoch's parameters for its report.
     *
     * @return the point, or nothing for epoch 0
     */
    static Option<EpochPoint> point(Epoch e) {
        return e.index() == 0 ? Option.none() : Option.some(new EpochPoint(e.index(), Option.ofOptional(e.metrics().trainingCost()),
                Option.ofOptional(e.metrics().trainingAccuracy().map(Evaluation::accuracy)),
                Option.ofOptional(e.metrics().evaluationCost()),
                Option.ofOptional(e.metrics().evaluationAccuracy().map(Evaluation::accuracy))));
    }

    static Map<String, String> configuration(Experiment e, String evalLabel) {
        Map<String, String> c = new LinkedHashMap<>();
        c.put("sizes", e.architecture().sizes().mkString("-"));
        c.put("activations", e.architecture().activations().map(a -> a.spec().toString()).mkString(", "));
        c.put("init", e.init().spec().toString());
        c.put("cost", e.cost().spec().toString());
        c.put("eta", Double.toString(e.eta()));
        c.put("mini-batch", Integer.toString(e.miniBatch()));
        c.put("update rule", e.rule().describe());
        c.put("epochs", Integer.toString(e.epochs()));
        c.put("early stopping", e.earlyStopping().map(n -> "after " + n + " epochs without improvement").orElse("off"));
        c.put("halving", e.halveAfter().map(n -> "halve eta after " + n + " epochs without improvement").orElse("off"));
        c.put("seed", Long.toString(e.seed()));
        c.put("evaluation data", evalLabel);
        c.put("training data SHA-256", e.dataFingerprint());
        return c;
    }
}
