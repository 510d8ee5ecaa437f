package dev.purenet.cli;

import dev.purenet.Ensemble;
import dev.purenet.Network;
import dev.purenet.data.Dataset;
import dev.purenet.data.DataFormatException;
import dev.purenet.train.Evaluation;
import io.vavr.collection.Vector;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code purenet evaluate}: a saved network's accuracy on the test set, or on every row of a CSV
 * file; several networks are evaluated as an {@link Ensemble} as well as one by one.
 */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = "Accuracy of a saved network on the test set, or on every row of a CSV file (--data FILE.csv)"
                + " scaled as the network file records. Several networks (--network a.json,b.json,c.json) are evaluated"
                + " each on its own and as an ensemble: the mean of their outputs, and their majority vote.")
final class EvaluateCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--network", required = true, split = ",", splitSynopsisLabel = ",", paramLabel = "FILE",
            description = "A network: written by 'train --out', a snapshot, or network2.py's save(). Several, separated by"
                    + " commas, make an ensemble; they must have the same numbers of inputs and outputs.")
    List<Path> networks;

    @Mixin
    DataOptions data;

    @Override
    public Integer call() {
        Vector<Network> members = Vector.ofAll(networks).map(NetworkFiles::read);
        requireSameShape(members);
        PrintWriter out = spec.commandLine().getOut();
        String label;
        Dataset examples;
        if (CsvData.isCsv(data.dir)) {
            CsvData.Description d = sameDescription(members);
            examples = CsvData.forNetwork(data.dir, d);
            label = "All " + examples.size() + " rows of " + data.dir;
            if (members.size() == 1) {
                out.println(label + ": " + Evaluation.of(members.head(), examples) + (d.mean() != null
                        ? " (standardized with the training statistics in " + networks.get(0).getFileName() + ")" : ""));
                return 0;
            }
        } else {
            examples = data.load().test();
            for (int k = 0; k < members.size(); k++) {
                try {
                    Checks.requireFits(members.get(k), examples);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(networks.get(k) + ": " + e.getMessage(), e);
                }
            }
            label = "Test";
            if (members.size() == 1) {
                out.println(label + ": " + Evaluation.of(members.head(), examples));
                return 0;
            }
        }
        for (int k = 0; k < members.size(); k++) {
            out.println(label + ", " + networks.get(k) + ": " + Evaluation.of(members.get(k), examples));
        }
        Ensemble ensemble = new Ensemble(members);
        out.println(label + ", ensemble of " + members.size() + " (mean output): " + Evaluation.of(ensemble, examples));
        out.println(label + ", ensemble of " + members.size() + " (majority vote): " + Evaluation.byVote(ensemble, examples));
        return 0;
    }

    /** {@link Ensemble}'s own check, with the files named instead of the members' numbers. */
    private void requireSameShape(Vector<Network> members) {
        Network first = members.head();
        for (int k = 1; k < members.size(); k++) {
            Network member = members.get(k);
            if (member.inputSize() != first.inputSize() || member.outputSize() != first.outputSize()) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--network: " + networks.get(k) + " is "
                        + sizes(member) + " but " + networks.get(0) + " is " + sizes(first) + "; an ensemble's networks"
                        + " must have the same numbers of inputs and outputs");
            }
        }
    }

    /** The CSV description every network file records; the files must agree on it, or their inputs differ. */
    private CsvData.Description sameDescription(Vector<Network> members) {
        CsvData.Description first = NetworkFiles.requireDescription(networks.get(0), members.head());
        for (int k = 1; k < members.size(); k++) {
            CsvData.Description d = NetworkFiles.requireDescription(networks.get(k), members.get(k));
            if (!d.label().equals(first.label()) || !d.classes().equals(first.classes()) || !d.features().equals(first.features())) {
                throw new DataFormatException(networks.get(k) + " records other CSV data (label, classes or feature columns)"
                        + " than " + networks.get(0) + "; an ensemble's networks must read the same columns and classes");
            }
            if (!Arrays.equals(d.mean(), first.mean()) || !Arrays.equals(d.std(), first.std())) {
                // Each seed holds out other rows, so --standardize gives each network its own statistics.
                throw new DataFormatException(networks.get(k) + " scales the features otherwise than " + networks.get(0)
                        + " (with --standardize each network keeps its own training part's statistics); an ensemble's"
                        + " networks must read the rows alike: train them without --standardize");
            }
        }
        return first;
    }

    private static String sizes(Network network) {
        return Vector.ofAll(network.sizes()).mkString("-");
    }
}
