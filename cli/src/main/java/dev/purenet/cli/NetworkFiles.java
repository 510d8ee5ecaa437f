package dev.purenet.cli;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.purenet.Network;
import dev.purenet.data.DataFormatException;
import dev.purenet.io.AtomicFiles;
import dev.purenet.io.Network2Format;
import dev.purenet.io.Snapshots;
import io.vavr.control.Option;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a network from either JSON format the commands accept: purenet's or network2.py's; and
 * the optional {@code "data"} field the CLI adds to purenet's format for a network trained on a
 * CSV file (class names, feature columns, standardisation; docs/json-format.md).
 */
final class NetworkFiles {
    /** The name of the optional top-level field. */
    static final String DATA = "data";
    /** Configured as {@link Snapshots} writes, so the network's part of the file is the same text. */
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(StreamWriteFeature.USE_FAST_DOUBLE_WRITER)
            .build();

    private NetworkFiles() {}

    static Network read(Path file) {
        Memory.doing("reading the network in " + file + Memory.sizeOf(file));
        return Network2Format.detect(file) == Network2Format.Kind.NETWORK2
                ? Network2Format.read(file).network()
                : Snapshots.read(file);
    }

    /**
     * Writes {@code network} in purenet's format, with {@code description} as its top-level
     * {@code "data"} field: readers that do not know the field (the library, older purenet) read
     * the same network.
     */
    static void write(Path file, Network network, CsvData.Description description) {
        byte[] bytes;
        try {
            ObjectNode root = (ObjectNode) JSON.readTree(Snapshots.toJson(network));
            root.set(DATA, toTree(description));
            bytes = JSON.writeValueAsBytes(root);
        } catch (IOException e) {
            throw new IllegalStateException("cannot add the data field to the network's own JSON", e);
        }
        AtomicFiles.write(file, out -> out.write(bytes));
    }

    static ObjectNode toTree(CsvData.Description d) {
        ObjectNode data = JSON.createObjectNode();
        data.put("source", "csv");
        data.put("label", d.label());
        d.classes().forEach(data.putArray("classes")::add);
        d.features().forEach(data.putArray("features")::add);
        if (d.mean() != null && d.std() != null) {
            ObjectNode standardize = data.putObject("standardize");
            ArrayNode mean = standardize.putArray("mean");
            ArrayNode std = standardize.putArray("std");
            for (int j = 0; j < d.mean().length; j++) {
                mean.add(d.mean()[j]);
                std.add(d.std()[j]);
            }
        }
        return data;
    }

    /**
     * The {@code "data"} field of a network file in purenet's format, or none when it has none
     * (trained on MNIST, written by the library, or network2.py's format).
     *
     * @throws DataFormatException if the field is there but malformed, naming the part
     */
    static Option<CsvData.Description> readDescription(Path file) {
        if (Network2Format.detect(file) == Network2Format.Kind.NETWORK2) {
            return Option.none();
        }
        JsonNode root;
        try {
            root = JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
        JsonNode data = root == null ? null : root.get(DATA);
        if (data == null) {
            return Option.none();
        }
        String where = file + ": " + DATA;
        if (!data.isObject() || !"csv".equals(data.path("source").asText(null))) {
            throw new DataFormatException(where + ": expected an object with \"source\": \"csv\", got " + abbreviate(data));
        }
        if (!data.path("label").isTextual()) {
            throw new DataFormatException(where + ".label: expected the label column's name");
        }
        List<String> classes = strings(data.path("classes"), where + ".classes");
        List<String> features = strings(data.path("features"), where + ".features");
        double[] mean = null;
        double[] std = null;
        JsonNode standardize = data.get("standardize");
        if (standardize != null) {
            mean = numbers(standardize.path("mean"), where + ".standardize.mean", features.size());
            std = numbers(standardize.path("std"), where + ".standardize.std", features.size());
            for (int j = 0; j < std.length; j++) {
                if (!(std[j] > 0)) {
                    throw new DataFormatException(where + ".standardize.std[" + j + "]: expected a positive number, got " + std[j]);
                }
            }
        }
        return Option.some(new CsvData.Description(data.get("label").asText(), classes, features, mean, std));
    }

    /**
     * The description a network needs to be applied to a CSV file, checked against its sizes.
     *
     * @throws DataFormatException if the file has no {@code "data"} field, or one that does not fit the network
     */
    static CsvData.Description requireDescription(Path file, Network network) {
        CsvData.Description d = readDescription(file).getOrElseThrow(() -> new DataFormatException(file
                + ": the network records no CSV data (no \"data\" field), so its classes and feature columns are unknown;"
                + " it must be written by 'purenet train --data FILE.csv --label COLUMN --out " + file.getFileName() + "'"));
        if (network.inputSize() != d.features().size() || network.outputSize() != d.classes().size()) {
            throw new DataFormatException(file + ": the network is " + io.vavr.collection.Vector.ofAll(network.sizes()).mkString("-") + " but its \"data\" field"
                    + " records " + d.features().size() + " features and " + d.classes().size() + " classes");
        }
        return d;
    }

    private static List<String> strings(JsonNode node, String where) {
        if (!node.isArray() || node.isEmpty()) {
            throw new DataFormatException(where + ": expected a non-empty array of names");
        }
        List<String> names = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            if (!node.get(i).isTextual()) {
                throw new DataFormatException(where + "[" + i + "]: expected a string, got " + abbreviate(node.get(i)));
            }
            names.add(node.get(i).asText());
        }
        return List.copyOf(names);
    }

    private static double[] numbers(JsonNode node, String where, int size) {
        if (!node.isArray() || node.size() != size) {
            throw new DataFormatException(where + ": expected an array of " + size + " numbers, one per feature");
        }
        double[] values = new double[size];
        for (int i = 0; i < size; i++) {
            if (!node.get(i).isNumber() || !Double.isFinite(node.get(i).asDouble())) {
                throw new DataFormatException(where + "[" + i + "]: expected a finite number, got " + abbreviate(node.get(i)));
            }
            values[i] = node.get(i).asDouble();
        }
        return values;
    }

    private static String abbreviate(JsonNode node) {
        String text = node.toString();
        return text.length() > 60 ? text.substring(0, 57) + "..." : text;
    }
}
