package dev.purenet.cli;

import dev.purenet.data.Idx;
import dev.purenet.data.Mnist;
import java.nio.file.Files;
import java.nio.file.Path;

/** Where a data set's number of classes comes from, for a message that names the file and not only the flag. */
final class Labels {
    private Labels() {}

    /**
     * {@code "; the classes come from the labels: the largest, 255, is example 7 (offset 15) of
     * DIR/train-labels-idx1-ubyte"} when some smaller label never occurs (one bad byte, rather
     * than a data set with that many classes); otherwise, or when the label files cannot be read,
     * an empty string. The number of classes is one more than the largest label.
     */
    static String largest(Path dir, int classes) {
        try {
            boolean[] seen = new boolean[classes];
            Path where = null;
            int index = -1;
            for (String name : new String[] {Mnist.TRAIN_LABELS, Mnist.TEST_LABELS}) {
                Path file = Files.isRegularFile(dir.resolve(name)) ? dir.resolve(name) : dir.resolve(name + ".gz");
                int[] labels = Idx.readLabels(file);
                for (int i = 0; i < labels.length; i++) {
                    seen[labels[i]] = true;
                    if (labels[i] == classes - 1 && where == null) {
                        where = file;
                        index = i;
                    }
                }
            }
            for (boolean s : seen) {
                if (!s && where != null) {
                    return "; the classes come from the labels: the largest, " + (classes - 1) + ", is example " + index
                            + " (offset " + (8 + index) + ") of " + where;
                }
            }
        } catch (RuntimeException e) {
            // Only for the message: the data was read once already.
        }
        return "";
    }
}
