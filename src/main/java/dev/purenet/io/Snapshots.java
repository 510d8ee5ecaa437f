package dev.purenet.io;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.purenet.Activation;
import dev.purenet.ConvPool;
import dev.purenet.Dense;
import dev.purenet.Layer;
import dev.purenet.Network;
import dev.purenet.Precision;
import dev.purenet.Seed;
import dev.purenet.math.Matrix;
import dev.purenet.train.Epoch;
import dev.purenet.train.Evaluation;
import dev.purenet.train.Experiment;
import dev.purenet.train.Gradient;
import dev.purenet.train.Metrics;
import io.vavr.collection.Vector;
import io.vavr.control.Try;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Networks as JSON files in purenet's format:
 * <pre>{"format": "purenet.network", "version": 2, "sizes": [784, 30, 10],
 *  "layers": [{"kind": "dense", "activation": "sigmoid", "weights": [[...], ...], "biases": [...]}, ...]}</pre>
 * Weights are written as a list of rows, biases as a flat list. A conv-pool layer also has
 * {@code "input": [channels, rows, columns]}, {@code "kernel"} and {@code "pool"}, its weights one
 * row per feature map (channel-major, then row-major within each k x k filter); a dense layer
 * with dropout has {@code "dropout"}: both only in version 3 files. A snapshot of a training run
 * also has {@code "cost"} and a {@code "training"} object: the epoch, seed, learning rate,
 * metrics, the update rule's state (momentum's velocity) and the {@link Experiment}, which is
 * everything needed to resume or replay the run (see docs/json-format.md). Doubles are
 * written in their shortest exact form, so a network read back {@code equals} the one
 * written. Files are written atomically ({@link AtomicFiles}); a network with NaN or infinite
 * parameters is refused.
 *
 * <p>Each document can also go to a caller's stream ({@code write(OutputStream, ...)},
 * {@code read(InputStream, source)}) or a string ({@code toJson}, {@code fromJson},
 * {@code epochFromJson}): the same bytes as the file, with the same checks; errors name the
 * given source, or {@value #STRING}, where they would name the file.
 */
public final class Snapshots {
    /** The value of the {@code "format"} field. */
    public static final String FORMAT = "purenet.network";
    /**
     * The newest value of the {@code "version"} field: written for networks with a conv-pool
     * layer or dropout. Dense networks without dropout are written as version 2, byte for byte
     * what purenet wrote before version 3, so that older purenets still read them. Versions 1 to
     * 3 are read.
     */
    public static final int VERSION = 3;
    private static final int DENSE_ONLY_VERSION = 2;
    /** Schubfach double writing: the shortest exact form on every JVM, so files are byte-identical across JDKs. */
    static final ObjectMapper JSON = JsonMapper.builder()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(StreamWriteFeature.USE_FAST_DOUBLE_WRITER)
            .build();

    /** What error messages call JSON text given as a string: {@value}. */
    public static final String STRING = "<string>";

    private Snapshots() {}

    /**
     * Writes {@code network} to {@code file} atomically, in purenet's format.
     *
     * @param file    the file to create or replace
     * @param network the network; every parameter must be finite
     * @throws IllegalArgumentException if a parameter is NaN or infinite; nothing is written then
     * @throws java.io.UncheckedIOException if the file cannot be written
     */
    public static void write(Path file, Network network) {
        ObjectNode root = networkTree(network);
        AtomicFiles.write(file, out -> writeTree(out, root));
    }

    /**
     * Writes {@code network} to {@code out} in purenet's format: the bytes {@link #write(Path, Network)}
     * puts in a file. The stream is flushed, not closed.
     *
     * @param out     the stream, owned by the caller
     * @param network the network; every parameter must be finite
     * @throws IllegalArgumentException if a parameter is NaN or infinite; nothing is written then
     * @throws java.io.UncheckedIOException if the stream fails
     */
    public static void write(OutputStream out, Network network) {
        writeTo(out, networkTree(network), "the network");
    }

    /**
     * {@code network} as JSON text in purenet's format: the content {@link #write(Path, Network)}
     * puts in a file, character for character.
     *
     * @param network the network; every parameter must be finite
     * @return the JSON document
     * @throws IllegalArgumentException if a parameter is NaN or infinite
     */
    public static String toJson(Network network) {
        return text(networkTree(network));
    }

    /** The document of a network, after the checks every writer makes. */
    private static ObjectNode networkTree(Network network) {
        requireFinite(network);
        return toTree(network);
    }

    /** Writes a document's bytes: the one serialisation behind files, streams and strings. */
    static void writeTree(OutputStream out, JsonNode root) throws IOException {
        out.write(JSON.writeValueAsBytes(root));
    }

    static void writeTo(OutputStream out, JsonNode root, String what) {
        try {
            writeTree(out, root);
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + what + " to the stream: " + AtomicFiles.reason(e), e);
        }
    }

    static String text(JsonNode root) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            writeTree(bytes, root);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serialise JSON: " + e.getMessage(), e);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    /**
     * A training run's epoch with its experiment: resumable and replayable.
     *
     * @param file       the file to create or replace
     * @param epoch      the epoch: network, seed, η, metrics and optimizer state
     * @param experiment the experiment the epoch belongs to
     * @throws IllegalArgumentException if a network parameter is NaN or infinite; nothing is
     *         written then
     * @throws java.io.UncheckedIOException if the file cannot be written
     */
    public static void write(Path file, Epoch epoch, Experiment experiment) {
        ObjectNode root = epochTree(epoch, experiment);
        AtomicFiles.write(file, out -> writeTree(out, root));
    }

    /**
     * Writes a training run's epoch with its experiment to {@code out}: the bytes
     * {@link #write(Path, Epoch, Experiment)} puts in a file. The stream is flushed, not closed.
     *
     * @param out        the stream, owned by the caller
     * @param epoch      the epoch: network, seed, η, metrics and optimizer state
     * @param experiment the experiment the epoch belongs to
     * @throws IllegalArgumentException if a network parameter is NaN or infinite; nothing is
     *         written then
     * @throws java.io.UncheckedIOException if the stream fails
     */
    public static void write(OutputStream out, Epoch epoch, Experiment experiment) {
        writeTo(out, epochTree(epoch, experiment), "the snapshot");
    }

    /**
     * A training run's epoch with its experiment as JSON text: the content
     * {@link #write(Path, Epoch, Experiment)} puts in a file, character for character.
     *
     * @param epoch      the epoch: network, seed, η, metrics and optimizer state
     * @param experiment the experiment the epoch belongs to
     * @return the JSON document
     * @throws IllegalArgumentException if a network parameter is NaN or infinite
     */
    public static String toJson(Epoch epoch, Experiment experiment) {
        return text(epochTree(epoch, experiment));
    }

    private static ObjectNode epochTree(Epoch epoch, Experiment experiment) {
        requireFinite(epoch.network());
        if (epoch.metrics().diverged()) {
            throw new IllegalArgumentException("epoch " + epoch.index() + " has a NaN or infinite cost (training diverged?);"
                    + " refusing to write it");
        }
        ObjectNode experimentJson = Experiments.tree(experiment);
        ObjectNode root = toTree(epoch.network());
        root.set("cost", Experiments.specJson(experiment.cost().spec()));
        ObjectNode training = root.putObject("training");
        training.put("epoch", epoch.index());
        training.put("seed", epoch.seed().value());
        training.put("eta", epoch.eta());
        training.put("steps", epoch.steps());
        training.set("metrics", metricsJson(epoch.metrics()));
        ArrayNode state = training.putArray("optimizerState");
        for (Gradient slot : epoch.optimizerState()) {
            ArrayNode layers = state.addArray();
            for (int k = 0; k < slot.layers().size(); k++) {
                putParameters(layers.addObject(), epoch.network().layers().get(k).parameterNames(),
                        slot.layers().get(k).parameters());
            }
        }
        training.set("experiment", experimentJson);
        return root;
    }

    /**
     * An epoch read back from a snapshot written by {@link #write(Path, Epoch, Experiment)}.
     *
     * @param epoch      the recorded epoch, equal to the one written
     * @param experiment the experiment it belongs to
     */
    public record Recorded(Epoch epoch, Experiment experiment) {}

    /**
     * Reads a snapshot of a training run; a plain network file (no "training" object) is an error.
     *
     * @param file the snapshot
     * @return the epoch and its experiment
     * @throws SnapshotException naming the file, the JSON path and the problem when the file is
     *         missing, not valid JSON, or not a well-formed snapshot (including optimizer state or
     *         experiment sizes that do not match the network)
     * @throws java.io.UncheckedIOException if the file cannot be read
     */
    public static Recorded readEpoch(Path file) {
        return epochFrom(new JsonReader(file.toString()), JsonReader.parse(JSON, file));
    }

    /**
     * Reads a snapshot of a training run from {@code in}, to its end, with the checks of
     * {@link #readEpoch(Path)}. The stream is not closed.
     *
     * @param in     the stream, owned by the caller
     * @param source what to call the stream in error messages, e.g. a URL or an entry of an archive
     * @return the epoch and its experiment
     * @throws SnapshotException naming {@code source}, the JSON path and the problem
     * @throws java.io.UncheckedIOException if the stream fails
     */
    public static Recorded readEpoch(InputStream in, String source) {
        return epochFrom(new JsonReader(source), JsonReader.parse(JSON, in, source));
    }

    /**
     * Reads a snapshot of a training run from JSON text, such as {@link #toJson(Epoch, Experiment)}
     * returns, with the checks of {@link #readEpoch(Path)}.
     *
     * @param json the JSON document
     * @return the epoch and its experiment
     * @throws SnapshotException naming {@value #STRING}, the JSON path and the problem
     */
    public static Recorded epochFromJson(String json) {
        return epochFrom(new JsonReader(STRING), JsonReader.parse(JSON, json, STRING));
    }

    private static Recorded epochFrom(JsonReader in, JsonNode root) {
        Network network = networkFrom(in, root);
        JsonNode training = in.object(root, "training");
        int index = in.integer(training, "training.epoch");
        long seed = in.longInteger(training, "training.seed");
        double eta = in.number(training, "training.eta");
        Metrics metrics = metricsFrom(in, in.object(training, "training.metrics"));
        JsonNode stateNode = in.array(training, "training.optimizerState");
        long steps = JsonReader.optional(training, "training.steps") == null ? 0 : in.longInteger(training, "training.steps");
        Vector<Gradient> state = Vector.empty();
        for (int s = 0; s < stateNode.size(); s++) {
            String slotPath = "training.optimizerState[" + s + "]";
            JsonNode slot = stateNode.get(s);
            if (!slot.isArray() || slot.size() != network.layers().size()) {
                throw in.error(slotPath, "expected one entry per layer (" + network.layers().size() + "), got "
                        + JsonReader.describe(slot));
            }
            Vector<Gradient.LayerGradient> layers = Vector.empty();
            for (int k = 0; k < slot.size(); k++) {
                String path = slotPath + "[" + k + "]";
                in.requireObject(slot.get(k), path);
                layers = layers.append(new Gradient.LayerGradient(parametersLike(in, slot.get(k), path,
                        network.layers().get(k), k)));
            }
            state = state.append(new Gradient(layers));
        }
        Experiment experiment = Experiments.from(in, in.object(training, "training.experiment"), "training.experiment");
        if (!experiment.sizes().equals(network.sizes())) {
            throw in.error("training.experiment.sizes", "the experiment's sizes " + experiment.sizes()
                    + " differ from the network's " + network.sizes());
        }
        if (experiment.precision() != network.precision()) {
            throw in.error("training.experiment.precision", "the experiment computes in " + experiment.precision().label()
                    + " but the network is " + network.precision().label());
        }
        try {
            return new Recorded(new Epoch(index, network, Seed.seed(seed), state, steps, eta, metrics), experiment);
        } catch (IllegalArgumentException e) {
            throw in.error("training", e.getMessage());
        }
    }

    private static ObjectNode metricsJson(Metrics m) {
        ObjectNode node = JSON.createObjectNode();
        m.trainingCost().ifPresent(c -> node.put("trainingCost", c));
        m.trainingAccuracy().ifPresent(e -> node.set("trainingAccuracy", evaluationJson(e)));
        m.evaluationCost().ifPresent(c -> node.put("evaluationCost", c));
        m.evaluationAccuracy().ifPresent(e -> node.set("evaluationAccuracy", evaluationJson(e)));
        return node;
    }

    private static ObjectNode evaluationJson(Evaluation e) {
        ObjectNode node = JSON.createObjectNode();
        node.put("correct", e.correct());
        node.put("total", e.total());
        return node;
    }

    private static Metrics metricsFrom(JsonReader in, JsonNode node) {
        Metrics m = Metrics.NONE;
        if (JsonReader.optional(node, "trainingCost") != null) {
            m = m.withTrainingCost(in.number(node, "training.metrics.trainingCost"));
        }
        if (JsonReader.optional(node, "trainingAccuracy") != null) {
            m = m.withTrainingAccuracy(evaluationFrom(in, node, "training.metrics.trainingAccuracy"));
        }
        if (JsonReader.optional(node, "evaluationCost") != null) {
            m = m.withEvaluationCost(in.number(node, "training.metrics.evaluationCost"));
        }
        if (JsonReader.optional(node, "evaluationAccuracy") != null) {
            m = m.withEvaluationAccuracy(evaluationFrom(in, node, "training.metrics.evaluationAccuracy"));
        }
        return m;
    }

    private static Evaluation evaluationFrom(JsonReader in, JsonNode parent, String path) {
        JsonNode e = in.object(parent, path);
        try {
            return new Evaluation(in.integer(e, path + ".correct"), in.integer(e, path + ".total"));
        } catch (IllegalArgumentException ex) {
            throw in.error(path, ex.getMessage());
        }
    }

    private static ArrayNode rowsJson(Matrix m) {
        ArrayNode rows = JSON.createArrayNode();
        for (double[] row : m.toRowArrays()) {
            ArrayNode r = rows.addArray();
            for (double v : row) {
                r.add(v);
            }
        }
        return rows;
    }

    private static ArrayNode flatJson(Matrix column) {
        ArrayNode values = JSON.createArrayNode();
        for (double v : column.toColumnMajorArray()) {
            values.add(v);
        }
        return values;
    }

    /**
     * {@link #read} as a value: the network, or the failure (a {@link SnapshotException} or an I/O error).
     *
     * @param file the network file or snapshot
     * @return a success with the network, or a failure holding the exception
     */
    public static Try<Network> tryRead(Path file) {
        return Try.of(() -> read(file));
    }

    /**
     * Reads the network of a snapshot (a training run's snapshot, too: its "training" object is not needed here).
     *
     * @param file the network file or snapshot
     * @return the network, equal to the one written
     * @throws SnapshotException naming the file, the JSON path and the problem when the file is
     *         missing, not valid JSON, or not a well-formed purenet network
     * @throws java.io.UncheckedIOException if the file cannot be read
     */
    public static Network read(Path file) {
        return networkFrom(new JsonReader(file.toString()), JsonReader.parse(JSON, file));
    }

    /**
     * Reads a network (or the network of a run's snapshot) from {@code in}, to its end, with the
     * checks of {@link #read(Path)}. The stream is not closed.
     *
     * @param in     the stream, owned by the caller
     * @param source what to call the stream in error messages, e.g. a URL or an entry of an archive
     * @return the network, equal to the one written
     * @throws SnapshotException naming {@code source}, the JSON path and the problem
     * @throws java.io.UncheckedIOException if the stream fails
     */
    public static Network read(InputStream in, String source) {
        return networkFrom(new JsonReader(source), JsonReader.parse(JSON, in, source));
    }

    /**
     * Reads a network (or the network of a run's snapshot) from JSON text, such as
     * {@link #toJson(Network)} returns, with the checks of {@link #read(Path)}.
     *
     * @param json the JSON document
     * @return the network, equal to the one written
     * @throws SnapshotException naming {@value #STRING}, the JSON path and the problem
     */
    public static Network fromJson(String json) {
        return networkFrom(new JsonReader(STRING), JsonReader.parse(JSON, json, STRING));
    }

    static ObjectNode toTree(Network network) {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", FORMAT);
        root.put("version", network.layers().forAll(Snapshots::isVersion2) ? DENSE_ONLY_VERSION : VERSION);
        ArrayNode sizes = root.putArray("sizes");
        network.sizes().forEach(sizes::add);
        putPrecision(root, network.precision());
        ArrayNode layers = root.putArray("layers");
        for (Layer layer : network.layers()) {
            Activation.registry().requireReadable(layer.activation());
            ObjectNode l = layers.addObject();
            l.put("kind", layer.kind());
            l.set("activation", Experiments.specJson(layer.activation().spec()));
            if (layer instanceof ConvPool conv) {
                l.putArray("input").add(conv.channels()).add(conv.height()).add(conv.width());
                l.put("kernel", conv.kernel());
                l.put("pool", conv.pool());
            } else if (layer instanceof Dense dense && dense.dropout() > 0) {
                l.put("dropout", dense.dropout());
            }
            putParameters(l, layer.parameterNames(), layer.parameters());
        }
        return root;
    }

    private static boolean isVersion2(Layer layer) {
        return layer instanceof Dense dense && dense.dropout() == 0;
    }

    /** Written only for float32, so that float64 files are byte for byte what they were before float32 existed. */
    static void putPrecision(ObjectNode node, Precision precision) {
        if (precision != Precision.FLOAT64) {
            node.put("precision", precision.label());
        }
    }

    /** Each parameter under its name: biases as a flat list, anything else row by row (even a single column). */
    private static void putParameters(ObjectNode node, Vector<String> names, Vector<Matrix> values) {
        for (int p = 0; p < names.size(); p++) {
            Matrix m = values.get(p);
            node.set(names.get(p), isFlat(names.get(p)) ? flatJson(m) : rowsJson(m));
        }
    }

    private static boolean isFlat(String parameterName) {
        return parameterName.equals("biases");
    }

    /** Matrices shaped like {@code layer}'s parameters, read from {@code node} by the parameters' names. */
    private static Vector<Matrix> parametersLike(JsonReader in, JsonNode node, String path, Layer layer, int k) {
        Vector<Matrix> values = Vector.empty();
        for (int p = 0; p < layer.parameters().size(); p++) {
            Matrix shape = layer.parameters().get(p);
            String field = path + "." + layer.parameterNames().get(p);
            Matrix m = isFlat(layer.parameterNames().get(p)) ? Matrix.column(in.numberField(node, field)) : in.rows(node, field);
            if (!m.shape().equals(shape.shape())) {
                throw in.error(field, "expected " + shape.shape() + " like layer " + (k + 1) + "'s "
                        + layer.parameterNames().get(p) + ", got " + m.shape());
            }
            values = values.append(m);
        }
        return values;
    }

    static Network networkFrom(JsonReader in, JsonNode root) {
        in.requireObject(root, "");
        String format = in.text(root, "format");
        if (!format.equals(FORMAT)) {
            throw in.error("format", "expected \"" + FORMAT + "\", got \"" + format + "\"");
        }
        int version = in.integer(root, "version");
        if (version < 1 || version > VERSION) {
            throw in.error("version", "unsupported version " + version + "; this purenet reads versions 1 to " + VERSION);
        }
        JsonNode layersNode = in.array(root, "layers");
        Vector<Layer> layers = Vector.empty();
        for (int k = 0; k < layersNode.size(); k++) {
            String path = "layers[" + k + "]";
            JsonNode l = layersNode.get(k);
            in.requireObject(l, path);
            // Version 1 knew dense layers only and wrote no kind.
            String kind = version == 1 ? "dense" : in.text(l, path + ".kind");
            // Version 2 knew dense layers without dropout only.
            boolean known = kind.equals("dense") || kind.equals("conv-pool") && version >= VERSION;
            if (!known) {
                throw in.error(path + ".kind", "unknown layer kind '" + kind + "' in a version " + version + " file, known: "
                        + (version >= VERSION ? "[dense, conv-pool]" : "[dense]"));
            }
            Activation activation = Experiments.resolve(in, Activation.registry(), l.get("activation"), path + ".activation");
            Matrix weights = in.rows(l, path + ".weights");
            Matrix biases = Matrix.column(in.numberField(l, path + ".biases"));
            try {
                if (kind.equals("conv-pool")) {
                    int[] input = in.integers(l, path + ".input");
                    if (input.length != 3) {
                        throw in.error(path + ".input", "expected [channels, rows, columns], got " + input.length + " numbers");
                    }
                    layers = layers.append(new ConvPool(weights, biases, activation, input[0], input[1], input[2],
                            in.integer(l, path + ".kernel"), in.integer(l, path + ".pool")));
                } else {
                    double dropout = version >= VERSION && JsonReader.optional(l, path + ".dropout") != null
                            ? in.number(l, path + ".dropout") : 0.0;
                    layers = layers.append(new Dense(weights, biases, activation, dropout));
                }
            } catch (IllegalArgumentException e) {
                throw in.error(path, e.getMessage());
            }
        }
        Precision precision = in.precision(root, "precision");
        Network network;
        try {
            network = new Network(layers, precision);
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
        if (!declared.toJavaList().equals(network.sizes())) {
            throw in.error("sizes", "declares " + declared.mkString("[", ", ", "]") + " but the layers have sizes "
                    + network.sizes());
        }
        return network;
    }

    static void requireFinite(Network network) {
        for (int k = 0; k < network.layers().size(); k++) {
            Layer l = network.layers().get(k);
            if (!l.parameters().forAll(Matrix::isFinite)) {
                throw new IllegalArgumentException("layer " + (k + 1) + " has NaN or infinite parameters (training diverged?);"
                        + " refusing to write it");
            }
        }
    }

}
