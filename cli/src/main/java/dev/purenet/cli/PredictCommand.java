package dev.purenet.cli;

import dev.purenet.Network;
import dev.purenet.data.Dataset;
import dev.purenet.math.Matrix;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code purenet predict}: one test image as ASCII art, with the network's outputs. */
@Command(name = "predict", mixinStandardHelpOptions = true,
        description = "Show test image N as ASCII art with the network's ten outputs and its answer.")
final class PredictCommand implements Callable<Integer> {
    private static final String SHADES = " .:-=+*#%@";

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--network", required = true, paramLabel = "FILE", description = "A network: written by 'train --out', a snapshot, or network2.py's save().")
    Path network;

    @Option(names = "--image", required = true, paramLabel = "N", description = "Index of the test image (0-based).")
    int image;

    @Mixin
    DataOptions data;

    @Override
    public Integer call() {
        Network net = NetworkFiles.read(network);
        Dataset test = data.load().test();
        if (image < 0 || image >= test.size()) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--image must be between 0 and " + (test.size() - 1) + ", got " + image);
        }
        Checks.requireFits(net, test);
        PrintWriter out = spec.commandLine().getOut();
        Matrix x = test.input(image);
        printImage(out, x);
        Matrix outputs = net.feedforward(x);
        int answer = outputs.argmaxPerColumn()[0];
        for (int d = 0; d < outputs.rows(); d++) {
            out.println("  " + d + ": " + Text.decimals(outputs.get(d, 0), 4) + (d == answer ? "  <- answer" : ""));
        }
        out.println("Test image " + image + ": label " + test.label(image) + ", network says " + answer
                + (answer == test.label(image) ? " (correct)" : " (wrong)"));
        return 0;
    }

    /** Square images are drawn row by row, two characters per pixel so they keep their aspect. */
    private static void printImage(PrintWriter out, Matrix x) {
        int side = (int) Math.round(Math.sqrt(x.rows()));
        if (side * side != x.rows()) {
            return;
        }
        for (int r = 0; r < side; r++) {
            StringBuilder line = new StringBuilder();
            for (int c = 0; c < side; c++) {
                double v = Math.min(1, Math.max(0, x.get(r * side + c, 0)));
                char shade = SHADES.charAt((int) Math.round(v * (SHADES.length() - 1)));
                line.append(shade).append(shade);
            }
            out.println(line.toString().stripTrailing());
        }
    }
}
