package dev.purenet.cli;

import dev.purenet.Network;
import dev.purenet.data.Dataset;

/** Checks shared by commands that apply a saved network to data. */
final class Checks {
    private Checks() {}

    static void requireFits(Network network, Dataset data) {
        if (network.inputSize() != data.features() || network.outputSize() != data.classes()) {
            throw new IllegalArgumentException("the network is " + network.sizes().stream().map(String::valueOf).collect(java.util.stream.Collectors.joining("-")) + " but the data has "
                    + data.features() + " inputs and " + data.classes() + " classes");
        }
    }
}
