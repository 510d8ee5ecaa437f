package dev.purenet.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.purenet.Network;
import dev.purenet.data.Dataset;
import dev.purenet.io.Snapshots;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code --data FILE.csv}: train, evaluate and predict on a generated iris-like file; every bad file's message. */
class CsvTest {
    private static final String[] SPECIES = {"setosa", "versicolor", "virginica"};
    private static final String HEADER = "sepal_length,sepal_width,petal_length,petal_width,species";

    @TempDir
    Path dir;

    /**
     * 150 rows, 50 per species in shuffled order: four Gaussian features around centres that
     * differ per species, the last one in the hundreds (so unscaled sigmoid units saturate).
     */
    static String irisLike(long seed) {
        double[][] centres = {{5.0, 3.4, 1.5, 20}, {5.9, 2.8, 4.3, 130}, {6.6, 3.0, 5.6, 200}};
        Random random = new Random(seed);
        List<String> rows = new ArrayList<>();
        for (int k = 0; k < 3; k++) {
            for (int i = 0; i < 50; i++) {
                double[] c = centres[k];
                rows.add(String.format(java.util.Locale.ROOT, "%.2f,%.2f,%.2f,%.1f,%s", c[0] + 0.3 * random.nextGaussian(),
                        c[1] + 0.3 * random.nextGaussian(), c[2] + 0.3 * random.nextGaussian(), c[3] + 15 * random.nextGaussian(),
                        SPECIES[k]));
            }
        }
        java.util.Collections.shuffle(rows, random);
        return HEADER + "\n" + String.join("\n", rows) + "\n";
    }

