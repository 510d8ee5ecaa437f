package dev.purenet.io;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.purenet.Activation;
import dev.purenet.Layer;
import dev.purenet.Network;
import dev.purenet.math.Matrix;
import io.vavr.collection.Vector;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Networks as JSON files in purenet's format:
 * <pre>{"format": "purenet.network", "version": 1, "sizes": [784, 30, 10],
 *  "layers": [{"activation": "sigmoid", "weights": [[...], ...], "biases": [...]}, ...]}</pre>
 * Weights are written as a list of rows, biases as a flat list. Doubles are written in their
 * shortest exact form, so a network read back {@code equals} the one written. Files are
 * written atomically ({@link AtomicFiles}); a network with NaN or infinite parameters is refused.
 */
public final class Snapshots {
    public static final String FORMAT = "purenet.network";
    public static final int VERSION = 1;
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private Snapshots() {}

    public static void write(Path file, Network network) {
        requireFinite(network);
        ObjectNode root = toJson(network);
        AtomicFiles.write(file, out -> JSON.writeValue(nonClosing(out), root));
    }

    public static Network read(Path file) {
        JsonNode root;
        try {
            root = JSON.readTree(Files.readAllBytes(file));
        } catch (NoSuchFileException e) {
            throw new SnapshotException(file + ": no such file");
        } catch (JsonProcessingException e) {
            throw new SnapshotException(file + ": not valid JSON: " + e.getOriginalMessage()
                    + " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
        return fromJson(new JsonReader(file.toString()), root);
    }

    static ObjectNode toJson(Network network) {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", FORMAT);
        root.put("version", VERSION);
        ArrayNode sizes = root.putArray("sizes");
        network.sizes().forEach(sizes::add);
        ArrayNode layers = root.putArray("layers");
        for (Layer layer : network.layers()) {
            ObjectNode l = layers.addObject();
            l.put("activation", layer.activation().name());
            ArrayNode weights = l.putArray("weights");
            for (double[] row : layer.weights().toRowArrays()) {
                ArrayNode r = weights.addArray();
                for (double v : row) {
                    r.add(v);
                }
            }
            ArrayNode biases = l.putArray("biases");
            for (double v : layer.biases().toColumnMajorArray()) {
                biases.add(v);
            }
        }
        return root;
    }

    static Network fromJson(JsonReader in, JsonNode root) {
        in.requireObject(root, "");
        String format = in.text(root, "format");
        if (!format.equals(FORMAT)) {
            throw in.error("format", "expected \"" + FORMAT + "\", got \"" + format + "\"");
        }
        int version = in.integer(root, "version");
        if (version != VERSION) {
            throw in.error("version", "unsupported version " + version + "; this purenet reads version " + VERSION);
        }
        JsonNode layersNode = in.array(root, "layers");
        Vector<Layer> layers = Vector.empty();
        for (int k = 0; k < layersNode.size(); k++) {
            String path = "layers[" + k + "]";
            JsonNode l = layersNode.get(k);
            in.requireObject(l, path);
            Activation activation;
            try {
                activation = Activation.named(in.text(l, path + ".activation"));
            } catch (IllegalArgumentException e) {
                throw in.error(path + ".activation", e.getMessage());
            }
            Matrix weights = in.rows(l, path + ".weights");
            Matrix biases = Matrix.column(in.numberField(l, path + ".biases"));
            try {
                layers = layers.append(new Layer(weights, biases, activation));
            } catch (IllegalArgumentException e) {
                throw in.error(path, e.getMessage());
            }
        }
        Network network;
        try {
            network = new Network(layers);
        } catch (IllegalArgumentException e) {
            throw in.error("layers", e.getMessage());
        }
        JsonNode sizes = in.array(root, "sizes");
        Vector<Integer> declared = Vector.empty();
        for (int i = 0; i < sizes.size(); i++) {
            if (!sizes.get(i).isInt()) {
                throw in.error("sizes[" + i + "]", "expected an integer, got " + sizes.get(i));
            }
            declared = declared.append(sizes.get(i).intValue());
        }
        if (!declared.equals(network.sizes())) {
            throw in.error("sizes", "declares " + declared.mkString("[", ", ", "]") + " but the layers have sizes "
                    + network.sizes().mkString("[", ", ", "]"));
        }
        return network;
    }

    static void requireFinite(Network network) {
        for (int k = 0; k < network.layers().size(); k++) {
            Layer l = network.layers().get(k);
            if (!l.weights().isFinite() || !l.biases().isFinite()) {
                throw new IllegalArgumentException("layer " + (k + 1) + " has NaN or infinite parameters (training diverged?);"
                        + " refusing to write it");
            }
        }
    }

    private static java.io.OutputStream nonClosing(java.io.OutputStream out) {
        return new java.io.FilterOutputStream(out) {
            @Override
            public void close() throws IOException {
                flush();
            }
        };
    }
}
