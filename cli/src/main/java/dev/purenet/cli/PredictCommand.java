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

/** {@code purenet predict}: one test image as ASCII art, with the network's outputs; or one row of a CSV file. */
@Command(name = "predict", mixinStandardHelpOptions = true,
        description = {"Show test image N as ASCII art with the network's ten outputs and its answer.",
                "With --data FILE.csv and --row N: the network's output per class name for that row, and its answer."})
final class PredictCommand implements Callable<Integer> {
    private static final String SHADES = " .:-=+*#%@";

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--network", required = true, paramLabel = "FILE", description = "A network: written by 'train --out', a snapshot, or network2.py's save().")
    Path network;

    @Option(names = "--image", paramLabel = "N", description = "Index of the test image (0-based).")
    Integer image;

    @Option(names = "--row", paramLabel = "N",
            description = "With --data FILE.csv: the row to classify, numbered as a spreadsheet does (the header is row 1,"
                    + " the first example row 2).")
    Integer row;

    @Mixin
    DataOptions data;

    @Override
    public Integer call() {
        boolean isCsv = CsvData.isCsv(data.dir);
        if (isCsv ? image != null : row != null) {
            throw new CommandLine.ParameterException(spec.commandLine(), isCsv
                    ? "--image picks an MNIST test image; for a CSV file give --row N"
                    : "--row picks a row of a CSV file (--data FILE.csv); for MNIST-format data give --image N");
        }
        if (isCsv ? row == null : image == null) {
            throw new CommandLine.ParameterException(spec.commandLine(), isCsv
                    ? "Missing required option: '--row=N' (the row of " + data.dir + " to classify)"
                    : "Missing required option: '--image=N'");
        }
        Network net = NetworkFiles.read(network);
        if (isCsv) {
            return predictRow(net);
        }
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

    private Integer predictRow(Network net) {
        CsvData.Description d = NetworkFiles.requireDescription(network, net);
        CsvData.Table table = CsvData.read(data.dir, d.label(), false);
        CsvData.requireFeatures(table, d);
        int[] fileRows = table.fileRows();
        int i = java.util.Arrays.binarySearch(fileRows, row);
        if (i < 0) {
            throw new CommandLine.ParameterException(spec.commandLine(), row >= 2 && row <= fileRows[fileRows.length - 1]
                    ? "--row " + row + ": that row of " + data.dir + " is empty"
                    : "--row must be between 2 and " + fileRows[fileRows.length - 1] + " (the rows of " + data.dir
                    + " holding examples; row 1 is the header), got " + row);
        }
        PrintWriter out = spec.commandLine().getOut();
        double[] raw = table.rows()[i];
        StringBuilder values = new StringBuilder();
        for (int j = 0; j < raw.length; j++) {
            values.append(j == 0 ? "" : ", ").append(d.features().get(j)).append(' ').append(raw[j]);
        }
        out.println("Row " + row + ": " + values);
        Matrix outputs = net.feedforward(Matrix.column(d.scale(raw)));
        int answer = outputs.argmaxPerColumn()[0];
        int width = d.classes().stream().mapToInt(String::length).max().orElse(1);
        for (int k = 0; k < outputs.rows(); k++) {
            String name = d.classes().get(k);
            out.println("  " + name + " ".repeat(width - name.length()) + ": " + Text.decimals(outputs.get(k, 0), 4)
                    + (k == answer ? "  <- answer" : ""));
        }
        String says = d.classes().get(answer);
        if (table.labels() != null) {
            String actual = table.labels()[i];
            out.println("Row " + row + ": " + d.label() + " " + actual + ", network says " + says
                    + (actual.equals(says) ? " (correct)" : " (wrong)"));
        } else {
            out.println("Row " + row + ": network says " + says);
        }
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
