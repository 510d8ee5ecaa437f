package dev.purenet.cli;

import dev.purenet.data.Mnist;
import dev.purenet.data.MnistFetch;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --data DIR}: where the MNIST-format files are, fetched there on first use. */
final class DataOptions {
    @Option(names = "--data", paramLabel = "DIR", defaultValue = "data/mnist",
            description = "Directory with the four MNIST-format IDX files (raw or .gz); MNIST is fetched there when absent. Default: ${DEFAULT-VALUE}")
    Path dir;

    /** The data directory recorded with a run. */
    static DataOptions at(Path dir) {
        DataOptions options = new DataOptions();
        options.dir = dir;
        return options;
    }

    Mnist load() {
        return MnistFetch.loadOrFetch(dir, message -> System.err.println("purenet: " + message));
    }
}
