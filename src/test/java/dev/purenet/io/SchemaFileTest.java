package dev.purenet.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.purenet.Activation;
import dev.purenet.Fixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** docs/schema/purenet-network-v1.schema.json against what {@link Snapshots} writes: a format change needs a schema change. */
class SchemaFileTest {
    private static final Path SCHEMA = Path.of("docs/schema/purenet-network-v1.schema.json");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static JsonNode schema;
    private static JsonNode written;

    @BeforeAll
    static void readSchemaAndASnapshot(@TempDir Path dir) throws IOException {
        schema = JSON.readTree(Files.readAllBytes(SCHEMA));
        Path file = dir.resolve("net.json");
        Snapshots.write(file, Fixtures.network(1, 3, 4, 2));
        written = JSON.readTree(Files.readAllBytes(file));
    }

    @Test
    void isDraft2020_12() {
        assertEquals("https://json-schema.org/draft/2020-12/schema", schema.path("$schema").asText());
    }

    @Test
    void declaresAndRequiresTheTopLevelFieldsSnapshotsWrites() {
        assertDeclaresAndRequires(schema, written);
    }

    @Test
    void declaresAndRequiresTheLayerFieldsSnapshotsWrites() {
        JsonNode layer = schema.at("/$defs/layer");
        for (JsonNode writtenLayer : written.get("layers")) {
            assertDeclaresAndRequires(layer, writtenLayer);
        }
    }

    @Test
    void declaresTheTrainingObjectOfARunsSnapshot(@TempDir Path dir) throws IOException {
        var data = dev.purenet.data.Synthetic.rings(50, dev.purenet.Seed.seed(1));
        var experiment = new dev.purenet.train.Experiment(io.vavr.collection.Vector.of(2, 3, 3), "sigmoid", "sigmoid",
                "scaled", 1, "quadratic", 1.0, 10, 0, 0, 0.5, 1, io.vavr.control.Option.none(), io.vavr.control.Option.none(),
                data.fingerprint());
        var monitor = dev.purenet.train.Monitor.of(data, data, dev.purenet.Cost.quadratic()).measuring(true, true, true, true);
        var epoch = experiment.run(data, monitor, dev.purenet.train.Sgd.ProgressListener.NONE).last();
        Path file = dir.resolve("epoch.json");
        Snapshots.write(file, epoch, experiment);
        JsonNode run = JSON.readTree(Files.readAllBytes(file));
        Set<String> declared = new TreeSet<>();
        schema.path("properties").fieldNames().forEachRemaining(declared::add);
        run.fieldNames().forEachRemaining(f -> assertTrue(declared.contains(f), f + " is not declared"));
        assertDeclaresAndRequires(schema.at("/$defs/training"), run.get("training"));
        assertDeclaresAndRequires(schema.at("/$defs/experiment"), run.at("/training/experiment"));
        JsonNode metrics = run.at("/training/metrics");
        Set<String> metricNames = new TreeSet<>();
        schema.at("/$defs/training/properties/metrics/properties").fieldNames().forEachRemaining(metricNames::add);
        metrics.fieldNames().forEachRemaining(f -> assertTrue(metricNames.contains(f), f + " is not declared"));
        assertEquals(4, metrics.size());
    }

    @Test
    void pinsTheFormatNameAndVersion() {
        assertEquals(Snapshots.FORMAT, schema.at("/properties/format/const").textValue());
        assertEquals(Snapshots.VERSION, schema.at("/properties/version/const").intValue());
        assertEquals(written.get("format"), schema.at("/properties/format/const"));
        assertEquals(written.get("version"), schema.at("/properties/version/const"));
    }

    @Test
    void listsExactlyTheActivationsSnapshotsReads() {
        List<String> listed = new ArrayList<>();
        schema.at("/$defs/layer/properties/activation/enum").forEach(n -> listed.add(n.textValue()));
        listed.forEach(name -> assertEquals(name, Activation.named(name).name()));
        String message = assertThrows(IllegalArgumentException.class, () -> Activation.named("no such activation")).getMessage();
        assertTrue(message.endsWith("expected one of " + listed.toString()), message + " vs schema " + listed);
    }

    @Test
    void everyReferenceResolves() {
        List<String> refs = new ArrayList<>();
        collectRefs(schema, refs);
        assertFalse(refs.isEmpty());
        for (String ref : refs) {
            assertTrue(ref.startsWith("#/"), ref);
            assertFalse(schema.at(ref.substring(1)).isMissingNode(), "unresolved " + ref);
        }
    }

    private static void assertDeclaresAndRequires(JsonNode objectSchema, JsonNode instance) {
        assertEquals("object", objectSchema.path("type").asText());
        Set<String> fields = new TreeSet<>();
        instance.fieldNames().forEachRemaining(fields::add);
        Set<String> declared = new TreeSet<>();
        objectSchema.path("properties").fieldNames().forEachRemaining(declared::add);
        Set<String> required = new TreeSet<>();
        objectSchema.path("required").forEach(n -> required.add(n.textValue()));
        assertTrue(declared.containsAll(fields), "fields written " + fields + " vs declared in \"properties\" " + declared);
        assertEquals(fields, required, "fields written vs listed in \"required\"");
    }

    private static void collectRefs(JsonNode node, List<String> refs) {
        if (node.has("$ref")) {
            refs.add(node.get("$ref").textValue());
        }
        node.forEach(child -> collectRefs(child, refs));
    }
}
