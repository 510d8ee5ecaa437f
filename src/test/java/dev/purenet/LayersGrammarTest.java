package dev.purenet;

import static dev.purenet.Seed.seed;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.purenet.data.Synthetic;
import dev.purenet.io.Experiments;
import dev.purenet.io.Network2Format;
import dev.purenet.io.Snapshots;
import dev.purenet.math.Matrix;
import dev.purenet.train.Experiment;
import io.vavr.collection.Vector;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@link Architecture#layers}: the {@code --layers} grammar, its networks and their files. */
class LayersGrammarTest {
    private static final String ONE_CONV = "conv 20x5x5 sigmoid, pool 2, dense 100 sigmoid, softmax 10";
    private static final String TWO_CONV = "conv 20x5x5 relu, pool 2, conv 40x5x5 relu, pool 2, dense 100 relu dropout 0.5, softmax 10";

    @Test
    void theBooksFirstConvolutionalNetwork() {
        Architecture a = Architecture.layers(ONE_CONV, 1, 28, 28);
        assertEquals(Vector.of(784, 20 * 12 * 12, 100, 10), a.sizes());
        assertEquals(Vector.of(Activation.sigmoid(), Activation.sigmoid(), Activation.softmax()), a.activations());
        assertEquals(Vector.of(new LayerForm.ConvPool(1, 28, 28, 20, 5, 2), LayerForm.PLAIN, LayerForm.PLAIN), a.forms());
        assertEquals(ONE_CONV, a.describeLayers());
        assertEquals("784 -> " + ONE_CONV, a.toString());
    }

    @Test
    void theBooksDropoutNetworkChainsTheSecondConvolutionOnTheFirstsPooledMaps() {
        Architecture a = Architecture.layers(TWO_CONV, 1, 28, 28);
        assertEquals(Vector.of(784, 2880, 40 * 4 * 4, 100, 10), a.sizes());
        assertEquals(new LayerForm.ConvPool(20, 12, 12, 40, 5, 2), a.forms().get(1));
        assertEquals(new LayerForm.Dense(0.5), a.forms().get(2));
        assertEquals(TWO_CONV, a.describeLayers());
        assertEquals(a, Architecture.layers(a.describeLayers(), 1, 28, 28));
    }

