package dev.purenet.spark;

import dev.purenet.data.Mnist;
import dev.purenet.data.MnistFetch;
import java.nio.file.Path;
import org.apache.spark.sql.SparkSession;

/**
 * One local SparkSession for every test class of this JVM: starting one costs about 10 s.
 * {@code local[2,2]}: two task threads (purenet's BLAS lock keeps two trainings at once exact) and
 * two attempts per task, so that a failed task is retried as on a cluster.
 */
final class SharedSpark {
    /** The MNIST files the tests train on (fetched once, as the library's tests do). */
    static final Path MNIST = Path.of("data/mnist");

    private static SparkSession session;

    private SharedSpark() {}

    static synchronized SparkSession session() {
        if (session == null) {
            if (!Mnist.isPresent(MNIST)) {
                MnistFetch.fetch(MNIST, message -> System.err.println(message));
            }
            session = SparkSession.builder()
                    .master("local[2,2]")
                    .appName("purenet-spark tests")
                    .config("spark.ui.enabled", "false")
                    .config("spark.driver.host", "127.0.0.1")
                    .config("spark.driver.bindAddress", "127.0.0.1")
                    .config("spark.sql.shuffle.partitions", "1")
                    .getOrCreate();
            Runtime.getRuntime().addShutdownHook(new Thread(session::stop));
        }
        return session;
    }
}
