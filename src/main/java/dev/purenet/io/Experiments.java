package dev.purenet.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.purenet.Activation;
import dev.purenet.Architecture;
import dev.purenet.Cost;
import dev.purenet.Init;
import dev.purenet.LayerForm;
import dev.purenet.Precision;
import dev.purenet.Registry;
import dev.purenet.Spec;
import dev.purenet.train.Experiment;
import dev.purenet.train.UpdateRule;
import java.util.LinkedHashMap;
import java.util.Map;
import io.vavr.collection.Vector;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;

/**
 * {@link Experiment}s as JSON: {@code experiment.json} beside a run's snapshots, and the
 * {@code training.experiment} object inside each snapshot.
 * <pre>{"format": "purenet.experiment", "version": 2, "sizes": [784, 30, 10],
 *  "activations": ["relu", "softmax"], "precision": "float32", "init": "he", "seed": 1, "cost": "log-likelihood", "eta": 0.001,
 *  "miniBatch": 10, "threads": 1, "update": [{"name": "l2", "lambda": 5.0}, {"name": "adam", "beta1": 0.9, ...}],
 *  "epochs": 30, "earlyStopping": null, "halveAfter": null, "dataFingerprint": "…64 hex digits…"}</pre>
 * {@code "precision"} is written for float32 only; a record without it is float64.
 * Every part is written as its registered name, with its parameters when it has any. Version 1
 * records (purenet 0.1.0: {@code hidden}, {@code output}, {@code l2}, {@code l1}, {@code momentum})
 * still load, as the same chain. {@code threads} (blocks per mini-batch) is absent from records
 * older than it: they trained on one. An architecture with convolutions or dropout is written as
 * version 3, with a {@code "layers"} list of forms, one per non-input layer:
 * {@code {"kind": "conv-pool", "input": [1, 28, 28], "maps": 20, "kernel": 5, "pool": 2}} or
 * {@code {"kind": "dense", "dropout": 0.5}} ({@code "dropout"} written when above 0).
 */
public final class Experiments {
    /** The value of the {@code "format"} field. */
    public static final String FORMAT = "purenet.experiment";
    /**
     * The newest value of the {@code "version"} field, written for architectures with
     * convolutions or dropout (their {@code "layers"} field); dense-only records are written as
     * version 2, byte for byte what purenet wrote before. Versions 1 to 3 are read.
     */
    public static final int VERSION = 3;
    private static final int DENSE_ONLY_VERSION = 2;

    private Experiments() {}

    /**
     * Writes {@code experiment} to {@code file} atomically, as indented JSON.
     *
     * @param file       the file to create or replace, usually {@code experiment.json}
     * @param experiment the experiment
     * @throws java.io.UncheckedIOException if the file cannot be written
     */
    public static void write(Path file, Experiment experiment) {
        ObjectNode root = tree(experiment);
        AtomicFiles.write(file, out -> Snapshots.writeTree(out, root));
    }

    /**
     * Writes {@code experiment} to {@code out}: the bytes {@link #write(Path, Experiment)} puts in
     * a file. The stream is flushed, not closed.
     *
     * @param out        the stream, owned by the caller
     * @param experiment the experiment
     * @throws IllegalArgumentException if a part is not registered, so that it could not be read back
     * @throws java.io.UncheckedIOException if the stream fails
     */
    public static void write(OutputStream out, Experiment experiment) {
        Snapshots.writeTo(out, tree(experiment), "the experiment");
    }

    /**
     * {@code experiment} as JSON text: the content {@link #write(Path, Experiment)} puts in a
     * file, character for character.
     *
     * @param experiment the experiment
     * @return the JSON document
     * @throws IllegalArgumentException if a part is not registered, so that it could not be read back
     */
    public static String toJson(Experiment experiment) {
        return Snapshots.text(tree(experiment));
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
        return from(in, JsonReader.parse(Snapshots.JSON, file), "");
    }

