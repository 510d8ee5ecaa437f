package dev.purenet.cli;

import static dev.purenet.Seed.seed;

import dev.purenet.Network;
import dev.purenet.data.Dataset;
import dev.purenet.data.Synthetic;
import dev.purenet.train.Sgd;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code purenet demo}: trains on generated data in seconds, with no download. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Train a 2-16-3 network on generated points (three rings); needs no data set.")
final class DemoCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--epochs", defaultValue = "20", description = "Epochs to train. Default: ${DEFAULT-VALUE}")
    int epochs;

    @Option(names = "--seed", defaultValue = "1", description = "Seed for data, initialisation and shuffling. Default: ${DEFAULT-VALUE}")
    long seed;

    @Override
    public Integer call() {
        if (epochs < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--epochs must be at least 1, got " + epochs);
        }
        PrintWriter out = spec.commandLine().getOut();
        Dataset training = Synthetic.rings(5000, seed(seed).derive(1));
        Dataset test = Synthetic.rings(1000, seed(seed).derive(2));
        Network start = Network.of(2, 16, 3).sigmoid().scaled(seed(seed));
        out.println("Three rings, 5000 training and 1000 test points; " + start.sizes().stream().map(String::valueOf).collect(java.util.stream.Collectors.joining("-")) + " sigmoid network");
        Sgd.eta(3.0).miniBatch(10)
                .epochs(start, training, seed(seed))
                .drop(1)
                .take(epochs)
                .map(e -> e.evaluate(test))
                .forEach(e -> out.println("Epoch " + e.index() + ": " + e.evaluation()));
        return 0;
    }
}
