package dev.purenet.io;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.io.NumberOutput;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.core.util.MinimalPrettyPrinter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.purenet.Activation;
import dev.purenet.Cost;
import dev.purenet.Dense;
import dev.purenet.Layer;
import dev.purenet.Network;
import dev.purenet.math.Matrix;
import io.vavr.collection.Vector;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Networks in the JSON format of the book's {@code network2.py}, whose {@code Network.save}
 * writes and {@code load} reads:
 * <pre>{"sizes": [784, 30, 10], "weights": [[[...], ...], ...], "biases": [[[b], [b], ...], ...], "cost": "CrossEntropyCost"}</pre>
 * Each layer's weights are a list of rows (outputs x inputs); each layer's biases are a column
 * vector, a list of one-element rows. Every layer is sigmoid, the only activation network2.py has.
 *
 * <p>{@link #write} produces the bytes {@code json.dump} produces: one line, {@code ", "} and
 * {@code ": "} as separators, every double as Python's {@code repr} writes it (the shortest
 * decimal that reads back as the same double). Reading it back gives an equal network.
 */
public final class Network2Format {
    /**
     * network2.py writes NaN and Infinity as bare tokens when training diverged; they are parsed
     * so that the error can name the parameter instead of reporting a syntax error.
     */
    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
            .build();
    private static final String QUADRATIC = "QuadraticCost";
    private static final String CROSS_ENTROPY = "CrossEntropyCost";

    private Network2Format() {}

    /**
     * A network read from network2.py's format, with the cost its file names.
     *
     * @param network every layer sigmoid
     * @param cost    {@link Cost#quadratic()} for {@code "QuadraticCost"}, {@link Cost#crossEntropy()} for {@code "CrossEntropyCost"}
     */
    public record Loaded(Network network, Cost cost) {}

    /** Which format a network file is in; see {@link #detect}. */
    public enum Kind {
        /** purenet's own format, read by {@link Snapshots#read}. */
        PURENET,
        /** network2.py's format, read by {@link #read}. */
        NETWORK2
    }

    /**
     * Writes {@code network} to {@code file} atomically, exactly as network2.py's {@code save()} would.
     *
     * @param file    the file to create or replace
     * @param network a network of sigmoid layers with finite parameters
     * @param cost    quadratic or cross-entropy, written as network2.py's class name
     * @throws IllegalArgumentException if a parameter is NaN or infinite, a layer is not dense and
     *                                  sigmoid, a layer has dropout, or
     *                                  network2.py has no class for the cost; nothing is written then
     * @throws java.io.UncheckedIOException if the file cannot be written
     */
    public static void write(Path file, Network network, Cost cost) {
        Snapshots.requireFinite(network);
        for (int k = 0; k < network.layers().size(); k++) {
            Layer layer = network.layers().get(k);
            if (!(layer instanceof Dense dense)) {
                throw new IllegalArgumentException("layer " + (k + 1) + " is a " + layer.kind() + " layer: network2.py's format"
                        + " has only dense sigmoid layers; write purenet's format instead");
            }
            if (dense.dropout() > 0) {
                throw new IllegalArgumentException("layer " + (k + 1) + " (" + layer.describe() + ") has dropout: network2.py's"
                        + " format has no dropout, and its load() would evaluate the layer unscaled; write purenet's format instead");
            }
            if (!layer.activation().equals(Activation.sigmoid())) {
                throw new IllegalArgumentException("layer " + (k + 1) + " (" + layer.describe() + "): network2.py's format"
                        + " has only sigmoid layers, got " + layer.activation().name());
            }
        }
        String costName = network2Name(cost);
        AtomicFiles.write(file, out -> {
            try (JsonGenerator g = JSON.createGenerator(out)) {
                g.setPrettyPrinter(new PythonSeparators());
                writeTo(g, network, costName);
            }
        });
    }

