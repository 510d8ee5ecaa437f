package dev.purenet;

import dev.purenet.math.Matrix;
import dev.purenet.math.Rng;

/** Random networks and batches for tests, all from explicit seeds. */
public final class Fixtures {
    private Fixtures() {}

    /** A sigmoid network with scaled Gaussian weights. */
    public static Network network(long seed, int... sizes) {
        return Network.of(sizes).sigmoid().scaled(Seed.seed(seed));
    }

    /** Inputs uniform in [0, 1), targets one-hot, {@code m} examples. */
    public static Batch batch(long seed, int inputs, int outputs, int m) {
        Rng rng = new Rng(seed);
        Matrix x = Matrix.generate(inputs, m, (i, j) -> rng.nextDouble());
        int[] labels = new int[m];
        for (int j = 0; j < m; j++) {
            labels[j] = rng.nextInt(outputs);
        }
        Matrix y = Matrix.generate(outputs, m, (i, j) -> labels[j] == i ? 1.0 : 0.0);
        return new Batch(x, y);
    }

    public static Batch batchFor(Network network, long seed, int m) {
        return batch(seed, network.inputSize(), network.outputSize(), m);
    }

    /**
     * A message with the parts other tests registered (named "test-...") taken out of its lists
     * of known names, so that it does not depend on which tests ran before it in this JVM.
     */
    public static String withoutTestParts(String message) {
        return message.replaceAll(", test-[a-z-]+", "");
    }
}
