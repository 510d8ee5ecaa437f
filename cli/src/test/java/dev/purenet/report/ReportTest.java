package dev.purenet.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.purenet.Network;
import dev.purenet.Seed;
import dev.purenet.data.Dataset;
import dev.purenet.math.Matrix;
import dev.purenet.math.Rng;
import dev.purenet.train.ConfusionMatrix;
import io.vavr.control.Option;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

class ReportTest {
    private static final int EXAMPLES = 40;

    @TempDir
    Path dir;

    /** Random 28x28 "images" with labels 0-9 in turn. */
    static Dataset images() {
        Rng rng = new Rng(5);
        byte[] pixels = new byte[784 * EXAMPLES];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (byte) rng.nextInt(256);
        }
        int[] labels = new int[EXAMPLES];
        for (int i = 0; i < EXAMPLES; i++) {
            labels[i] = i % 10;
        }
        return Dataset.ofBytes(784, pixels, labels, 10);
    }

    static Network network() {
        return Network.of(784, 5, 10).sigmoid().scaled(Seed.seed(1));
    }

    /** Five epochs with every metric measured; epoch 3 is the best on the validation data. */
    static RunHistory fullHistory() {
        double[] accuracy = {0.5, 0.7, 0.9, 0.8, 0.85};
        List<EpochPoint> points = new ArrayList<>();
        for (int e = 1; e <= 5; e++) {
            points.add(new EpochPoint(e, Option.some(1.0 / e), Option.some(0.1 + 0.15 * e),
                    Option.some(1.2 / e), Option.some(accuracy[e - 1])));
        }
        return new RunHistory("validation", points);
    }

    static ReportInput input(RunHistory history) {
        Map<String, String> configuration = new LinkedHashMap<>();
        configuration.put("sizes", "784,5,10");
        configuration.put("note", "<script>alert('x')</script> & \"more\"");
        return ReportInput.of(history, configuration, network(), images(), "test");
    }

    @Test
    void writesEveryFileAndEveryPictureHasContent() throws Exception {
        ReportInput input = input(fullHistory());
        Path index = Report.write(dir, input);
        assertEquals(dir.resolve("index.html"), index);

        BufferedImage curves = decode("curves.png");
        assertEquals(Curves.WIDTH, curves.getWidth());
        assertEquals(2 * Curves.HEIGHT, curves.getHeight(), "an accuracy chart above a cost chart");
        BufferedImage weights = decode("weights.png");
        // 5 neurons: 3 columns, 2 rows of 84-pixel images with 6-pixel gaps.
        assertEquals(6 + 3 * 90, weights.getWidth());
        assertEquals(6 + 2 * 90, weights.getHeight());
        int mistakes = EXAMPLES - input.confusion().correct();
        BufferedImage misclassified = decode("misclassified.png");
        assertEquals(6 + Math.min(10, mistakes) * 90, misclassified.getWidth());
        BufferedImage confusion = decode("confusion.png");
        for (BufferedImage image : List.of(curves, weights, misclassified, confusion)) {
            assertNotBlank(image);
        }

        Document svg = parseXml(dir.resolve("curves.svg"));
        assertEquals("svg", svg.getDocumentElement().getLocalName());
        assertEquals("0 0 800 800", svg.getDocumentElement().getAttribute("viewBox"));
    }

    @Test
    void csvCountsAddUpToTheDataAndItsDiagonalToTheCorrectOnes() throws IOException {
        ReportInput input = input(fullHistory());
        Report.write(dir, input);
        List<String> lines = Files.readAllLines(dir.resolve("confusion.csv"));
        assertEquals("actual\\predicted,0,1,2,3,4,5,6,7,8,9", lines.get(0));
        assertEquals(11, lines.size());
        int sum = 0;
        int diagonal = 0;
        for (int a = 0; a < 10; a++) {
            String[] cells = lines.get(a + 1).split(",");
            assertEquals(11, cells.length);
            assertEquals(Integer.toString(a), cells[0]);
            for (int p = 0; p < 10; p++) {
                int count = Integer.parseInt(cells[p + 1]);
                sum += count;
                diagonal += a == p ? count : 0;
            }
        }
        assertEquals(EXAMPLES, sum);
        assertEquals(input.confusion().correct(), diagonal);
    }

    @Test
    void indexReferencesOnlyFilesThatExistAndEscapesTheConfiguration() throws IOException {
        Report.write(dir, input(fullHistory()));
        String html = Files.readString(dir.resolve("index.html"));
        Set<String> referenced = references(html);
        assertEquals(Set.of("curves.png", "curves.svg", "confusion.png", "confusion.csv", "misclassified.png",
                "weights.png"), referenced);
        for (String name : referenced) {
            assertTrue(Files.isRegularFile(dir.resolve(name)), name + " is referenced but missing");
        }
        assertFalse(html.contains("<script"), "the configuration value must be escaped");
        assertTrue(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;more&quot;"), html);
        assertTrue(html.contains("<tr><th>best epoch (validation accuracy)</th><td>3</td></tr>"), html);
        assertTrue(html.contains("<tr><th>best validation accuracy</th><td>90.00%</td></tr>"), html);
        assertTrue(html.contains("<tr><th>final validation accuracy</th><td>85.00% (epoch 5)</td></tr>"), html);
    }

    @Test
    void withoutMeasurementsThereAreNoCurvesAndThePageSaysSo() throws IOException {
        Report.write(dir, input(new RunHistory("test", List.of())));
        assertFalse(Files.exists(dir.resolve("curves.png")));
        String html = Files.readString(dir.resolve("index.html"));
        assertTrue(html.contains("No accuracy or cost was measured"), html);
        assertTrue(html.contains("<td>not measured</td>"), html);
        for (String name : references(html)) {
            assertTrue(Files.isRegularFile(dir.resolve(name)), name + " is referenced but missing");
        }
    }

    @Test
    void inputsThatAreNotSquareImagesGetNoDigitOrWeightPictures() throws IOException {
        Rng rng = new Rng(2);
        Dataset data = Dataset.of(Matrix.generate(5, 12, (i, j) -> rng.nextDouble()), new int[12], 2);
        Network network = Network.of(5, 3, 2).sigmoid().scaled(Seed.seed(3));
        Report.write(dir, ReportInput.of(fullHistory(), Map.of(), network, data, "test"));
        assertFalse(Files.exists(dir.resolve("misclassified.png")));
        assertFalse(Files.exists(dir.resolve("weights.png")));
        String html = Files.readString(dir.resolve("index.html"));
        assertTrue(html.contains("5 inputs per example do not form a square image"), html);
        assertEquals(Set.of("curves.png", "curves.svg", "confusion.png", "confusion.csv"), references(html));
    }

    @Test
    void rewritingAReportReplacesItsFilesAndKeepsEverythingElse() throws IOException {
        Path notes = dir.resolve("notes.txt");
        Files.writeString(notes, "keep me");
        Files.writeString(dir.resolve("index.html"), "stale");
        Report.write(dir, input(fullHistory()));
        String first = Files.readString(dir.resolve("index.html"));
        assertNotEquals("stale", first);
        Report.write(dir, input(new RunHistory("test", List.of(EpochPoint.evaluationAccuracy(1, 0.25)))));
        assertEquals("keep me", Files.readString(notes));
        assertTrue(Files.readString(dir.resolve("index.html")).contains("best test accuracy</th><td>25.00%"));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(), files.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(".")).toList(),
                    "no temporary files left behind");
        }
    }

    @Test
    void aDirectoryThatCannotBeCreatedIsNamedInTheError() throws IOException {
        Path blocker = Files.writeString(dir.resolve("blocker"), "a regular file");
        Path target = blocker.resolve("report");
        var e = assertThrows(UncheckedIOException.class, () -> Report.write(target, input(fullHistory())));
        assertEquals("cannot write a report into " + target + ": " + blocker.toAbsolutePath()
                + " is a file, expected a directory", e.getMessage());
        e = assertThrows(UncheckedIOException.class, () -> Report.write(blocker, input(fullHistory())));
        assertTrue(e.getMessage().startsWith("cannot write a report into " + blocker + ": "), e.getMessage());
        assertEquals("a regular file", Files.readString(blocker));
    }

    @Test
    void inputMustDescribeOneDataSet() {
        Dataset data = images();
        ConfusionMatrix other = ConfusionMatrix.of(10, new int[] {1}, new int[] {1});
        Matrix weights = network().layers().head().parameters().get(0);
        var e = assertThrows(IllegalArgumentException.class,
                () -> new ReportInput(fullHistory(), Map.of(), data, "test", other, weights));
        assertEquals("the confusion matrix covers 1 examples of 10 classes but the data has 40 examples of 10 classes",
                e.getMessage());
        ConfusionMatrix confusion = ConfusionMatrix.of(network(), data);
        e = assertThrows(IllegalArgumentException.class,
                () -> new ReportInput(fullHistory(), Map.of(), data, "test", confusion, Matrix.zeros(5, 10)));
        assertEquals("expected first-layer weights with 784 columns (one per input of the data) or a square filter's pixels,"
                + " got 5x10", e.getMessage());
    }

    @Test
    void aConvolutionalNetworksReportDrawsItsFilters() throws Exception {
        Network conv = dev.purenet.Architecture.layers("conv 6x5x5 relu, pool 2, dense 8 relu, softmax 10", 1, 28, 28)
                .initialize(dev.purenet.Init.scaled(), Seed.seed(2));
        ReportInput input = ReportInput.of(fullHistory(), Map.of(), conv, images(), "test");
        assertTrue(input.drawsFilters());
        assertEquals(conv.layers().head().parameters().get(0), input.firstLayerWeights());
        Report.write(dir, input);
        BufferedImage filters = decode("weights.png");
        // 6 filters of 5x5 pixels drawn 3 times larger: 3 columns, 2 rows of 15-pixel images with 6-pixel gaps.
        assertEquals(6 + 3 * 21, filters.getWidth());
        assertEquals(6 + 2 * 21, filters.getHeight());
        assertNotBlank(filters);
        String index = Files.readString(dir.resolve("index.html"));
        assertTrue(index.contains("<h2>First-layer filters</h2>") && !index.contains("First-layer weights"), index);
        assertFalse(ReportInput.of(fullHistory(), Map.of(), network(), images(), "test").drawsFilters());
        Network threeChannels = new Network(io.vavr.collection.Vector.of(
                new dev.purenet.ConvPool(Matrix.zeros(2, 12), Matrix.zeros(2, 1), dev.purenet.Activation.relu(), 3, 16, 16, 2, 1),
                new dev.purenet.Dense(Matrix.zeros(10, 450), Matrix.zeros(10, 1), dev.purenet.Activation.softmax())));
        var e = assertThrows(IllegalArgumentException.class, () -> ReportInput.firstLayerImages(threeChannels));
        assertTrue(e.getMessage().startsWith("a report draws the first layer's weights as images, one per neuron or per one-channel"
                + " filter, which a conv-pool layer (3x16x16 -> 2x15x15"), e.getMessage());
    }

    private BufferedImage decode(String name) throws IOException {
        BufferedImage image = ImageIO.read(dir.resolve(name).toFile());
        assertTrue(image != null, name + " is not a readable image");
        return image;
    }

    /** More than one colour, and some pixels differ from the top-left (background) one. */
    static void assertNotBlank(BufferedImage image) {
        Set<Integer> colours = new HashSet<>();
        int background = image.getRGB(0, 0);
        int differing = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int rgb = image.getRGB(x, y);
                colours.add(rgb);
                differing += rgb != background ? 1 : 0;
            }
        }
        assertTrue(colours.size() > 1, "only one colour");
        assertTrue(differing > 100, "only " + differing + " pixels differ from the background");
    }

    static Document parseXml(Path file) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        // The SVG names the W3C DTD; tests must not go to the network for it.
        factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        return factory.newDocumentBuilder().parse(file.toFile());
    }

    /** Every src= and href= value in the page; each must be a plain relative file name. */
    static Set<String> references(String html) {
        Set<String> names = new HashSet<>();
        Matcher m = Pattern.compile("\\b(?:src|href)\\s*=\\s*\"([^\"]*)\"").matcher(html);
        while (m.find()) {
            String name = m.group(1);
            assertFalse(name.contains(":") || name.startsWith("/") || name.contains(".."), "not a local file: " + name);
            names.add(name);
        }
        return names;
    }
}
