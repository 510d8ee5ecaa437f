package dev.purenet.report;

import dev.purenet.data.Dataset;
import dev.purenet.math.Matrix;
import dev.purenet.train.ConfusionMatrix.Mistake;
import io.vavr.control.Option;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.List;

/**
 * Square images drawn pixel by pixel: misclassified examples with their labels, and each
 * hidden neuron's first-layer weights. Pixel k of an image is row {@code k / side}, column
 * {@code k % side} (the IDX layout).
 */
final class DigitImages {
    /** Screen pixels per image pixel: 28x28 digits become 84x84. */
    static final int SCALE = 3;
    private static final int GAP = 6;
    private static final int LABEL_HEIGHT = 18;
    private static final int DIGITS_PER_ROW = 10;
    private static final Color FRAME = new Color(0xCCCCCC);
    private static final Color WEIGHTS_BACKGROUND = new Color(0xDDDDDD);

    private DigitImages() {}

    /** The side of a square image of {@code features} pixels; none when that is not a square number. */
    static Option<Integer> side(int features) {
        int side = (int) Math.round(Math.sqrt(features));
        return side * side == features ? Option.some(side) : Option.none();
    }

    private static int requireSide(int features, String what) {
        return side(features).getOrElseThrow(() -> new IllegalArgumentException("expected " + what
                + " to be square images (784 = 28x28 pixels, say), got " + features + " values each"));
    }

    /**
     * The given examples of {@code data} in rows of ten, dark ink on white, each captioned
     * {@code actual → predicted}.
     */
    static BufferedImage misclassified(Dataset data, List<Mistake> mistakes) {
        int side = requireSide(data.features(), "the examples");
        if (mistakes.isEmpty()) {
            return message("no misclassified examples");
        }
        int cell = side * SCALE;
        int columns = Math.min(DIGITS_PER_ROW, mistakes.size());
        int rows = (mistakes.size() + columns - 1) / columns;
        BufferedImage image = new BufferedImage(GAP + columns * (cell + GAP), GAP + rows * (cell + LABEL_HEIGHT + GAP),
                BufferedImage.TYPE_INT_RGB);
        Graphics2D g = Png.graphics(image);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, image.getWidth(), image.getHeight());
        // DejaVu and most fonts have the arrow; a font without it still gives a readable caption.
        String arrow = g.getFont().canDisplay('\u2192') ? " \u2192 " : " -> ";
        for (int k = 0; k < mistakes.size(); k++) {
            Mistake m = mistakes.get(k);
            int x = GAP + (k % columns) * (cell + GAP);
            int y = GAP + (k / columns) * (cell + LABEL_HEIGHT + GAP);
            double[] pixels = data.input(m.index()).toColumnMajorArray();
            for (int p = 0; p < pixels.length; p++) {
                int ink = (int) Math.round(255 * (1 - Math.min(1, Math.max(0, pixels[p]))));
                fillPixel(image, x, y, p / side, p % side, new Color(ink, ink, ink).getRGB());
            }
            g.setColor(FRAME);
            g.drawRect(x - 1, y - 1, cell + 1, cell + 1);
            g.setColor(Color.BLACK);
            Png.centered(g, m.actual() + arrow + m.predicted(), x + cell / 2, y + cell + LABEL_HEIGHT - 4);
        }
        g.dispose();
        return image;
    }

    /**
     * Row k of {@code weights} (neuron k's weights on the input pixels) as image k, in a
     * near-square grid, neuron order row by row. Each neuron is scaled by its own largest
     * |weight|: red positive, blue negative, white zero.
     */
    static BufferedImage weights(Matrix weights) {
        int side = requireSide(weights.cols(), "the first layer's inputs");
        int neurons = weights.rows();
        int cell = side * SCALE;
        int columns = (int) Math.ceil(Math.sqrt(neurons));
        int rows = (neurons + columns - 1) / columns;
        BufferedImage image = new BufferedImage(GAP + columns * (cell + GAP), GAP + rows * (cell + GAP),
                BufferedImage.TYPE_INT_RGB);
        Graphics2D g = Png.graphics(image);
        g.setColor(WEIGHTS_BACKGROUND);
        g.fillRect(0, 0, image.getWidth(), image.getHeight());
        g.dispose();
        double[][] w = weights.toRowArrays();
        for (int k = 0; k < neurons; k++) {
            int x = GAP + (k % columns) * (cell + GAP);
            int y = GAP + (k / columns) * (cell + GAP);
            double largest = 0;
            for (double v : w[k]) {
                largest = Math.max(largest, Math.abs(v));
            }
            for (int p = 0; p < w[k].length; p++) {
                fillPixel(image, x, y, p / side, p % side, diverging(largest == 0 ? 0 : w[k][p] / largest));
            }
        }
        return image;
    }

    /** White at 0, pure red at +1, pure blue at -1. */
    private static int diverging(double t) {
        int fade = (int) Math.round(255 * (1 - Math.abs(t)));
        return t >= 0 ? new Color(255, fade, fade).getRGB() : new Color(fade, fade, 255).getRGB();
    }

    private static void fillPixel(BufferedImage image, int x, int y, int row, int col, int rgb) {
        for (int dy = 0; dy < SCALE; dy++) {
            for (int dx = 0; dx < SCALE; dx++) {
                image.setRGB(x + col * SCALE + dx, y + row * SCALE + dy, rgb);
            }
        }
    }

    /** A one-line picture, for when there is nothing to show. */
    static BufferedImage message(String text) {
        BufferedImage image = new BufferedImage(320, 40, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = Png.graphics(image);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, image.getWidth(), image.getHeight());
        g.setColor(Color.BLACK);
        Png.centered(g, text, image.getWidth() / 2, 25);
        g.dispose();
        return image;
    }
}