    /**
     * Reads an experiment from {@code in}, to its end, with the checks of {@link #read(Path)}.
     * The stream is not closed.
     *
     * @param in     the stream, owned by the caller
     * @param source what to call the stream in error messages, e.g. a URL or an entry of an archive
     * @return the experiment, with every name and number checked
     * @throws SnapshotException naming {@code source}, the JSON path and the problem
     * @throws java.io.UncheckedIOException if the stream fails
     */
    public static Experiment read(InputStream in, String source) {
        return from(new JsonReader(source), JsonReader.parse(Snapshots.JSON, in, source), "");
    }

    /**
     * Reads an experiment from JSON text, such as {@link #toJson(Experiment)} returns, with the
     * checks of {@link #read(Path)}.
     *
     * @param json the JSON document
     * @return the experiment, with every name and number checked
     * @throws SnapshotException naming {@value Snapshots#STRING}, the JSON path and the problem
     */
    public static Experiment fromJson(String json) {
        return from(new JsonReader(Snapshots.STRING), JsonReader.parse(Snapshots.JSON, json, Snapshots.STRING), "");
    }

    static ObjectNode tree(Experiment e) {
        e.architecture().activations().forEach(Activation.registry()::requireReadable);
        Init.registry().requireReadable(e.init());
        Cost.registry().requireReadable(e.cost());
        requireReadable(e.rule());
        ObjectNode root = Snapshots.JSON.createObjectNode();
        root.put("format", FORMAT);
        root.put("version", e.architecture().isPlain() ? DENSE_ONLY_VERSION : VERSION);
        ArrayNode sizes = root.putArray("sizes");
        e.sizes().forEach(sizes::add);
        ArrayNode activations = root.putArray("activations");
        e.architecture().activations().forEach(a -> activations.add(specJson(a.spec())));
        if (!e.architecture().isPlain()) {
            ArrayNode forms = root.putArray("layers");
            e.architecture().forms().forEach(form -> forms.add(formJson(form)));
        }
        Snapshots.putPrecision(root, e.precision());
        root.set("init", specJson(e.init().spec()));
        root.put("seed", e.seed());
        root.set("cost", specJson(e.cost().spec()));
        root.put("eta", e.eta());
        root.put("miniBatch", e.miniBatch());
        root.put("threads", e.threads());
        ArrayNode update = root.putArray("update");
        e.rule().links().forEach(link -> update.add(specJson(link)));
        root.put("epochs", e.epochs());
        putOptional(root, "earlyStopping", e.earlyStopping());
        putOptional(root, "halveAfter", e.halveAfter());
        root.put("dataFingerprint", e.dataFingerprint());
        return root;
    }

    /** A layer form: {"kind": "dense"[, "dropout": p]} or {"kind": "conv-pool", "input": [c, h, w], "maps", "kernel", "pool"}. */
    private static ObjectNode formJson(LayerForm form) {
        ObjectNode node = Snapshots.JSON.createObjectNode();
        if (form instanceof LayerForm.ConvPool conv) {
            node.put("kind", "conv-pool");
            node.putArray("input").add(conv.channels()).add(conv.height()).add(conv.width());
            node.put("maps", conv.maps());
            node.put("kernel", conv.kernel());
            node.put("pool", conv.pool());
        } else {
            node.put("kind", "dense");
            double dropout = ((LayerForm.Dense) form).dropout();
            if (dropout > 0) {
                node.put("dropout", dropout);
            }
        }
        return node;
    }

