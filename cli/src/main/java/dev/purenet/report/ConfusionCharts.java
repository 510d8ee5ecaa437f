package dev.purenet.report;

import dev.purenet.train.ConfusionMatrix;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;

/** A confusion matrix as CSV and as a heat map with the counts written in the cells. */
final class ConfusionCharts {
    private static final int CELL = 44;
    private static final int LEFT = 64;
    private static final int TOP = 56;
    private static final int MARGIN = 12;

    private ConfusionCharts() {}

    /** {@code actual\predicted,0,...,9}, then one row per actual class: the class, then its counts. */
    static String csv(ConfusionMatrix m) {
        StringBuilder sb = new StringBuilder("actual\\predicted");
        for (int p = 0; p < m.classes(); p++) {
            sb.append(',').append(p);
        }
        sb.append('\n');
        for (int a = 0; a < m.classes(); a++) {
            sb.append(a);
            for (int p = 0; p < m.classes(); p++) {
                sb.append(',').append(m.count(a, p));
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    /**
     * Rows are actual classes, columns predicted ones. A cell's shade is its share of the row
     * (the actual class), on a square-root scale so that a 2% confusion is still visible next
     * to a 98% diagonal.
     */
    static BufferedImage heatMap(ConfusionMatrix m) {
        int n = m.classes();
        BufferedImage image = new BufferedImage(LEFT + n * CELL + MARGIN, TOP + n * CELL + MARGIN,
                BufferedImage.TYPE_INT_RGB);
        Graphics2D g = Png.graphics(image);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, image.getWidth(), image.getHeight());
        g.setColor(Color.BLACK);
        Png.centered(g, "predicted", LEFT + n * CELL / 2, 18);
        AffineTransform straight = g.getTransform();
        g.rotate(-Math.PI / 2);
        Png.centered(g, "actual", -(TOP + n * CELL / 2), 18);
        g.setTransform(straight);
        for (int k = 0; k < n; k++) {
            Png.centered(g, Integer.toString(k), LEFT + k * CELL + CELL / 2, TOP - 8);
            Png.centered(g, Integer.toString(k), LEFT - 14, TOP + k * CELL + CELL / 2 + 5);
        }
        for (int a = 0; a < n; a++) {
            int rowTotal = 0;
            for (int p = 0; p < n; p++) {
                rowTotal += m.count(a, p);
            }
            for (int p = 0; p < n; p++) {
                int count = m.count(a, p);
                double shade = rowTotal == 0 ? 0 : Math.sqrt((double) count / rowTotal);
                int x = LEFT + p * CELL;
                int y = TOP + a * CELL;
                g.setColor(blue(shade));
                g.fillRect(x, y, CELL, CELL);
                g.setColor(new Color(0xBBBBBB));
                g.drawRect(x, y, CELL, CELL);
                g.setColor(shade > 0.6 ? Color.WHITE : Color.BLACK);
                Png.centered(g, Integer.toString(count), x + CELL / 2, y + CELL / 2 + 5);
            }
        }
        g.dispose();
        return image;
    }

    /** White at 0 to dark blue at 1. */
    private static Color blue(double t) {
        return new Color((int) Math.round(255 - 247 * t), (int) Math.round(255 - 207 * t), (int) Math.round(255 - 148 * t));
    }
}