    /**
     * Reads a network written by network2.py's {@code save()} (or by {@link #write}).
     *
     * @param file the JSON file
     * @return the network, every layer sigmoid, and the cost the file names
     * @throws SnapshotException naming the file, the JSON path and the problem when the file is
     *                           not valid JSON or not a well-formed network2.py network
     */
    public static Loaded read(Path file) {
        JsonNode root = JsonReader.parse(JSON, file);
        return fromJson(new JsonReader(file.toString()), root);
    }

    /**
     * Tells the two formats apart: an object with a {@code "format"} field is purenet's (which
     * {@link Snapshots#read} accepts only if that field is {@code "purenet.network"}); an object with
     * {@code "sizes"}, {@code "weights"} and {@code "biases"} and no {@code "format"} is network2.py's.
     *
     * @param file the JSON file; only its top-level fields are looked at
     * @return the format the file claims; reading it may still fail
     * @throws SnapshotException if the file is missing, not valid JSON, or neither
     */
    public static Kind detect(Path file) {
        JsonNode root = JsonReader.parse(JSON, file);
        if (root.isObject() && root.has("format")) {
            return Kind.PURENET;
        }
        if (root.isObject() && root.has("sizes") && root.has("weights") && root.has("biases")) {
            return Kind.NETWORK2;
        }
        throw new SnapshotException(file + ": expected a purenet network (an object with \"format\": \"" + Snapshots.FORMAT
                + "\") or a network2.py network (an object with \"sizes\", \"weights\" and \"biases\"), got "
                + JsonReader.describe(root));
    }

    private static void writeTo(JsonGenerator g, Network network, String costName) throws IOException {
        g.writeStartObject();
        g.writeArrayFieldStart("sizes");
        for (int size : network.sizes()) {
            g.writeNumber(size);
        }
        g.writeEndArray();
        g.writeArrayFieldStart("weights");
        for (Layer layer : network.layers()) {
            g.writeStartArray();
            for (double[] row : ((Dense) layer).weights().toRowArrays()) {
                g.writeStartArray();
                for (double v : row) {
                    g.writeNumber(pythonRepr(v));
                }
                g.writeEndArray();
            }
            g.writeEndArray();
        }
        g.writeEndArray();
        g.writeArrayFieldStart("biases");
        for (Layer layer : network.layers()) {
            g.writeStartArray();
            for (double v : ((Dense) layer).biases().toColumnMajorArray()) {
                g.writeStartArray();
                g.writeNumber(pythonRepr(v));
                g.writeEndArray();
            }
            g.writeEndArray();
        }
        g.writeEndArray();
        g.writeStringField("cost", costName);
        g.writeEndObject();
    }

    private static Loaded fromJson(JsonReader in, JsonNode root) {
        in.requireObject(root, "");
        int[] sizes = in.integers(root, "sizes");
        JsonNode weightsNode = in.array(root, "weights");
        JsonNode biasesNode = in.array(root, "biases");
        Cost cost = purenetCost(in, in.text(root, "cost"));
        if (weightsNode.isEmpty()) {
            throw in.error("weights", "expected at least one layer, got []");
        }
        if (biasesNode.size() != weightsNode.size()) {
            throw in.error("biases", "expected " + weightsNode.size() + " layers like weights, got " + biasesNode.size());
        }
        Vector<Layer> layers = Vector.empty();
        for (int k = 0; k < weightsNode.size(); k++) {
            String w = "weights[" + k + "]";
            String b = "biases[" + k + "]";
            Matrix weights = in.matrix(weightsNode.get(k), w);
            Matrix biases = in.column(biasesNode.get(k), b);
            if (k > 0 && weights.cols() != layers.last().outputs()) {
                throw in.error(w, "shapes do not chain: expected " + layers.last().outputs() + " columns, as weights["
                        + (k - 1) + "] has " + layers.last().outputs() + " rows, got " + weights.shape());
            }
            if (biases.rows() != weights.rows()) {
                throw in.error(b, "expected " + weights.rows() + " one-element rows to match " + w + " ("
                        + weights.shape() + "), got " + biases.rows());
            }
            layers = layers.append(new Dense(weights, biases, Activation.sigmoid()));
        }
        Network network = new Network(layers);
        if (!Arrays.equals(sizes, network.sizes().stream().mapToInt(Integer::intValue).toArray())) {
            throw in.error("sizes", "declares " + Arrays.toString(sizes) + " but the weights have sizes "
                    + network.sizes());
        }
        return new Loaded(network, cost);
    }

