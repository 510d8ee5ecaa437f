package dev.purenet.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.purenet.Cost;
import dev.purenet.Network;
import dev.purenet.Seed;
import dev.purenet.math.Matrix;
import dev.purenet.train.Evaluation;
import dev.purenet.train.Sgd;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link Dataset#expanded()}: expand_mnist.py's one-pixel moves, checked pixel by pixel. */
class ExpandedDataTest {
    /** One 3x4 image, pixel (r, c) = 4r + c + 1, so every moved pixel is recognisable; label 7 of 8 classes. */
    private static final Dataset ONE = Dataset.of(Matrix.column(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12), new int[] {7}, 8)
            .asImages(3, 4);

    @Test
    void eachImageIsFollowedByItsMovesDownUpRightLeftWithZeroEdges() {
        Dataset expanded = ONE.expanded();
        assertEquals(5, expanded.size());
        double[][] expected = {
            {1, 2, 3, 4, /**/ 5, 6, 7, 8, /**/ 9, 10, 11, 12},   // the image itself
            {0, 0, 0, 0, /**/ 1, 2, 3, 4, /**/ 5, 6, 7, 8},      // down: np.roll(image, 1, 0), row 0 zeroed
            {5, 6, 7, 8, /**/ 9, 10, 11, 12, /**/ 0, 0, 0, 0},   // up: np.roll(image, -1, 0), last row zeroed
            {0, 1, 2, 3, /**/ 0, 5, 6, 7, /**/ 0, 9, 10, 11},    // right: np.roll(image, 1, 1), column 0 zeroed
            {2, 3, 4, 0, /**/ 6, 7, 8, 0, /**/ 10, 11, 12, 0},   // left: np.roll(image, -1, 1), last column zeroed
        };
        for (int k = 0; k < 5; k++) {
            assertArrayEquals(expected[k], expanded.input(k).toColumnMajorArray(), "copy " + k);
        }
        assertArrayEquals(new int[] {7, 7, 7, 7, 7}, expanded.labels());
        assertEquals(8, expanded.classes());
        assertEquals(Optional.of(new ImageShape(3, 4)), expanded.imageShape());
    }

    @Test
    void bytesFromIdxMatchNumpysRollThenZeroOnEveryImage() {
        int rows = 5;
        int columns = 6;
        int count = 7;
        byte[] pixels = new byte[rows * columns * count];
        new Random(3).nextBytes(pixels);
        int[] labels = {0, 1, 2, 3, 4, 5, 6};
        Dataset images = Dataset.ofBytes(rows * columns, pixels, labels, 10).asImages(rows, columns);
        Dataset expanded = images.expanded();
        assertEquals(5 * count, expanded.size());
        int[][] moves = {{0, 0}, {1, 0}, {-1, 0}, {1, 1}, {-1, 1}}; // expand_mnist.py's (d, axis), after the image itself
        for (int i = 0; i < count; i++) {
            double[] image = images.input(i).toColumnMajorArray();
            for (int k = 0; k < 5; k++) {
                double[] wanted = k == 0 ? image : rollThenZero(image, rows, columns, moves[k][0], moves[k][1]);
                assertArrayEquals(wanted, expanded.input(5 * i + k).toColumnMajorArray(), "image " + i + ", copy " + k);
                assertEquals(labels[i], expanded.label(5 * i + k));
            }
        }
    }