    private Path write(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content);
    }

    private static double percent(String out) {
        Matcher m = Pattern.compile("\\(([0-9.]+)%\\)").matcher(out);
        double last = Double.NaN;
        while (m.find()) {
            last = Double.parseDouble(m.group(1));
        }
        return last;
    }

    private Path trainIris(String... extra) throws IOException {
        Path csv = write("iris.csv", irisLike(7));
        Path net = dir.resolve("net.json");
        List<String> args = new ArrayList<>(List.of("train", "--data", csv.toString(), "--label", "species", "--hidden", "10",
                "--validation", "0.2", "--test", "0.2", "--standardize", "--cost", "cross-entropy", "--eta", "0.5",
                "--epochs", "20", "--out", net.toString()));
        args.addAll(List.of(extra));
        CliHarness.Result r = CliHarness.run(args.toArray(String[]::new));
        assertEquals(0, r.code(), r.err());
        return net;
    }

    @Test
    void trainsOnAnIrisLikeFileToOver90PercentOnItsTestPart() throws IOException {
        Path csv = write("iris.csv", irisLike(7));
        CliHarness.Result r = CliHarness.run("train", "--data", csv.toString(), "--label", "species", "--hidden", "10",
                "--validation", "0.2", "--test", "0.2", "--standardize", "--cost", "cross-entropy", "--eta", "0.5",
                "--epochs", "20", "--out", dir.resolve("net.json").toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().startsWith("Training 4-10-3 (sigmoid) on 90 rows of iris.csv (4 features, standardized, 3 classes"
                + " of 'species'; 30 rows held out for validation, 30 for test): 20 epochs"), r.out());
        assertTrue(r.out().contains("evaluating on test data"), r.out());
        assertTrue(percent(r.out()) >= 90, r.out());
        assertTrue(r.out().contains(" / 30 ("), r.out());
    }

    @Test
    void theNetworkFileRecordsClassesFeaturesAndTrainingStatisticsAndStillReadsAsANetwork() throws IOException {
        Path net = trainIris();
        var data = new ObjectMapper().readTree(net.toFile()).get("data");
        assertEquals("csv", data.get("source").asText());
        assertEquals("species", data.get("label").asText());
        assertEquals("[\"setosa\",\"versicolor\",\"virginica\"]", data.get("classes").toString());
        assertEquals("[\"sepal_length\",\"sepal_width\",\"petal_length\",\"petal_width\"]", data.get("features").toString());
        assertEquals(4, data.get("standardize").get("mean").size());
        var schema = new ObjectMapper().readTree(Path.of("docs/schema/purenet-network-v3.schema.json").toFile()).at("/$defs/data");
        java.util.Set<String> declared = new java.util.TreeSet<>();
        schema.path("properties").fieldNames().forEachRemaining(declared::add);
        java.util.Set<String> written = new java.util.TreeSet<>();
        data.fieldNames().forEachRemaining(written::add);
        assertTrue(declared.containsAll(written), written + " vs the schema's " + declared);
        schema.path("required").forEach(n -> assertTrue(written.contains(n.asText()), n.asText()));
        Network read = Snapshots.read(net); // the library ignores the field
        assertEquals(List.of(4, 10, 3), read.sizes());
    }

    @Test
    void splitsAreStratifiedSeededAndReproducible() throws IOException {
        CsvData.Table table = CsvData.read(write("iris.csv", irisLike(7)), "species", true);
        CsvData.Split a = CsvData.split(table, 0.2, 0.2, false, 3);
        CsvData.Split b = CsvData.split(table, 0.2, 0.2, false, 3);
        CsvData.Split c = CsvData.split(table, 0.2, 0.2, false, 4);
        assertEquals(a.parts().training().fingerprint(), b.parts().training().fingerprint());
        assertEquals(a.parts().test().fingerprint(), b.parts().test().fingerprint());
        assertNotEquals(a.parts().test().fingerprint(), c.parts().test().fingerprint());
        for (Dataset part : List.of(a.parts().validation(), a.parts().test())) {
            int[] perClass = new int[3];
            Arrays.stream(part.labels()).forEach(y -> perClass[y]++);
            assertArrayEquals(new int[] {10, 10, 10}, perClass);
        }
        assertEquals(90, a.parts().training().size());
    }

    @Test
    void standardizedTrainingFeaturesHaveMean0AndStd1AndTheTestPartIsScaledWithTheirStatistics() throws IOException {
        StringBuilder csv = new StringBuilder("x,y,label\n");
        for (int i = 0; i < 20; i++) {
            csv.append(i * i).append(',').append(1000 + 3 * i).append(',').append(i % 2 == 0 ? "a" : "b").append('\n');
        }
        CsvData.Split split = CsvData.split(CsvData.read(write("shift.csv", csv.toString()), "label", true), 0, 0.5, true, 1);
        Dataset train = split.parts().training();
        Dataset test = split.parts().test();
        for (int j = 0; j < 2; j++) {
            double sum = 0;
            double squares = 0;
            double testSum = 0;
            for (int i = 0; i < train.size(); i++) {
                double v = train.input(i).get(j, 0);
                sum += v;
                squares += v * v;
            }
            for (int i = 0; i < test.size(); i++) {
                testSum += test.input(i).get(j, 0);
            }
            assertEquals(0, sum / train.size(), 1e-12, "feature " + j);
            assertEquals(1, squares / train.size(), 1e-12, "feature " + j);
            assertNotEquals(0, testSum / test.size(), 1e-3, "feature " + j); // its own statistics would give 0
        }
    }

    @Test
    void theRecordedMeanIsTheTrainingRowsMeanNotTheFilesMean() throws IOException {
        // Held-out rows differ from the kept ones, so the mean over all rows is not the training part's.
        StringBuilder csv = new StringBuilder("x,label\n");
        for (int i = 0; i < 40; i++) {
            csv.append(i * i).append(',').append(i % 2 == 0 ? "even" : "odd").append('\n');
        }
        CsvData.Table table = CsvData.read(write("squares.csv", csv.toString()), "label", true);
        CsvData.Split split = CsvData.split(table, 0.25, 0.25, true, 5);
        Dataset rawTraining = CsvData.split(table, 0.25, 0.25, false, 5).parts().training();
        double sum = 0;
        for (int i = 0; i < rawTraining.size(); i++) {
            sum += rawTraining.input(i).get(0, 0);
        }
        double trainingMean = sum / rawTraining.size();
        double allMean = Arrays.stream(table.rows()).mapToDouble(r -> r[0]).average().orElseThrow();
        assertNotEquals(allMean, trainingMean, 1e-6);
        assertEquals(trainingMean, split.description().mean()[0], 1e-9);
    }

    @Test
    void evaluateAppliesTheRecordedStandardization() throws IOException {
        Path net = trainIris();
        Path csv = dir.resolve("iris.csv");
        CliHarness.Result r = CliHarness.run("evaluate", "--network", net.toString(), "--data", csv.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().startsWith("All 150 rows of " + csv + ": "), r.out());
        assertTrue(r.out().contains("(standardized with the training statistics in net.json)"), r.out());
        assertTrue(percent(r.out()) >= 90, r.out());
        // The same network without its statistics sees raw petal widths in the hundreds: far worse.
        ObjectMapper json = new ObjectMapper();
        ObjectNode root = (ObjectNode) json.readTree(net.toFile());
        ((ObjectNode) root.get("data")).remove("standardize");
        Path unscaled = dir.resolve("unscaled.json");
        json.writeValue(unscaled.toFile(), root);
        CliHarness.Result raw = CliHarness.run("evaluate", "--network", unscaled.toString(), "--data", csv.toString());
        assertEquals(0, raw.code(), raw.err());
        assertTrue(percent(raw.out()) < 70, raw.out());
    }

    @Test
    void predictPrintsClassNames() throws IOException {
        Path net = trainIris();
        Path csv = dir.resolve("iris.csv");
        String row2Species = Files.readAllLines(csv).get(1).replaceAll(".*,", "");
        CliHarness.Result r = CliHarness.run("predict", "--network", net.toString(), "--data", csv.toString(), "--row", "2");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().startsWith("Row 2: sepal_length "), r.out());
        assertTrue(r.out().contains("\n  setosa    : 0."), r.out());
        assertTrue(r.out().contains("\n  versicolor: 0."), r.out());
        assertTrue(r.out().contains("\n  virginica : 0."), r.out());
        assertTrue(r.out().contains("<- answer"), r.out());
        assertTrue(r.out().contains("Row 2: species " + row2Species + ", network says " + row2Species + " (correct)"), r.out());
        // New data without the label column: the answer alone.
        List<String> lines = Files.readAllLines(csv);
        Path unlabelled = write("new.csv", "sepal_length,sepal_width,petal_length,petal_width\n"
                + lines.get(1).substring(0, lines.get(1).lastIndexOf(',')) + "\n");
        CliHarness.Result u = CliHarness.run("predict", "--network", net.toString(), "--data", unlabelled.toString(), "--row", "2");
        assertEquals(0, u.code(), u.err());
        assertTrue(u.out().endsWith("Row 2: network says " + row2Species + System.lineSeparator()), u.out());
        CliHarness.Result outside = CliHarness.run("predict", "--network", net.toString(), "--data", csv.toString(), "--row", "1");
        assertEquals(2, outside.code());
        assertTrue(outside.err().startsWith("purenet: --row must be between 2 and 151 (the rows of " + csv
                + " holding examples; row 1 is the header), got 1"), outside.err());
    }

    @Test
    void evaluateRefusesOtherColumnsAndNetworksWithoutCsvData() throws IOException {
        Path net = trainIris();
        Path other = write("other.csv", "sepal_width,sepal_length,petal_length,petal_width,species\n1,2,3,4,setosa\n");
        CliHarness.Result r = CliHarness.run("evaluate", "--network", net.toString(), "--data", other.toString());
        assertEquals(1, r.code());
        assertEquals("purenet: " + other + ": the feature columns are [sepal_width, sepal_length, petal_length, petal_width]"
                + " but the network was trained on [sepal_length, sepal_width, petal_length, petal_width] (label 'species');"
                + " give a file with the same columns in the same order" + System.lineSeparator(), r.err());
        Path unknown = write("unknown.csv", HEADER + "\n1,2,3,4,daisy\n");
        CliHarness.Result u = CliHarness.run("evaluate", "--network", net.toString(), "--data", unknown.toString());
        assertEquals("purenet: " + unknown + ": row 2, column 'species': 'daisy' is not one of the network's classes"
                + " [setosa, versicolor, virginica]" + System.lineSeparator(), u.err());
        Path plain = dir.resolve("plain.json");
        Snapshots.write(plain, Snapshots.read(net));
        CliHarness.Result p = CliHarness.run("evaluate", "--network", plain.toString(), "--data", dir.resolve("iris.csv").toString());
        assertEquals(1, p.code());
        assertTrue(p.err().startsWith("purenet: " + plain + ": the network records no CSV data (no \"data\" field)"), p.err());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "empty file|\"\"|the file is empty; expected a header row naming the columns, then one row per example",
        "header only|\"a,b,label\n\"|the file has a header (row 1) but no example rows",
        "missing label column|\"a,b,kind\n1,2,x\n\"|row 1 (the header) has no column 'label' (the --label); columns found: a, b, kind",
        "duplicate column|\"a,b,a,label\n1,2,3,x\n\"|row 1 (the header): column 'a' appears twice, as columns 1 and 3",
        "short row|\"a,b,label\n1,2,x\n3,y\n\"|row 3 has 2 values but the header has 3 columns; column 'label' has no value",
        "long row|\"a,b,label\n1,2,x\n3,4,y,5\n\"|row 3 has 4 values but the header has 3 columns; the extra value '5' is in column 4",
        "non-numeric cell|\"a,b,label\n1,2,x\n3,four,y\n\"|row 3, column 'b': 'four' is not a number; feature columns must be numeric",
        "empty cell|\"a,b,label\n1,,x\n\"|row 2, column 'b': the value is empty; feature columns must be numeric",
        "NaN cell|\"a,b,label\n1,NaN,x\n\"|row 2, column 'b': 'NaN' is not a number; feature columns must be numeric",
        "empty label|\"a,b,label\n1,2,\n\"|row 2, column 'label': the label is empty",
        "single class|\"a,b,label\n1,2,x\n3,4,x\n\"|column 'label' has a single class, 'x', in all 2 rows (rows 2 to 3); classification needs at least two",
        "label only|\"label\nx\ny\n\"|row 1 (the header) has only the label column 'label'; expected at least one feature column",
        "unnamed column|\"a,,label\n1,2,x\n\"|row 1 (the header), column 2 has no name",
    })
    void badFilesGetOneMessageNamingTheRowAndColumn(String name, String content, String message) throws IOException {
        Path csv = write("bad.csv", content);
        CliHarness.Result r = CliHarness.run("train", "--data", csv.toString(), "--label", "label", "--epochs", "1");
        assertEquals(1, r.code(), r.out());
        assertEquals("purenet: " + csv + ": " + message + System.lineSeparator(), r.err());
    }

    @Test
    void numericLabelsAreClassNamesSortedAsNumbers() throws IOException {
        CsvData.Table table = CsvData.read(write("n.csv", "x,y\n1,10\n2,9\n3,10\n4,2\n"), "y", true);
        assertEquals(List.of("2", "9", "10"), CsvData.classes(table));
        CsvData.Table words = CsvData.read(write("w.csv", "x,y\n1,b\n2,a\n3,c\n"), "y", true);
        assertEquals(List.of("a", "b", "c"), CsvData.classes(words));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "--hidden 10 --sizes 4,10,3|--hidden gives the hidden layers and --sizes all of them; use one, not both",
        "--sizes 5,10,3|--sizes must start with 4 (feature columns of DATA) and end with 3 (classes of 'species'), got 5,10,3; or give only the hidden layers with --hidden",
        "--validation 0|--validation must be a fraction between 0 and 1 (exclusive), got 0.0",
        "--validation 0.5 --test 0.5|--validation and --test together must hold out less than all the data, got 0.5 + 0.5",
        "--eval validation|--eval validation needs a validation part of the CSV file: add --validation X (e.g. 0.2)",
    })
    void usageErrors(String flags, String message) throws IOException {
        Path csv = write("iris.csv", irisLike(7));
        List<String> args = new ArrayList<>(List.of("train", "--data", csv.toString(), "--label", "species", "--epochs", "1"));
        args.addAll(List.of(flags.split(" ")));
        CliHarness.Result r = CliHarness.run(args.toArray(String[]::new));
        assertEquals(2, r.code(), r.out());
        assertTrue(r.err().startsWith("purenet: " + message.replace("DATA", csv.toString())), r.err());
    }

    @Test
    void csvFlagsNeedCsvDataAndCsvDataNeedsALabel() throws IOException {
        Path mnist = CliHarness.tinyMnist(dir);
        CliHarness.Result r = CliHarness.run("train", "--data", mnist.toString(), "--label", "y", "--epochs", "1");
        assertEquals(2, r.code());
        assertTrue(r.err().startsWith("purenet: --label applies to CSV data (--data FILE.csv); " + mnist
                + " is read as MNIST-format IDX files"), r.err());
        Path csv = write("iris.csv", irisLike(7));
        CliHarness.Result n = CliHarness.run("train", "--data", csv.toString(), "--epochs", "1");
        assertTrue(n.err().startsWith("purenet: --data " + csv + " is a CSV file; name its class column with --label COLUMN"), n.err());
    }

    @Test
    void withoutSplitsEvaluationIsOnTheTrainingDataAndSaysSo() throws IOException {
        Path csv = write("iris.csv", irisLike(7));
        CliHarness.Result r = CliHarness.run("train", "--data", csv.toString(), "--label", "species", "--epochs", "1");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().startsWith("Training 4-30-3 (sigmoid) on 150 rows of iris.csv (4 features, 3 classes of 'species';"
                + " 0 rows held out for validation, 0 for test)"), r.out());
        assertTrue(r.out().contains("evaluating on training data (no --validation or --test part: this measures fit, not"
                + " generalisation)"), r.out());
        assertTrue(r.out().contains(" / 150 ("), r.out());
    }

    @Test
    void aRecordedCsvRunReplaysAndResumesBitForBit() throws IOException {
        Path csv = write("iris.csv", irisLike(7));
        Path run = dir.resolve("run");
        CliHarness.Result r = CliHarness.run("train", "--data", csv.toString(), "--label", "species", "--hidden", "8",
                "--test", "0.2", "--standardize", "--epochs", "3", "--snapshots", run.toString());
        assertEquals(0, r.code(), r.err());
        CliHarness.Result replay = CliHarness.run("replay", run.toString(), "--verify");
        assertEquals(0, replay.code(), replay.out() + replay.err());
        Files.delete(run.resolve("epoch-0003.json"));
        CliHarness.Result resume = CliHarness.run("train", "--resume", run.toString());
        assertEquals(0, resume.code(), resume.err());
        assertTrue(resume.out().startsWith("Resuming " + run + " from epoch 2"), resume.out());
        assertEquals(0, CliHarness.run("replay", run.toString(), "--verify").code());
        // Another file (here: one changed value) is refused by the data fingerprint.
        Files.writeString(csv, Files.readString(csv).replaceFirst("\n\\d+\\.\\d+,", "\n9.99,"));
        CliHarness.Result changed = CliHarness.run("replay", run.toString());
        assertEquals(1, changed.code());
        assertTrue(changed.err().contains("is not the run's"), changed.err());
    }

    @Test
    void aResumedCsvRunWithoutATestSplitWritesNoReport() throws IOException {
        Path csv = write("iris.csv", irisLike(8));
        Path run = dir.resolve("run");
        CliHarness.Result r = CliHarness.run("train", "--data", csv.toString(), "--label", "species", "--hidden", "8",
                "--validation", "0.2", "--epochs", "2", "--snapshots", run.toString());
        assertEquals(0, r.code(), r.err());
        Path report = dir.resolve("report");
        CliHarness.Result resume = CliHarness.run("train", "--resume", run.toString(), "--report", report.toString());
        assertEquals(2, resume.code(), resume.out());
        assertTrue(resume.err().startsWith("purenet: --report with CSV data needs a --test split, and " + run
                + " was recorded without one"), resume.err());
        assertTrue(Files.notExists(report));
    }
}
