package dev.purenet.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.purenet.train.Experiment;
import io.vavr.collection.Vector;
import io.vavr.control.Option;
import java.nio.file.Path;

/**
 * {@link Experiment}s as JSON: {@code experiment.json} beside a run's snapshots, and the
 * {@code training.experiment} object inside each snapshot.
 * <pre>{"format": "purenet.experiment", "version": 1, "sizes": [784, 30, 10], "hidden": "sigmoid",
 *  "output": "sigmoid", "init": "gaussian", "seed": 1, "cost": "quadratic", "eta": 3.0, "miniBatch": 10,
 *  "l2": 0.0, "l1": 0.0, "momentum": 0.0, "epochs": 30, "earlyStopping": null, "halveAfter": null,
 *  "dataFingerprint": "…64 hex digits…"}</pre>
 */
public final class Experiments {
    /** The value of the {@code "format"} field. */
    public static final String FORMAT = "purenet.experiment";
    /** The value of the {@code "version"} field; the only version this code reads. */
    public static final int VERSION = 1;

    private Experiments() {}

    /**
     * Writes {@code experiment} to {@code file} atomically, as indented JSON.
     *
     * @param file       the file to create or replace, usually {@code experiment.json}
     * @param experiment the experiment
     * @throws java.io.UncheckedIOException if the file cannot be written
     */
    public static void write(Path file, Experiment experiment) {
        ObjectNode root = toJson(experiment);
        AtomicFiles.write(file, out -> out.write(Snapshots.JSON.writeValueAsBytes(root)));
    }

    /**
     * Reads an experiment written by {@link #write}.
     *
     * @param file the JSON file
     * @return the experiment, with every name and number checked
     * @throws SnapshotException naming the file, the JSON path and the problem when the file is
     *         missing, not valid JSON, of another format or version, or not a valid experiment
     * @throws java.io.UncheckedIOException if the file cannot be read
     */
    public static Experiment read(Path file) {
        JsonReader in = new JsonReader(file.toString());
        return fromJson(in, JsonReader.parse(Snapshots.JSON, file), "");
    }

    static ObjectNode toJson(Experiment e) {
        ObjectNode root = Snapshots.JSON.createObjectNode();
        root.put("format", FORMAT);
        root.put("version", VERSION);
        ArrayNode sizes = root.putArray("sizes");
        e.sizes().forEach(sizes::add);
        root.put("hidden", e.hidden());
        root.put("output", e.output());
        root.put("init", e.init());
        root.put("seed", e.seed());
        root.put("cost", e.cost());
        root.put("eta", e.eta());
        root.put("miniBatch", e.miniBatch());
        root.put("l2", e.l2());
        root.put("l1", e.l1());
        root.put("momentum", e.momentum());
        root.put("epochs", e.epochs());
        putOptional(root, "earlyStopping", e.earlyStopping());
        putOptional(root, "halveAfter", e.halveAfter());
        root.put("dataFingerprint", e.dataFingerprint());
        return root;
    }

    private static void putOptional(ObjectNode node, String name, Option<Integer> value) {
        if (value.isDefined()) {
            node.put(name, value.get());
        } else {
            node.putNull(name);
        }
    }

    static Experiment fromJson(JsonReader in, JsonNode node, String prefix) {
        String p = prefix.isEmpty() ? "" : prefix + ".";
        in.requireObject(node, prefix);
        String format = in.text(node, p + "format");
        if (!format.equals(FORMAT)) {
            throw in.error(p + "format", "expected \"" + FORMAT + "\", got \"" + format + "\"");
        }
        int version = in.integer(node, p + "version");
        if (version != VERSION) {
            throw in.error(p + "version", "unsupported version " + version + "; this purenet reads version " + VERSION);
        }
        try {
            return new Experiment(Vector.ofAll(java.util.Arrays.stream(in.integers(node, p + "sizes")).boxed().toList()),
                    in.text(node, p + "hidden"), in.text(node, p + "output"), in.text(node, p + "init"),
                    in.longInteger(node, p + "seed"), in.text(node, p + "cost"), in.number(node, p + "eta"),
                    in.integer(node, p + "miniBatch"), in.number(node, p + "l2"), in.number(node, p + "l1"),
                    in.number(node, p + "momentum"), in.integer(node, p + "epochs"),
                    optionalInt(in, node, p + "earlyStopping"), optionalInt(in, node, p + "halveAfter"),
                    in.text(node, p + "dataFingerprint"));
        } catch (IllegalArgumentException e) {
            throw in.error(prefix, e.getMessage());
        }
    }

    private static Option<Integer> optionalInt(JsonReader in, JsonNode node, String path) {
        return JsonReader.optional(node, path) == null ? Option.none() : Option.some(in.integer(node, path));
    }
}
