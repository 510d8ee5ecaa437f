package dev.purenet.cli;

import dev.purenet.Cost;
import dev.purenet.Network;
import dev.purenet.io.Network2Format;
import dev.purenet.io.Snapshots;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code purenet export}: a saved network converted between purenet's JSON format and network2.py's. */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = "Convert a saved network between purenet's JSON format and the format of the book's "
                + "network2.py (its Network.save writes it, load() reads it). The input format is detected.")
final class ExportCommand implements Callable<Integer> {
    private static final List<String> FORMATS = List.of("network2", "purenet");
    /** The costs network2.py has a class for. */
    private static final List<String> NETWORK2_COSTS = List.of("quadratic", "cross-entropy");

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--network", required = true, paramLabel = "FILE",
            description = "A network in purenet's format (from 'train --out') or in network2.py's (from Network.save).")
    Path network;

    @Option(names = "--format", required = true, paramLabel = "network2|purenet", description = "The format to write.")
    String format;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "Where to write the network.")
    Path out;

    @Option(names = "--cost", paramLabel = "quadratic|cross-entropy",
            description = {"The cost network2.py trains the network with, written with --format network2.",
                    "Default: quadratic for a purenet file; a network2.py file keeps its own."})
    String cost;

    @Override
    public Integer call() {
        if (!FORMATS.contains(format)) {
            throw usage("--format must be network2 or purenet, got " + format);
        }
        if (cost != null && !NETWORK2_COSTS.contains(cost)) {
            throw usage("--cost must be quadratic or cross-entropy (the costs network2.py has), got " + cost);
        }
        if (cost != null && format.equals("purenet")) {
            throw usage("--cost applies only to --format network2; a plain purenet network file has no cost field");
        }
        Network net;
        Cost fileCost = null;
        String from;
        if (Network2Format.detect(network) == Network2Format.Kind.NETWORK2) {
            Network2Format.Loaded loaded = Network2Format.read(network);
            net = loaded.network();
            fileCost = loaded.cost();
            from = "network2.py";
        } else {
            net = Snapshots.read(network);
            from = "purenet";
        }
        String wrote;
        if (format.equals("network2")) {
            Cost chosen = cost != null ? Cost.named(cost) : fileCost != null ? fileCost : Cost.quadratic();
            Network2Format.write(out, net, chosen);
            wrote = "network2.py format, " + chosen.name() + " cost";
        } else {
            Snapshots.write(out, net);
            wrote = "purenet format" + (fileCost != null ? "; the " + fileCost.name() + " cost is not kept" : "");
        }
        spec.commandLine().getOut().println("Read a " + net.sizes().stream().map(String::valueOf).collect(java.util.stream.Collectors.joining("-")) + " network (" + from + " format) from "
                + network + ", wrote it to " + out + " (" + wrote + ")");
        return 0;
    }

    private CommandLine.ParameterException usage(String message) {
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }
}