    /** The script's step, written independently: out[(r + d) mod rows][c] = in[r][c] (or along columns), then the wrapped line zeroed. */
    private static double[] rollThenZero(double[] image, int rows, int columns, int d, int axis) {
        double[] out = new double[image.length];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < columns; c++) {
                int tr = axis == 0 ? Math.floorMod(r + d, rows) : r;
                int tc = axis == 1 ? Math.floorMod(c + d, columns) : c;
                out[tr * columns + tc] = image[r * columns + c];
            }
        }
        int zeroed = d > 0 ? 0 : (axis == 0 ? rows : columns) - 1; // index 0 for d = 1, 27 (the last) for d = -1
        for (int j = 0; j < (axis == 0 ? columns : rows); j++) {
            out[axis == 0 ? zeroed * columns + j : j * columns + zeroed] = 0;
        }
        return out;
    }

    @Test
    void aSliceExpandsOnlyItsOwnExamples() {
        Dataset two = Dataset.of(Matrix.of(new double[][] {{1, 5}, {2, 6}, {3, 7}, {4, 8}}), new int[] {0, 1}, 2).asImages(2, 2);
        Dataset second = two.slice(1, 2).expanded();
        assertEquals(5, second.size());
        assertArrayEquals(new double[] {5, 6, 7, 8}, second.input(0).toColumnMajorArray());
        assertArrayEquals(new double[] {0, 0, 5, 6}, second.input(1).toColumnMajorArray());
        assertArrayEquals(new int[] {1, 1, 1, 1, 1}, second.labels());
    }

    @Test
    void miniBatchesGatheredForTrainingHoldTheMovedImages() {
        Dataset expanded = ONE.expanded();
        int[] order = {4, 0, 3};
        double[] inputs = new double[12 * 3];
        double[] targets = new double[8 * 3];
        expanded.gather(order, 0, 3, inputs, targets);
        Matrix gathered = Matrix.fromColumnMajor(12, 3, inputs);
        assertEquals(expanded.inputs(order, 0, 3), gathered);
        assertEquals(expanded.input(4), gathered.column(0));
        assertEquals(expanded.input(3), gathered.column(2));
        assertEquals(1.0, targets[8 + 7]);
    }

    @Test
    void theFingerprintTellsExpandedFromPlainData() {
        assertNotEquals(ONE.fingerprint(), ONE.expanded().fingerprint());
        assertEquals(ONE.expanded().fingerprint(), ONE.expanded().fingerprint());
        assertEquals(ONE.fingerprint(), ONE.asImages(4, 3).fingerprint()); // the shape alone changes no computation
    }

    @Test
    void dataWithoutAnImageShapeIsRefusedWithWhatToDo() {
        Dataset flat = Dataset.of(Matrix.column(1, 2, 3, 4), new int[] {0}, 1);
        assertEquals(Optional.empty(), flat.imageShape());
        String message = assertThrows(IllegalStateException.class, flat::expanded).getMessage();
        assertTrue(message.contains("4 features per example and no shape: declare it with asImages(rows, columns)"), message);
        String wrong = assertThrows(IllegalArgumentException.class, () -> flat.asImages(3, 3)).getMessage();
        assertEquals("images of 3x3 pixels have 9 features, but this data set has 4 per example", wrong);
    }

    @Test
    void realValuedTargetsAreRepeatedToo() {
        Dataset regression = Dataset.regression(Matrix.of(new double[][] {{1, 5}, {2, 6}, {3, 7}, {4, 8}}), new double[] {0.5, -2})
                .asImages(2, 2).expanded();
        assertEquals(10, regression.size());
        assertEquals(Matrix.column(0.5), regression.target(4));
        assertEquals(Matrix.column(-2.0), regression.target(5));
    }

    @Test
    void mnistFilesKnowTheirShapeAndExpandOnlyTheTrainingPart(@TempDir Path dir) throws java.io.IOException {
        IdxFiles.mnistDirectory(dir, 10_020, 30, false);
        Mnist mnist = Mnist.load(dir);
        assertEquals(Optional.of(new ImageShape(2, 2)), mnist.training().imageShape());
        Mnist expanded = mnist.expanded();
        assertEquals(100, expanded.training().size());
        assertEquals(mnist.validation(), expanded.validation());
        assertEquals(mnist.test(), expanded.test());
    }

    @Test
    void aNetworkLearnsFromExpandedData() {
        // 4x4 images, class 0 bright in the left half, class 1 in the right: one-pixel moves keep most of the evidence.
        Random random = new Random(5);
        int count = 40;
        double[][] rows = new double[count][16];
        int[] labels = new int[count];
        for (int i = 0; i < count; i++) {
            labels[i] = i % 2;
            for (int p = 0; p < 16; p++) {
                boolean left = p % 4 < 2;
                rows[i][p] = (left == (labels[i] == 0) ? 0.6 : 0.0) + 0.4 * random.nextDouble();
            }
        }
        Dataset training = Dataset.ofRows(rows, labels, 2).asImages(4, 4).expanded();
        Network start = Network.of(16, 8, 2).sigmoid().gaussian(Seed.seed(2));
        Network trained = Sgd.eta(3.0).miniBatch(10).cost(Cost.quadratic()).epochs(start, training, Seed.seed(2))
                .get(20).network();
        assertTrue(Evaluation.of(trained, training).accuracy() > 0.9, Evaluation.of(trained, training).toString());
    }
}
