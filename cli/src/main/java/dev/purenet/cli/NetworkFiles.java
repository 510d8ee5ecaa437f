package dev.purenet.cli;

import dev.purenet.Network;
import dev.purenet.io.Network2Format;
import dev.purenet.io.Snapshots;
import java.nio.file.Path;

/** Reads a network from either JSON format the commands accept: purenet's or network2.py's. */
final class NetworkFiles {
    private NetworkFiles() {}

    static Network read(Path file) {
        Memory.doing("reading the network in " + file + Memory.sizeOf(file));
        return Network2Format.detect(file) == Network2Format.Kind.NETWORK2
                ? Network2Format.read(file).network()
                : Snapshots.read(file);
    }
}
