package dev.purenet.spark;

import dev.purenet.data.Mnist;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.spark.SparkFiles;
import org.apache.spark.TaskContext;

/**
 * Where a sweep's tasks find their data: MNIST-format IDX files (raw or .gz) with the book's split,
 * optionally only the first {@code trainingSize} training examples. Only this description crosses
 * the wire; each JVM loads the data once and its tasks share it ({@code Dataset} is immutable).
 *
 * <p>Inside a task, files shipped with the job ({@code spark-submit --files} or {@code spark.files})
 * win over {@code directory}, so a cluster needs no shared file system.
 *
 * @param directory    the directory holding the four files, on the driver and (unless shipped) on every executor
 * @param trainingSize how many training examples to keep from the start of the training part; 0 keeps all
 * @param expand       whether the training part (after the cut) is {@link Mnist#expanded() expanded} with each
 *                     image's one-pixel moves, as {@code purenet train --expand}
 */
public record TrainingData(String directory, int trainingSize, boolean expand) implements Serializable {
    private static final long serialVersionUID = 1L;

    /** One load per JVM and description, shared by every task that runs there. */
    private static final Map<TrainingData, Mnist> LOADED = new ConcurrentHashMap<>();

    /**
     * Checks the size.
     *
     * @throws IllegalArgumentException if {@code trainingSize} is negative
     */
    public TrainingData {
        if (trainingSize < 0) {
            throw new IllegalArgumentException("training size must be 0 (all) or more, got " + trainingSize);
        }
    }

    /**
     * All the MNIST-format data in {@code directory}.
     *
     * @param directory the directory holding the four files
     * @return the description
     */
    public static TrainingData mnist(Path directory) {
        return new TrainingData(directory.toString(), 0, false);
    }

    /**
     * The same data cut to the first {@code size} training examples (validation and test stay whole).
     *
     * @param size at least 1
     * @return the new description
     */
    public TrainingData firstTraining(int size) {
        if (size < 1) {
            throw new IllegalArgumentException("training size must be at least 1, got " + size);
        }
        return new TrainingData(directory, size, expand);
    }

    /**
     * The same data with each training image followed by its copies moved one pixel down, up,
     * right and left (network3.py's expand_mnist.py), computed as they are read.
     *
     * @return the new description
     */
    public TrainingData expanded() {
        return new TrainingData(directory, trainingSize, true);
    }

    /**
     * The data, loaded on this JVM's first call and shared after that.
     *
     * @return training, validation and test parts
     */
    public Mnist load() {
        return LOADED.computeIfAbsent(this, TrainingData::read);
    }

    private static Mnist read(TrainingData data) {
        Mnist mnist = Mnist.load(data.location());
        if (data.trainingSize > mnist.training().size()) {
            throw new IllegalArgumentException("training size " + data.trainingSize + " is more than the "
                    + mnist.training().size() + " training examples in " + data.directory);
        }
        Mnist cut = data.trainingSize == 0 ? mnist : new Mnist(mnist.training().take(data.trainingSize), mnist.validation(), mnist.test());
        return data.expand ? cut.expanded() : cut;
    }

    /** The shipped files inside a task when all four are there, else the directory. */
    private Path location() {
        if (TaskContext.get() != null) {
            Path shipped = Path.of(SparkFiles.getRootDirectory());
            if (Mnist.isPresent(shipped)) {
                return shipped;
            }
        }
        return Path.of(directory);
    }

    /**
     * The data files in {@code directory} (raw or .gz), for {@code spark.files}.
     *
     * @return their paths, training images first
     */
    public java.util.List<Path> files() {
        Path dir = Path.of(directory);
        return Mnist.FILES.stream().map(name -> Files.isRegularFile(dir.resolve(name)) ? dir.resolve(name) : dir.resolve(name + ".gz"))
                .toList();
    }
}