    private static String network2Name(Cost cost) {
        return switch (cost.name()) {
            case "quadratic" -> QUADRATIC;
            case "cross-entropy" -> CROSS_ENTROPY;
            default -> throw new IllegalArgumentException("network2.py has no class for the " + cost.name()
                    + " cost; expected quadratic (" + QUADRATIC + ") or cross-entropy (" + CROSS_ENTROPY + ")");
        };
    }

    private static Cost purenetCost(JsonReader in, String network2Name) {
        return switch (network2Name) {
            case QUADRATIC -> Cost.named("quadratic");
            case CROSS_ENTROPY -> Cost.named("cross-entropy");
            default -> throw in.error("cost", "unknown cost '" + network2Name + "', expected one of ["
                    + QUADRATIC + ", " + CROSS_ENTROPY + "]");
        };
    }

    /**
     * {@code v} as Python's {@code repr(float)} (and so {@code json.dump}) writes it: the shortest
     * decimal that reads back as {@code v}, in positional form when its decimal exponent is in
     * [-4, 16), otherwise as {@code 1.5e-05} / {@code 1e+16}.
     */
    static String pythonRepr(double v) {
        if (v == 0) {
            return 1 / v < 0 ? "-0.0" : "0.0";
        }
        // Jackson's Schubfach writer gives the shortest digits, except that it keeps two digits
        // where a single one also reads back (4.9E-324 for Python's 5e-324).
        BigDecimal shortest = new BigDecimal(NumberOutput.toString(v, true)).stripTrailingZeros();
        if (shortest.precision() == 2) {
            BigDecimal oneDigit = new BigDecimal(v).round(new MathContext(1, RoundingMode.HALF_EVEN));
            if (Double.parseDouble(oneDigit.toString()) == v) {
                shortest = oneDigit;
            }
        }
        String digits = shortest.unscaledValue().abs().toString();
        int point = digits.length() - shortest.scale(); // v = ±0.digits × 10^point
        StringBuilder sb = new StringBuilder(v < 0 ? "-" : "");
        if (point <= -4 || point > 16) {
            sb.append(digits.charAt(0));
            if (digits.length() > 1) {
                sb.append('.').append(digits, 1, digits.length());
            }
            int exponent = point - 1;
            sb.append(exponent < 0 ? "e-" : "e+").append(Math.abs(exponent) < 10 ? "0" : "").append(Math.abs(exponent));
        } else if (point <= 0) {
            sb.append("0.").append("0".repeat(-point)).append(digits);
        } else if (point < digits.length()) {
            sb.append(digits, 0, point).append('.').append(digits, point, digits.length());
        } else {
            sb.append(digits).append("0".repeat(point - digits.length())).append(".0");
        }
        return sb.toString();
    }

    /** json.dump's default separators: {@code ", "} between items, {@code ": "} after a key, no newlines. */
    private static final class PythonSeparators extends MinimalPrettyPrinter {
        private static final long serialVersionUID = 1L;

        @Override
        public void writeObjectFieldValueSeparator(JsonGenerator g) throws IOException {
            g.writeRaw(": ");
        }

        @Override
        public void writeObjectEntrySeparator(JsonGenerator g) throws IOException {
            g.writeRaw(", ");
        }

        @Override
        public void writeArrayValueSeparator(JsonGenerator g) throws IOException {
            g.writeRaw(", ");
        }
    }
}
