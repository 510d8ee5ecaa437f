package dev.purenet.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
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

/** docs/schema/purenet-network-v3.schema.json against what {@link Snapshots} writes: a format change needs a schema change. */
class SchemaFileTest {
    private static final Path SCHEMA = Path.of("docs/schema/purenet-network-v3.schema.json");
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
        var experiment = dev.purenet.train.Experiment.of(dev.purenet.Network.of(2, 3, 3), dev.purenet.Init.scaled(), 1, data)
                .withEta(1.0).withMomentum(0.5).withEpochs(1);
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
    void declaresTheOptionalDataFieldTheCliAddsWithoutRequiringIt() {
        // The CLI's CsvTest checks a file it wrote against this declaration; here, that it stays optional.
        assertEquals("#/$defs/data", schema.at("/properties/data/$ref").asText());
        assertFalse(written.has("data"), "the library writes no data field");
        schema.path("required").forEach(n -> assertNotEquals("data", n.asText()));
        JsonNode data = schema.at("/$defs/data");
        assertEquals("object", data.path("type").asText());
        assertEquals("csv", data.at("/properties/source/const").asText());
    }

    @Test
    void declaresTheOptionalPrecisionFieldOfNetworksAndExperimentsWithoutRequiringIt() throws IOException {
        var data = dev.purenet.data.Synthetic.rings(20, dev.purenet.Seed.seed(1));
        var experiment = dev.purenet.train.Experiment.of(dev.purenet.Network.of(2, 3, 3), dev.purenet.Init.scaled(), 1, data)
                .withEpochs(1).withPrecision(dev.purenet.Precision.FLOAT32);
        JsonNode run = JSON.readTree(Snapshots.toJson(experiment.start(), experiment));
        JsonNode precision = schema.at("/$defs/precision/enum");
        assertEquals("[\"float64\",\"float32\"]", precision.toString());
        for (JsonNode[] objectAndSchema : new JsonNode[][] {{run, schema}, {run.at("/training/experiment"), schema.at("/$defs/experiment")}}) {
            assertEquals("float32", objectAndSchema[0].path("precision").asText());
            assertEquals("#/$defs/precision", objectAndSchema[1].at("/properties/precision/$ref").asText());
            objectAndSchema[1].path("required").forEach(n -> assertNotEquals("precision", n.asText()));
        }
        assertFalse(written.has("precision"), "a float64 network is written without it");
    }

    @Test
    void pinsTheFormatNameAndVersion() {
        assertEquals(Snapshots.FORMAT, schema.at("/properties/format/const").textValue());
        assertEquals("[2,3]", schema.at("/properties/version/enum").toString());
        assertEquals(Snapshots.VERSION, schema.at("/properties/version/enum/1").intValue());
        assertEquals(written.get("format"), schema.at("/properties/format/const"));
        assertEquals(2, written.get("version").intValue(), "a dense network without dropout is written as version 2");
    }

    @Test
    void partsAreNamesOrNamedObjectsAndTheDescriptionListsEveryBuiltIn() {
        JsonNode part = schema.at("/$defs/part");
        assertEquals("string", part.at("/oneOf/0/type").asText());
        assertEquals("name", part.at("/oneOf/1/required/0").asText());
        String description = part.path("description").asText();
        for (String name : Activation.registry().names().stream().filter(n -> !n.startsWith("test-")).toList()) {
            assertTrue(description.contains(name), name + " is not listed in " + description);
        }
        for (String name : dev.purenet.train.UpdateRule.registry().names().stream().filter(n -> !n.startsWith("test-")).toList()) {
            assertTrue(description.contains(name), name + " is not listed in " + description);
        }
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
        // A field added after files of this version were written is written always, but optional
        // for readers: the schema gives the default that its absence means.
        Set<String> optional = new TreeSet<>();
        fields.forEach(f -> {
            if (objectSchema.path("properties").path(f).has("default")) {
                optional.add(f);
            }
        });
        Set<String> mandatory = new TreeSet<>(fields);
        mandatory.removeAll(optional);
        assertEquals(mandatory, required, "fields written (without a default) vs listed in \"required\"");
    }

    private static void collectRefs(JsonNode node, List<String> refs) {
        if (node.has("$ref")) {
            refs.add(node.get("$ref").textValue());
        }
        node.forEach(child -> collectRefs(child, refs));
    }
}
