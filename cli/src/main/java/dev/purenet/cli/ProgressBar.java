package dev.purenet.cli;

import dev.purenet.train.Sgd;
import java.io.PrintWriter;

/**
 * A one-line progress bar redrawn in place with a carriage return. Only used when the output
 * is an interactive terminal; piped output gets the epoch lines alone.
 */
final class ProgressBar implements Sgd.ProgressListener {
    private static final int WIDTH = 30;
    private final PrintWriter out;
    private int lastDrawn = -1;

    ProgressBar(PrintWriter out) {
        this.out = out;
    }

    @Override
    public void batchDone(int epochIndex, int batchesDone, int batchesInEpoch) {
        int filled = (int) ((long) WIDTH * batchesDone / batchesInEpoch);
        if (filled == lastDrawn) {
            return;
        }
        lastDrawn = filled;
        out.print("\rEpoch " + epochIndex + " [" + "#".repeat(filled) + " ".repeat(WIDTH - filled) + "] "
                + (100L * batchesDone / batchesInEpoch) + "%");
        out.flush();
    }

    /** Erases the bar so that the next line starts clean. */
    void clear() {
        if (lastDrawn >= 0) {
            out.print("\r" + " ".repeat(WIDTH + 20) + "\r");
            out.flush();
            lastDrawn = -1;
        }
    }
}
