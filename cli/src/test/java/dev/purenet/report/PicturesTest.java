package dev.purenet.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.purenet.data.Dataset;
import dev.purenet.math.Matrix;
import dev.purenet.train.ConfusionMatrix;
import dev.purenet.train.ConfusionMatrix.Mistake;
import io.vavr.control.Option;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.util.List;
import org.junit.jupiter.api.Test;

class PicturesTest {
    private static final int GAP = 6;

    @Test
    void weightsAreRedWhenPositiveBlueWhenNegativeScaledPerNeuron() {
        double[][] rows = new double[2][4];
        rows[0][0] = 2;
        rows[0][1] = -2;
        rows[0][2] = 1;
        rows[1][3] = 0.001;
        BufferedImage image = DigitImages.weights(Matrix.of(rows));
        int s = DigitImages.SCALE;
        // Neuron 0 at the top left: pixels (0,0) (0,1) (1,0) (1,1) of a 2x2 image.
        assertEquals(new Color(255, 0, 0), pixel(image, GAP, GAP));
        assertEquals(new Color(0, 0, 255), pixel(image, GAP + s, GAP));
        assertEquals(new Color(255, 128, 128), pixel(image, GAP, GAP + s));
        assertEquals(Color.WHITE, pixel(image, GAP + s, GAP + s));
        // Neuron 1 beside it: its one tiny weight is its largest, so full red.
        int x1 = GAP + 2 * s + GAP;
        assertEquals(new Color(255, 0, 0), pixel(image, x1 + s, GAP + s));
        assertEquals(Color.WHITE, pixel(image, x1, GAP));
    }

    @Test
    void misclassifiedDigitsAreDarkInkOnWhiteWithACaption() {
        byte[] pixels = new byte[2 * 4];
        pixels[4] = (byte) 255; // example 1, pixel (0,0) fully on
        Dataset data = Dataset.ofBytes(4, pixels, new int[] {0, 1}, 3);
        BufferedImage image = DigitImages.misclassified(data, List.of(new Mistake(1, 1, 2)));
        assertEquals(Color.BLACK, pixel(image, GAP, GAP));
        assertEquals(Color.WHITE, pixel(image, GAP + DigitImages.SCALE, GAP));
        int captionDark = 0;
        for (int y = GAP + 2 * DigitImages.SCALE; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                captionDark += pixel(image, x, y).getRed() < 128 ? 1 : 0;
            }
        }
        assertTrue(captionDark > 10, "the caption is drawn");
        ReportTest.assertNotBlank(DigitImages.misclassified(data, List.of()));
    }

    @Test
    void onlySquareNumbersOfInputsAreImages() {
        assertEquals(Option.some(28), DigitImages.side(784));
        assertEquals(Option.none(), DigitImages.side(785));
        var e = assertThrows(IllegalArgumentException.class, () -> DigitImages.weights(Matrix.zeros(3, 5)));
        assertEquals("expected the first layer's inputs to be square images (784 = 28x28 pixels, say), got 5 values each",
                e.getMessage());
    }

    @Test
    void confusionCsvHasAHeaderAndOneRowPerActualClass() {
        ConfusionMatrix m = ConfusionMatrix.of(3, new int[] {0, 0, 2, 1, 0}, new int[] {0, 1, 2, 2, 0});
        assertEquals("actual\\predicted,0,1,2\n0,2,1,0\n1,0,0,1\n2,0,0,1\n", ConfusionCharts.csv(m));
        BufferedImage heatMap = ConfusionCharts.heatMap(m);
        ReportTest.assertNotBlank(heatMap);
    }

    private static Color pixel(BufferedImage image, int x, int y) {
        return new Color(image.getRGB(x, y));
    }
}
