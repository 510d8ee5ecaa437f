package dev.purenet.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.purenet.Dense;
import dev.purenet.Activation;
import dev.purenet.Cost;
import dev.purenet.Fixtures;
import dev.purenet.Layer;
import dev.purenet.Network;
import dev.purenet.math.Matrix;
import io.vavr.collection.Vector;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.channels.ClosedByInterruptException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class Network2FormatTest {
    @TempDir
    Path dir;

    /** Written by golden/network2_tiny.py exactly as network2.py's save() writes it. */
    private static Path golden() throws URISyntaxException {
        return Path.of(Network2FormatTest.class.getResource("/golden/network2-tiny.json").toURI());
    }

    /** Inputs and network2.py's feedforward outputs, as printed by golden/network2_tiny.py. */
    @ParameterizedTest(name = "input {0}")
    @CsvSource(delimiter = '|', value = {
            "0.9, 0.1, 0.5|0.7522711827658541, 0.5728094663205698",
            "0.0, 1.0, 0.25|0.5907905100155607, 0.5299867742982679",
            "0.3333333333333333, 0.6666666666666666, 1.0|0.667940823655948, 0.5450878037923097"})
    void theGoldenFilePredictsWhatNumpyPredicts(String input, String expected) throws URISyntaxException {
        Network2Format.Loaded loaded = Network2Format.read(golden());
        Matrix output = loaded.network().feedforward(Matrix.column(doubles(input)));
        double[] want = doubles(expected);
        assertEquals(want.length, output.rows());
        for (int i = 0; i < want.length; i++) {
            assertEquals(want[i], output.get(i, 0), 1e-15, "output " + i);
        }
    }

    @Test
    void theGoldenFileIsASigmoid3x4x2NetworkWithCrossEntropyCost() throws URISyntaxException {
        Network2Format.Loaded loaded = Network2Format.read(golden());
        assertEquals(List.of(3, 4, 2), loaded.network().sizes());
        assertEquals(Cost.crossEntropy(), loaded.cost());
        loaded.network().layers().forEach(l -> assertEquals(Activation.sigmoid(), l.activation()));
        assertEquals(Matrix.column(0.05, -0.125), loaded.network().layers().get(1).parameters().get(1));
    }

    @Test
    void theGoldenFileIsWrittenBackByteForByte() throws IOException, URISyntaxException {
        Network2Format.Loaded loaded = Network2Format.read(golden());
        Path copy = dir.resolve("copy.json");
        Network2Format.write(copy, loaded.network(), loaded.cost());
        assertEquals(Files.readString(golden()), Files.readString(copy));
        Path again = dir.resolve("again.json");
        Network2Format.Loaded reread = Network2Format.read(copy);
        assertEquals(loaded, reread);
        Network2Format.write(again, reread.network(), reread.cost());
        assertArrayEquals(Files.readAllBytes(copy), Files.readAllBytes(again));
    }

    @ParameterizedTest
    @ValueSource(strings = {"quadratic", "cross-entropy"})
    void aPurenetNetworkRoundTripsExactly(String costName) {
        Network network = Fixtures.network(17, 5, 4, 3);
        Path file = dir.resolve("n.json");
        Network2Format.write(file, network, Cost.named(costName));
        Network2Format.Loaded loaded = Network2Format.read(file);
        assertEquals(network, loaded.network());
        assertEquals(Cost.named(costName), loaded.cost());
    }

    @Test
    void awkwardDoublesRoundTripExactly() {
        double[] values = {-0.0, Double.MIN_VALUE, Double.MAX_VALUE, 1e16, 1e-5, 0.1 + 0.2, -Double.MIN_NORMAL, 2e-3};
        Network network = new Network(Vector.of(new Dense(Matrix.of(new double[][] {values}), Matrix.column(-0.0),
                Activation.sigmoid())));
        Path file = dir.resolve("n.json");
        Network2Format.write(file, network, Cost.quadratic());
        assertEquals(network, Network2Format.read(file).network());
    }

    @Test
    void writesWhatJsonDumpWrites() throws IOException {
        Network network = new Network(Vector.of(
                new Dense(Matrix.of(new double[][] {{0.5, -2}, {1e-5, 1e16}}), Matrix.column(0.25, -0.0), Activation.sigmoid()),
                new Dense(Matrix.of(new double[][] {{3, 0.1}}), Matrix.column(100.0), Activation.sigmoid())));
        Path file = dir.resolve("n.json");
        Network2Format.write(file, network, Cost.crossEntropy());
        assertEquals("{\"sizes\": [2, 2, 1], \"weights\": [[[0.5, -2.0], [1e-05, 1e+16]], [[3.0, 0.1]]],"
                + " \"biases\": [[[0.25], [-0.0]], [[100.0]]], \"cost\": \"CrossEntropyCost\"}", Files.readString(file));
    }

    /** Python's repr(float) for each value, from python3. */
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "0.1|0.1", "100|100.0", "-1.5|-1.5", "0.30000000000000004|0.30000000000000004",
            "1e-4|0.0001", "1e-5|1e-05", "1.2e-5|1.2e-05", "9.5e-5|9.5e-05", "0.00012|0.00012",
            "1e15|1000000000000000.0", "9999999999999998|9999999999999998.0", "1e16|1e+16", "1.5e16|1.5e+16",
            "1e22|1e+22", "1e23|1e+23", "2e23|2e+23", "2e-3|0.002", "1e100|1e+100",
            "4.9E-324|5e-324", "1e-323|1e-323", "2.5e-323|2.5e-323", "2.2250738585072014E-308|2.2250738585072014e-308",
            "1.7976931348623157E308|1.7976931348623157e+308", "123456789|123456789.0", "-0.0|-0.0", "0|0.0"})
    void doublesAreWrittenAsPythonWritesThem(double value, String python) {
        assertEquals(python, Network2Format.pythonRepr(value));
    }

    private static String net2(String sizes, String weights, String biases, String cost) {
        return "{\"sizes\": " + sizes + ", \"weights\": " + weights + ", \"biases\": " + biases + ", \"cost\": " + cost + "}";
    }

    static Stream<Arguments> badFiles() {
        String q = "\"QuadraticCost\"";
        String twoLayerBiases = "[[[0.0], [0.0]], [[0.0]]]";
        return Stream.of(
                Arguments.of("syntax", "{\"sizes\": [1, 1] \"weights\": []}",
                        "not valid JSON: Unexpected character ('\"' (code 34)): was expecting comma to separate Object entries"
                                + " at line 1, column 18"),
                Arguments.of("duplicate field", "{\"cost\": " + q + ", \"cost\": " + q + "}",
                        "not valid JSON: Duplicate field 'cost' at line 1, column 33"),
                Arguments.of("not an object", "[1, 2]", "expected an object, got array [1,2]"),
                Arguments.of("missing field", "{\"sizes\": [1, 1], \"weights\": [[[1.0]]], \"biases\": [[[0.0]]]}",
                        "cost: missing field"),
                Arguments.of("wrong type of sizes", net2("\"1,1\"", "[[[1.0]]]", "[[[0.0]]]", q),
                        "sizes: expected an array, got string \"1,1\""),
                Arguments.of("a size that is not an integer", net2("[1.0, 1]", "[[[1.0]]]", "[[[0.0]]]", q),
                        "sizes[0]: expected an integer, got number 1.0"),
                Arguments.of("wrong type of cost", net2("[1, 1]", "[[[1.0]]]", "[[[0.0]]]", "1"),
                        "cost: expected a string, got number 1"),
                Arguments.of("no layers", net2("[1]", "[]", "[]", q), "weights: expected at least one layer, got []"),
                Arguments.of("weights as one flat list", net2("[1, 1]", "[1.0]", "[[[0.0]]]", q),
                        "weights[0]: expected a list of rows, got number 1.0"),
                Arguments.of("a layer that is not a list of rows", net2("[1, 1]", "[[1.0]]", "[[[0.0]]]", q),
                        "weights[0][0]: expected a row (an array of numbers), got number 1.0"),
                Arguments.of("ragged rows", net2("[2, 2, 1]", "[[[1, 2], [3]], [[1, 2]]]", twoLayerBiases, q),
                        "weights[0][1]: ragged rows: expected 2 numbers like row 0, got 1"),
                Arguments.of("ragged rows in layer 2", net2("[1, 2, 2]", "[[[1], [2]], [[1, 2], [3]]]", "[[[0], [0]], [[0], [0]]]", q),
                        "weights[1][1]: ragged rows: expected 2 numbers like row 0, got 1"),
                Arguments.of("flat biases, as purenet writes them", net2("[2, 2, 1]", "[[[1, 2], [3, 4]], [[1, 2]]]", "[[0, 0], [0]]", q),
                        "biases[0][0]: expected a one-element row [b], got number 0"),
                Arguments.of("a bias row with two elements", net2("[2, 2, 1]", "[[[1, 2], [3, 4]], [[1, 2]]]", "[[[0], [0, 1]], [[0]]]", q),
                        "biases[0][1]: expected a one-element row [b], got array [0,1]"),
                Arguments.of("NaN as a string", net2("[2, 2, 1]", "[[[1, 2], [3, \"NaN\"]], [[1, 2]]]", twoLayerBiases, q),
                        "weights[0][1][1]: expected a number, got string \"NaN\" (NaN and Infinity are not allowed in a snapshot)"),
                Arguments.of("Infinity as a string", net2("[2, 2, 1]", "[[[1, 2], [3, 4]], [[1, 2]]]", "[[[0.0], [0.0]], [[\"-Infinity\"]]]", q),
                        "biases[1][0][0]: expected a number, got string \"-Infinity\" (NaN and Infinity are not allowed in a snapshot)"),
                Arguments.of("NaN as json.dump writes it", net2("[2, 2, 1]", "[[[1, 2], [3, 4]], [[NaN, 2]]]", twoLayerBiases, q),
                        "weights[1][0][0]: expected a finite number, got NaN"),
                Arguments.of("Infinity as json.dump writes it", net2("[2, 2, 1]", "[[[1, 2], [3, 4]], [[1, 2]]]", "[[[Infinity], [0.0]], [[0.0]]]", q),
                        "biases[0][0][0]: expected a finite number, got Infinity"),
                Arguments.of("fewer biases than weights", net2("[2, 2, 1]", "[[[1, 2], [3, 4]], [[1, 2]]]", "[[[0.0], [0.0]]]", q),
                        "biases: expected 2 layers like weights, got 1"),
                Arguments.of("biases that do not match the weights", net2("[2, 2, 1]", "[[[1, 2], [3, 4]], [[1, 2]]]", "[[[0.0]], [[0.0]]]", q),
                        "biases[0]: expected 2 one-element rows to match weights[0] (2x2), got 1"),
                Arguments.of("shapes that do not chain", net2("[2, 2, 1]", "[[[1, 2], [3, 4]], [[1, 2, 3]]]", twoLayerBiases, q),
                        "weights[1]: shapes do not chain: expected 2 columns, as weights[0] has 2 rows, got 1x3"),
                Arguments.of("sizes that disagree with the weights", net2("[2, 3, 1]", "[[[1, 2], [3, 4]], [[1, 2]]]", twoLayerBiases, q),
                        "sizes: declares [2, 3, 1] but the weights have sizes [2, 2, 1]"),
                Arguments.of("too few sizes", net2("[2, 2]", "[[[1, 2], [3, 4]], [[1, 2]]]", twoLayerBiases, q),
                        "sizes: declares [2, 2] but the weights have sizes [2, 2, 1]"),
                Arguments.of("unknown cost", net2("[1, 1]", "[[[1.0]]]", "[[[0.0]]]", "\"LogLikelihoodCost\""),
                        "cost: unknown cost 'LogLikelihoodCost', expected one of [QuadraticCost, CrossEntropyCost]"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badFiles")
    void badJsonNamesTheFileThePathAndTheProblem(String name, String json, String problem) throws IOException {
        Path file = Files.writeString(dir.resolve("bad.json"), json);
        assertEquals(file + ": " + problem, assertThrows(SnapshotException.class, () -> Network2Format.read(file)).getMessage());
    }

    @Test
    void aMissingFileIsNamed() {
        Path file = dir.resolve("nope.json");
        assertEquals(file + ": no such file",
                assertThrows(SnapshotException.class, () -> Network2Format.read(file)).getMessage());
    }

    static Stream<Arguments> refused() {
        Network good = Fixtures.network(1, 3, 4, 2);
        Dense first = (Dense) good.layers().head();
        Network diverged = good.withLayer(0, first.withParameters(first.weights(), first.biases().map(x -> Double.POSITIVE_INFINITY)));
        Dense last = (Dense) good.layers().last();
        Network tanh = good.withLayer(1, new Dense(last.weights(), last.biases(), Activation.tanh()));
        return Stream.of(
                Arguments.of("diverged", diverged, Cost.quadratic(),
                        "layer 1 has NaN or infinite parameters (training diverged?); refusing to write it"),
                Arguments.of("tanh layer", tanh, Cost.quadratic(),
                        "layer 2 (4 -> 2, tanh): network2.py's format has only sigmoid layers, got tanh"),
                Arguments.of("log-likelihood cost", good, Cost.logLikelihood(),
                        "network2.py has no class for the log-likelihood cost; expected quadratic (QuadraticCost)"
                                + " or cross-entropy (CrossEntropyCost)"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refused")
    void whatNetwork2CannotExpressIsRefusedAndThePreviousFileKept(String name, Network network, Cost cost, String message)
            throws IOException {
        Path file = dir.resolve("net.json");
        Network2Format.write(file, Fixtures.network(2, 3, 4, 2), Cost.quadratic());
        byte[] good = Files.readAllBytes(file);
        assertEquals(message, assertThrows(IllegalArgumentException.class, () -> Network2Format.write(file, network, cost))
                .getMessage());
        assertArrayEquals(good, Files.readAllBytes(file));
        assertOnlyFile(file);
    }

    @Test
    void aWriteThatFailsHalfwayKeepsTheGoodFileAndLeavesNoTemporaryFile() throws IOException {
        Path file = dir.resolve("net.json");
        Network2Format.write(file, Fixtures.network(2, 3, 4, 2), Cost.quadratic());
        byte[] good = Files.readAllBytes(file);
        // An interrupted thread cannot write to a FileChannel: the bytes never reach the temporary file.
        Thread.currentThread().interrupt();
        UncheckedIOException e;
        try {
            e = assertThrows(UncheckedIOException.class,
                    () -> Network2Format.write(file, Fixtures.network(3, 3, 4, 2), Cost.crossEntropy()));
        } finally {
            Thread.interrupted();
        }
        assertInstanceOf(ClosedByInterruptException.class, e.getCause());
        assertArrayEquals(good, Files.readAllBytes(file));
        assertOnlyFile(file);
    }

    @Test
    void detectTellsTheFormatsApart() throws IOException, URISyntaxException {
        Path purenet = dir.resolve("p.json");
        Snapshots.write(purenet, Fixtures.network(1, 2, 2));
        assertEquals(Network2Format.Kind.PURENET, Network2Format.detect(purenet));
        assertEquals(Network2Format.Kind.NETWORK2, Network2Format.detect(golden()));
        Path other = Files.writeString(dir.resolve("o.json"), "{\"sizes\": [1, 1], \"layers\": []}");
        assertEquals(other + ": expected a purenet network (an object with \"format\": \"purenet.network\") or a network2.py"
                        + " network (an object with \"sizes\", \"weights\" and \"biases\"), got object {\"sizes\":[1,1],\"layers\":[]}",
                assertThrows(SnapshotException.class, () -> Network2Format.detect(other)).getMessage());
    }

    private void assertOnlyFile(Path file) throws IOException {
        try (var files = Files.list(dir)) {
            assertEquals(List.of(file), files.toList());
        }
    }

    private static double[] doubles(String commaSeparated) {
        return Stream.of(commaSeparated.split(",")).mapToDouble(s -> Double.parseDouble(s.trim())).toArray();
    }
}
