package dev.purenet.data;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * MNIST (or any data set in its IDX layout) with the book's split: training is the training
 * file without its last 10,000 examples, validation is those 10,000, test is the t10k file.
 *
 * @param training   first 50,000 training images for MNIST
 * @param validation last 10,000 training images
 * @param test       the 10,000 test images
 */
public record Mnist(Dataset training, Dataset validation, Dataset test) {
    /**
     * The training images' base name. Each file may also be present gzip-compressed, with
     * {@code .gz} appended.
     */
    public static final String TRAIN_IMAGES = "train-images-idx3-ubyte";
    /** The training labels' base name (raw or with {@code .gz} appended). */
    public static final String TRAIN_LABELS = "train-labels-idx1-ubyte";
    /** The test images' base name (raw or with {@code .gz} appended). */
    public static final String TEST_IMAGES = "t10k-images-idx3-ubyte";
    /** The test labels' base name (raw or with {@code .gz} appended). */
    public static final String TEST_LABELS = "t10k-labels-idx1-ubyte";
    /** The four base names, training images first. */
    public static final java.util.List<String> FILES = java.util.List.of(TRAIN_IMAGES, TRAIN_LABELS, TEST_IMAGES, TEST_LABELS);

    /** The size of the validation set taken from the end of the training file. */
    public static final int VALIDATION_SIZE = 10_000;

    /**
     * Loads the four files from {@code dir} (raw or .gz) and splits them as the book does.
     * The number of classes is one more than the largest label in either file.
     *
     * @param dir the directory holding the {@link #FILES}
     * @return training, validation and test sets
     * @throws DataFormatException if a file is missing or malformed, the counts of images and
     *         labels differ, the image sizes differ, or there are no more than
     *         {@link #VALIDATION_SIZE} training examples
     * @throws java.io.UncheckedIOException if a file cannot be read
     */
    public static Mnist load(Path dir) {
        Dataset train = load(dir, TRAIN_IMAGES, TRAIN_LABELS);
        Dataset test = load(dir, TEST_IMAGES, TEST_LABELS);
        if (train.features() != test.features()) {
            throw new DataFormatException(dir + ": training images have " + train.features()
                    + " pixels but test images have " + test.features());
        }
        if (train.size() <= VALIDATION_SIZE) {
            throw new DataFormatException(find(dir, TRAIN_IMAGES) + ": " + train.size() + " training examples, expected more than "
                    + VALIDATION_SIZE + " so that the last " + VALIDATION_SIZE + " can be the validation set");
        }
        int classes = Math.max(train.classes(), test.classes());
        train = withClasses(train, classes);
        test = withClasses(test, classes);
        int split = train.size() - VALIDATION_SIZE;
        return new Mnist(train.slice(0, split), train.slice(split, train.size()), test);
    }

    /**
     * The same split with the training part {@link Dataset#expanded() expanded} as network3 does
     * it (250,000 images from 50,000); validation and test data are left as they are.
     *
     * @return a new value sharing this one's storage
     * @throws IllegalStateException if the training data does not know its image shape
     */
    public Mnist expanded() {
        return new Mnist(training.expanded(), validation, test);
    }

    /**
     * {@link #load} as a value: the data, or the failure (a {@link DataFormatException} or an I/O error).
     *
     * @param dir the directory holding the {@link #FILES}
     * @return a success with the split data, or a failure holding the exception
     */
    public static io.vavr.control.Try<Mnist> tryLoad(Path dir) {
        return io.vavr.control.Try.of(() -> load(dir));
    }

    /**
     * True when every file is present, raw or gzip-compressed. Does not read them.
     *
     * @param dir the data directory
     * @return whether each of the {@link #FILES} exists there as a regular file
     */
    public static boolean isPresent(Path dir) {
        return FILES.stream().allMatch(name -> Files.isRegularFile(dir.resolve(name))
                || Files.isRegularFile(dir.resolve(name + ".gz")));
    }

    /** The path of a data file: the raw one if present, else the .gz one (which may not exist either). */
    static Path find(Path dir, String name) {
        Path raw = dir.resolve(name);
        return Files.isRegularFile(raw) ? raw : dir.resolve(name + ".gz");
    }

    private static Dataset load(Path dir, String imagesName, String labelsName) {
        Path imagesFile = find(dir, imagesName);
        Path labelsFile = find(dir, labelsName);
        for (String name : new String[] {imagesName, labelsName}) {
            requireRegularIfPresent(dir.resolve(name));
            requireRegularIfPresent(dir.resolve(name + ".gz"));
        }
        for (Path f : new Path[] {imagesFile, labelsFile}) {
            if (!Files.isRegularFile(f)) {
                throw new DataFormatException("missing data file: " + dir.resolve(f.getFileName().toString().replace(".gz", ""))
                        + " (raw or .gz); expected the four MNIST-format files " + FILES + " in " + dir);
            }
        }
        Idx.Images images = Idx.readImages(imagesFile);
        int[] labels = Idx.readLabels(labelsFile);
        if (images.count() != labels.length) {
            throw new DataFormatException(imagesFile + " has " + images.count() + " images but " + labelsFile + " has "
                    + labels.length + " labels; expected one label per image");
        }
        int classes = 0;
        for (int label : labels) {
            classes = Math.max(classes, label + 1);
        }
        return Dataset.ofBytes(images.pixelsPerImage(), images.pixels(), labels, classes).asImages(images.rows(), images.columns());
    }

    /**
     * Refuses a data file's name that exists but is not a regular file: a directory, a FIFO, a
     * device (a link to /dev/zero) or a dangling link. "Missing" would be wrong, and reading a
     * device or pipe would not end.
     */
    static void requireRegularIfPresent(Path file) {
        if (!Files.exists(file, java.nio.file.LinkOption.NOFOLLOW_LINKS) || Files.isRegularFile(file)) {
            return;
        }
        String kind;
        if (!Files.exists(file)) {
            kind = "a symbolic link to a missing file";
        } else if (Files.isDirectory(file)) {
            kind = "a directory";
        } else {
            kind = "a device, pipe or socket";
            try {
                int type = ((Integer) Files.getAttribute(file, "unix:mode")) & 0170000;
                kind = type == 0010000 ? "a named pipe (FIFO)" : type == 0020000 ? "a character device"
                        : type == 0060000 ? "a block device" : type == 0140000 ? "a socket" : kind;
            } catch (java.io.IOException | UnsupportedOperationException | IllegalArgumentException e) {
                // Only for the message.
            }
        }
        throw new DataFormatException(file + " is " + kind + (Files.isSymbolicLink(file) && Files.exists(file)
                ? " (through a symbolic link)" : "") + ", expected a regular MNIST-format IDX file");
    }

    private static Dataset withClasses(Dataset d, int classes) {
        return d.classes() == classes ? d : d.withClasses(classes);
    }
}