    @Test
    void otherSizesSpacingAndDenseOnlyDescriptions() {
        Architecture a = Architecture.layers("  conv 3x3x3 tanh,pool 1 ,  conv 2x2x2 identity , dense 7 relu,softmax 4 dropout 0.25", 2, 9, 8);
        assertEquals(Vector.of(144, 3 * 7 * 6, 2 * 6 * 5, 7, 4), a.sizes());
        assertEquals("conv 3x3x3 tanh, conv 2x2x2 identity, dense 7 relu, softmax 4 dropout 0.25", a.describeLayers());
        Architecture dense = Architecture.layers("dense 30 sigmoid, dense 10 sigmoid", 784);
        assertEquals(Network.of(784, 30, 10), dense);
        assertTrue(dense.isPlain());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "|expected layers such as \"dense 30 sigmoid, softmax 10\", got an empty description",
            "pool 2, dense 10 sigmoid|layer item 1 \"pool 2\": pool must follow a conv layer (once), but it follows the input",
            "conv 4x3x3 relu, pool 2, pool 2, softmax 10|layer item 3 \"pool 2\": pool must follow a conv layer (once), but it follows a pool",
            "dense 30 relu, conv 4x3x3 relu, softmax 10|layer item 2 \"conv 4x3x3 relu\": a conv layer needs an image as input (the input images, or a conv layer's maps), but it follows a dense layer",
            "conv 20x5 relu, softmax 10|layer item 1 \"conv 20x5 relu\": expected MAPSxKxK such as 20x5x5, got 20x5",
            "conv 20x5x4 relu, softmax 10|layer item 1 \"conv 20x5x4 relu\": filters must be square (network3.py's are), got 5x4",
            "conv 20x5x5, softmax 10|layer item 1 \"conv 20x5x5\": expected conv MAPSxKxK ACTIVATION, e.g. conv 20x5x5 sigmoid, got 2 words",
            "conv 20x29x29 relu, softmax 10|layer item 1 \"conv 20x29x29 relu\": a 29x29 filter does not fit a 28x28 image (its input is 1x28x28)",
            "conv 20x5x5 relu, pool 25, softmax 10|layer item 2 \"pool 25\": pool 25 is larger than the 24x24 output of a 5x5 filter over 28x28 (its input is 1x28x28)",
            "conv 0x5x5 relu, softmax 10|layer item 1 \"conv 0x5x5 relu\": expected a positive whole number of feature maps, got 0",
            "dense ten relu, softmax 10|layer item 1 \"dense ten relu\": expected a positive whole number of neurons, got ten",
            "dense 100 relu dropout 1.5, softmax 10|layer item 1 \"dense 100 relu dropout 1.5\": expected a dropout probability from 0 to below 1, got 1.5",
            "dense 100 relu dropped 0.5, softmax 10|layer item 1 \"dense 100 relu dropped 0.5\": expected dense N ACTIVATION [dropout P], e.g. dense 100 relu, got extra words after the activation",
            "softmax 10 sigmoid|layer item 1 \"softmax 10 sigmoid\": expected softmax N [dropout P], e.g. softmax 10, got extra words after the size",
            "maxout 3, softmax 10|layer item 1 \"maxout 3\": expected a layer starting with conv, pool, dense or softmax, got \"maxout\"",
            "dense 10 relu,, softmax 10|layer item 2 \"\": expected a layer starting with conv, pool, dense or softmax, got nothing"})
    void badDescriptionsNameTheItemWhatWasExpectedAndWhatWasFound(String description, String message) {
        var e = assertThrows(IllegalArgumentException.class, () -> Architecture.layers(description == null ? "" : description, 1, 28, 28));
        assertEquals(message, e.getMessage());
    }

    @Test
    void anUnknownActivationListsTheKnownOnes() {
        var e = assertThrows(IllegalArgumentException.class, () -> Architecture.layers("dense 10 swish", 4));
        assertTrue(e.getMessage().startsWith("layer item 1 \"dense 10 swish\": unknown activation 'swish'"), e.getMessage());
    }

    @Test
    void convolutionNeedsAnImage() {
        var e = assertThrows(IllegalArgumentException.class, () -> Architecture.layers("conv 2x3x3 relu, softmax 2", 64));
        assertEquals("layer item 1 \"conv 2x3x3 relu\": a conv layer needs an image as input (the input images, or a conv layer's maps),"
                + " but the input has no image shape", e.getMessage());
    }

    @Test
    void initializingDrawsEachLayerFromItsOwnSeedWithTheFiltersFanIn() {
        Network network = Architecture.layers("conv 3x3x3 relu, pool 2, dense 5 relu dropout 0.5, softmax 2", 1, 8, 8)
                .initialize(Init.scaled(), seed(4));
        ConvPool conv = assertInstanceOf(ConvPool.class, network.layers().get(0));
        assertEquals("3x9", conv.weights().shape());
        assertEquals(Init.scaled().weights(3, 9, seed(4).derive(0).rng()), conv.weights());
        Dense dense = assertInstanceOf(Dense.class, network.layers().get(1));
        assertEquals(0.5, dense.dropout());
        assertEquals(Init.scaled().weights(5, 27, seed(4).derive(1).rng()), dense.weights());
    }

    /**
     * network3.py's initialisation: N(0, 1/n_out) weights with n_out = maps·k²/pool² for a conv
     * (integer division: 3·9/4 = 6) and outputs for a dense layer, N(0, 1) biases, the softmax
     * layer at zero. Each layer's draws are those of N(0, 1) from its own seed, scaled.
     */
    @Test
    void network3InitialisesWithTheFanOutAndASoftmaxAtZero() {
        Network network = Architecture.layers("conv 20x5x5 relu, pool 2, conv 3x3x3 relu, pool 2, dense 7 relu dropout 0.5, softmax 4",
                1, 28, 28).initialize(Init.network3(), seed(3));
        int[][] shapes = {{20, 25}, {3, 180}, {7, 75}};
        double[] fanOut = {20 * 25 / 4, 6, 7};
        for (int k = 0; k < 3; k++) {
            var rng = seed(3).derive(k).rng();
            Matrix standard = Init.gaussian().weights(shapes[k][0], shapes[k][1], rng);
            Matrix biases = Init.gaussian().biases(shapes[k][0], rng);
            Layer layer = network.layers().get(k);
            assertEquals(standard.scale(1 / Math.sqrt(fanOut[k])), layer.parameters().get(0), "layer " + (k + 1) + "'s weights");
            assertEquals(biases, layer.parameters().get(1), "layer " + (k + 1) + "'s biases");
        }
        Layer softmax = network.layers().get(3);
        assertEquals(Matrix.zeros(4, 7), softmax.parameters().get(0));
        assertEquals(Matrix.zeros(4, 1), softmax.parameters().get(1));
        assertEquals(Init.network3(), Init.named("network3"));
        // Network.of and the dense architectures take the same path: n_out is the layer's outputs.
        Network dense = Network.of(6, 5, 3).activations(Activation.relu(), Activation.softmax()).initialize(Init.network3(), seed(1));
        assertEquals(Init.gaussian().weights(5, 6, seed(1).derive(0).rng()).scale(1 / Math.sqrt(5)), dense.layers().get(0).parameters().get(0));
        assertEquals(Matrix.zeros(3, 5), dense.layers().get(1).parameters().get(0));
    }

    @Test
    void snapshotsOfNewLayerKindsAreVersion3AndReadBackEqual(@TempDir Path dir) {
        Network network = Architecture.layers(TWO_CONV.replace("20x", "2x").replace("40x", "3x").replace("100", "6"), 1, 28, 28)
                .initialize(Init.scaled(), seed(2));
        Path file = dir.resolve("conv.json");
        Snapshots.write(file, network);
        assertEquals(network, Snapshots.read(file));
        String json = Snapshots.toJson(network);
        assertTrue(json.contains("\"version\" : 3"), json.substring(0, 80));
        assertTrue(json.contains("\"kind\" : \"conv-pool\""));
        assertTrue(json.contains("\"dropout\" : 0.5"));
        assertTrue(Snapshots.toJson(Network.of(3, 2).scaled(seed(1))).contains("\"version\" : 2"), "dense files stay version 2");
        Network float32 = network.withPrecision(Precision.FLOAT32);
        assertEquals(float32, Snapshots.fromJson(Snapshots.toJson(float32)));
    }

    @Test
    void aVersion2FileCannotCarryTheNewKinds() {
        String json = Snapshots.toJson(Architecture.layers("conv 2x3x3 relu, softmax 2", 1, 5, 5).initialize(Init.scaled(), seed(1)))
                .replace("\"version\" : 3", "\"version\" : 2");
        var e = assertThrows(dev.purenet.io.SnapshotException.class, () -> Snapshots.fromJson(json));
        assertEquals("<string>: layers[0].kind: unknown layer kind 'conv-pool' in a version 2 file, known: [dense]", e.getMessage());
    }

    @Test
    void experimentsRecordTheLayersAndReadBackEqual() {
        var data = Synthetic.rings(40, seed(1));
        Experiment dropout = Experiment.of(Architecture.layers("dense 8 relu dropout 0.3, softmax 3", 2), Init.he(), 5, data);
        String json = Experiments.toJson(dropout);
        assertTrue(json.contains("\"version\" : 3") && json.contains("\"layers\""), json);
        assertEquals(dropout, Experiments.fromJson(json));
        Experiment conv = dropout.withArchitecture(Architecture.layers(ONE_CONV, 1, 28, 28));
        assertEquals(conv, Experiments.fromJson(Experiments.toJson(conv)));
        Experiment plain = Experiment.of(Network.of(2, 4, 3), Init.he(), 5, data);
        assertTrue(Experiments.toJson(plain).contains("\"version\" : 2") && !Experiments.toJson(plain).contains("\"layers\""));
    }

    @Test
    void network2sFormatRefusesConvolutionsAndDropout(@TempDir Path dir) {
        Network conv = Architecture.layers("conv 2x3x3 sigmoid, dense 3 sigmoid", 1, 5, 5).initialize(Init.scaled(), seed(1));
        var e = assertThrows(IllegalArgumentException.class, () -> Network2Format.write(dir.resolve("a.json"), conv, Cost.crossEntropy()));
        assertEquals("layer 1 is a conv-pool layer: network2.py's format has only dense sigmoid layers; write purenet's format instead",
                e.getMessage());
        Network dropout = Architecture.layers("dense 4 sigmoid dropout 0.5, dense 3 sigmoid", 6).initialize(Init.scaled(), seed(1));
        e = assertThrows(IllegalArgumentException.class, () -> Network2Format.write(dir.resolve("b.json"), dropout, Cost.crossEntropy()));
        assertEquals("layer 1 (6 -> 4, sigmoid, dropout 0.5) has dropout: network2.py's format has no dropout, and its load() would"
                + " evaluate the layer unscaled; write purenet's format instead", e.getMessage());
        assertTrue(dir.toFile().list().length == 0, "nothing written");
    }
}