    private static Vector<LayerForm> formsFrom(JsonReader in, JsonNode node, String path) {
        JsonNode list = in.array(node, path);
        Vector<LayerForm> forms = Vector.empty();
        for (int k = 0; k < list.size(); k++) {
            String at = path + "[" + k + "]";
            JsonNode form = list.get(k);
            in.requireObject(form, at);
            String kind = in.text(form, at + ".kind");
            try {
                forms = forms.append(switch (kind) {
                    case "dense" -> new LayerForm.Dense(JsonReader.optional(form, at + ".dropout") == null ? 0 : in.number(form, at + ".dropout"));
                    case "conv-pool" -> {
                        int[] input = in.integers(form, at + ".input");
                        if (input.length != 3) {
                            throw in.error(at + ".input", "expected [channels, rows, columns], got " + input.length + " numbers");
                        }
                        yield new LayerForm.ConvPool(input[0], input[1], input[2], in.integer(form, at + ".maps"),
                                in.integer(form, at + ".kernel"), in.integer(form, at + ".pool"));
                    }
                    default -> throw in.error(at + ".kind", "unknown layer kind '" + kind + "', known: [dense, conv-pool]");
                });
            } catch (IllegalArgumentException e) {
                throw in.error(at, e.getMessage());
            }
        }
        return forms;
    }

    /** Every link of the chain must resolve to a rule with the same spec, or the record could not be replayed. */
    private static void requireReadable(UpdateRule rule) {
        for (Spec link : rule.links()) {
            UpdateRule again;
            try {
                again = UpdateRule.registry().resolve(link);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("update rule '" + link + "' is not registered, so a record naming it could"
                        + " not be read back; register it once with UpdateRule.registry().register(...)");
            }
            if (!again.links().equals(Vector.of(link))) {
                throw new IllegalArgumentException("update rule '" + link + "' reads back as '" + again.describe()
                        + "'; register a factory that rebuilds it from its parameters");
            }
        }
    }

    /** A part as JSON: its name alone, or {"name": ..., parameter: value, ...}. */
    static JsonNode specJson(Spec spec) {
        if (spec.parameters().isEmpty()) {
            return Snapshots.JSON.getNodeFactory().textNode(spec.name());
        }
        ObjectNode node = Snapshots.JSON.createObjectNode();
        node.put("name", spec.name());
        spec.parameters().forEach(node::put);
        return node;
    }

    /** Reads what {@link #specJson} writes. */
    static Spec specFrom(JsonReader in, JsonNode node, String path) {
        if (node == null || node.isMissingNode()) {
            throw in.error(path, "missing field");
        }
        if (node.isTextual()) {
            try {
                return Spec.of(node.asText());
            } catch (IllegalArgumentException e) {
                throw in.error(path, e.getMessage());
            }
        }
        if (!node.isObject()) {
            throw in.error(path, "expected a name or an object with a name and numeric parameters, got " + JsonReader.describe(node));
        }
        String name = in.text(node, path + ".name");
        Map<String, Double> parameters = new LinkedHashMap<>();
        var fields = node.fields();
        while (fields.hasNext()) {
            var field = fields.next();
            if (!field.getKey().equals("name")) {
                parameters.put(field.getKey(), in.number(node, path + "." + field.getKey()));
            }
        }
        try {
            return new Spec(name, parameters);
        } catch (IllegalArgumentException e) {
            throw in.error(path, e.getMessage());
        }
    }

    /** The registered part a spec names, or a SnapshotException naming the path and the known names. */
    static <T> T resolve(JsonReader in, Registry<T> registry, JsonNode node, String path) {
        Spec spec = specFrom(in, node, path);
        try {
            return registry.resolve(spec);
        } catch (IllegalArgumentException e) {
            throw in.error(path, e.getMessage());
        }
    }

    private static void putOptional(ObjectNode node, String name, java.util.Optional<Integer> value) {
        if (value.isPresent()) {
            node.put(name, value.get());
        } else {
            node.putNull(name);
        }
    }

