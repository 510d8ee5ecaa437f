package dev.purenet.report;

import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import javax.imageio.ImageIO;

/** Raster helpers shared by the pictures drawn by hand. */
final class Png {
    static final Font LABEL_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 13);

    private Png() {}

    static void write(BufferedImage image, OutputStream out) throws IOException {
        if (!ImageIO.write(image, "png", out)) {
            throw new IOException("this Java runtime has no PNG writer (javax.imageio)");
        }
    }

    /** A graphics context on {@code image} with smooth text; the caller disposes it. */
    static Graphics2D graphics(BufferedImage image) {
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setFont(LABEL_FONT);
        return g;
    }

    /** Draws {@code text} centred horizontally on {@code centerX}, baseline at {@code baseline}. */
    static void centered(Graphics2D g, String text, int centerX, int baseline) {
        int width = g.getFontMetrics().stringWidth(text);
        g.drawString(text, centerX - width / 2, baseline);
    }
}
