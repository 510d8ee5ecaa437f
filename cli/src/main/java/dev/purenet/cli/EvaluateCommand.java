package dev.purenet.cli;

import dev.purenet.Network;
import dev.purenet.data.Dataset;
import dev.purenet.data.Mnist;
import dev.purenet.train.Evaluation;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code purenet evaluate}: a saved network's accuracy on the test set, or on every row of a CSV file. */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = "Accuracy of a saved network on the test set, or on every row of a CSV file (--data FILE.csv)"
                + " scaled as the network file records.")
final class EvaluateCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--network", required = true, paramLabel = "FILE", description = "A network: written by 'train --out', a snapshot, or network2.py's save().")
    Path network;

    @Mixin
    DataOptions data;

    @Override
    public Integer call() {
        Network net = NetworkFiles.read(network);
        if (CsvData.isCsv(data.dir)) {
            CsvData.Description d = NetworkFiles.requireDescription(network, net);
            Dataset rows = CsvData.forNetwork(data.dir, d);
            spec.commandLine().getOut().println("All " + rows.size() + " rows of " + data.dir + ": " + Evaluation.of(net, rows)
                    + (d.mean() != null ? " (standardized with the training statistics in " + network.getFileName() + ")" : ""));
            return 0;
        }
        Mnist mnist = data.load();
        Checks.requireFits(net, mnist.test());
        spec.commandLine().getOut().println("Test: " + Evaluation.of(net, mnist.test()));
        return 0;
    }
}