    static Experiment from(JsonReader in, JsonNode node, String prefix) {
        String p = prefix.isEmpty() ? "" : prefix + ".";
        in.requireObject(node, prefix);
        String format = in.text(node, p + "format");
        if (!format.equals(FORMAT)) {
            throw in.error(p + "format", "expected \"" + FORMAT + "\", got \"" + format + "\"");
        }
        int version = in.integer(node, p + "version");
        if (version < 1 || version > VERSION) {
            throw in.error(p + "version", "unsupported version " + version + "; this purenet reads versions 1 to " + VERSION);
        }
        Vector<Integer> sizes = Vector.ofAll(java.util.Arrays.stream(in.integers(node, p + "sizes")).boxed().toList());
        Vector<Activation> activations;
        Init init;
        Cost cost;
        UpdateRule rule;
        if (version == 1) {
            // 0.1.0's record: one hidden activation, one output activation, and the chain as three numbers.
            Activation hidden = resolve(in, Activation.registry(), node.get("hidden"), p + "hidden");
            Activation output = resolve(in, Activation.registry(), node.get("output"), p + "output");
            activations = Vector.fill(Math.max(0, sizes.size() - 2), () -> hidden).append(output);
            init = resolve(in, Init.registry(), node.get("init"), p + "init");
            cost = resolve(in, Cost.registry(), node.get("cost"), p + "cost");
            rule = version1Chain(in, node, p);
        } else {
            JsonNode list = in.array(node, p + "activations");
            activations = Vector.empty();
            for (int k = 0; k < list.size(); k++) {
                activations = activations.append(resolve(in, Activation.registry(), list.get(k), p + "activations[" + k + "]"));
            }
            init = resolve(in, Init.registry(), node.get("init"), p + "init");
            cost = resolve(in, Cost.registry(), node.get("cost"), p + "cost");
            JsonNode links = in.array(node, p + "update");
            Vector<Spec> specs = Vector.empty();
            for (int k = 0; k < links.size(); k++) {
                specs = specs.append(specFrom(in, links.get(k), p + "update[" + k + "]"));
            }
            try {
                rule = UpdateRule.chain(specs);
            } catch (IllegalArgumentException e) {
                throw in.error(p + "update", e.getMessage());
            }
        }
        try {
            Precision precision = in.precision(node, p + "precision");
            Architecture architecture = version == VERSION
                    ? new Architecture(sizes, activations, precision, formsFrom(in, node, p + "layers"))
                    : new Architecture(sizes, activations, precision);
            return new Experiment(architecture, init, in.longInteger(node, p + "seed"), cost,
                    in.number(node, p + "eta"), in.integer(node, p + "miniBatch"), rule, in.integer(node, p + "epochs"),
                    optionalInt(in, node, p + "earlyStopping"), optionalInt(in, node, p + "halveAfter"),
                    in.text(node, p + "dataFingerprint"),
                    JsonReader.optional(node, p + "threads") == null ? 1 : in.integer(node, p + "threads"));
        } catch (IllegalArgumentException e) {
            throw in.error(prefix, e.getMessage());
        }
    }

    /** l2, l1, learning rate, momentum: the order 0.1.0's {@code Experiment.sgd()} composed them in. */
    private static UpdateRule version1Chain(JsonReader in, JsonNode node, String p) {
        double l2 = in.number(node, p + "l2");
        double l1 = in.number(node, p + "l1");
        double momentum = in.number(node, p + "momentum");
        try {
            UpdateRule rule = UpdateRule.learningRate();
            if (l1 > 0) {
                rule = UpdateRule.l1(l1).then(rule);
            }
            if (l2 > 0) {
                rule = UpdateRule.l2(l2).then(rule);
            }
            return momentum > 0 ? rule.then(UpdateRule.momentum(momentum)) : rule;
        } catch (IllegalArgumentException e) {
            throw in.error(p.isEmpty() ? "" : p.substring(0, p.length() - 1), e.getMessage());
        }
    }

    private static java.util.Optional<Integer> optionalInt(JsonReader in, JsonNode node, String path) {
        return JsonReader.optional(node, path) == null ? java.util.Optional.empty() : java.util.Optional.of(in.integer(node, path));
    }
}
