package dev.purenet.train;

import dev.purenet.data.Mnist;
import dev.purenet.data.MnistFetch;
import java.nio.file.Path;

/** The real MNIST data for the full-data tests, loaded (and fetched on first use) once per test JVM. */
final class MnistFixture {
    private static Mnist mnist;

    private MnistFixture() {}

    static synchronized Mnist get() {
        if (mnist == null) {
            mnist = MnistFetch.loadOrFetch(Path.of("data/mnist"), System.err::println);
        }
        return mnist;
    }

    /** The best test accuracy over {@code epochs} epochs of {@code sgd} from {@code start}. */
    static double bestTestAccuracy(Sgd sgd, dev.purenet.Network start, long seed, int epochs, String label) {
        Mnist data = get();
        long t0 = System.nanoTime();
        double best = sgd.epochs(start, data.training(), dev.purenet.Seed.seed(seed))
                .drop(1)
                .take(epochs)
                .map(e -> e.evaluate(data.test()))
                .map(Epoch::accuracy)
                .max().get();
        System.err.println(label + ": best test accuracy " + best + " in " + epochs + " epochs, "
                + (System.nanoTime() - t0) / 1_000_000 / epochs + " ms per epoch (training + evaluation)");
        return best;
    }
}
