package dev.purenet.concurrency;

import static dev.purenet.Seed.seed;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.purenet.Activation;
import dev.purenet.Init;
import dev.purenet.Network;
import dev.purenet.data.Dataset;
import dev.purenet.math.BlasThreading;
import dev.purenet.math.Matrix;
import dev.purenet.math.Rng;
import dev.purenet.train.Sgd;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Networks and the pure functions over them are safe to use from many threads at once, whatever
 * BLAS jblas loaded (review finding H1): concurrent results equal single-threaded ones bit for bit.
 *
 * <p>Without the lock, Debian's serial OpenBLAS gave about 1 wrong {@code feedforward} in 2,000
 * on this shape (784-100-10, 20 columns, 8 threads); the first test makes 9,600 calls.
 */
class SharedNetworkThreadsTest {
    private static final int THREADS = 8;
    private static final int CALLS_PER_THREAD = 1_200;
    private static final int BATCHES = 4;

    private static Matrix batch(long seed, int rows, int cols) {
        Rng rng = new Rng(seed);
        return Matrix.generate(rows, cols, (i, j) -> rng.nextDouble());
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void feedforwardOnOneSharedNetworkFromEightThreadsEqualsTheSingleThreadedResult() throws Exception {
        Network network = Network.of(784, 100, 10).activation(Activation.sigmoid()).initialize(Init.gaussian(), seed(11));
        Matrix[] inputs = new Matrix[BATCHES];
        Matrix[] expected = new Matrix[BATCHES];
        for (int b = 0; b < BATCHES; b++) {
            inputs[b] = batch(100 + b, 784, 20);
            expected[b] = network.feedforward(inputs[b]);
        }
        List<Callable<Integer>> workers = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            int first = t;
            workers.add(() -> {
                int wrong = 0;
                for (int call = 0; call < CALLS_PER_THREAD; call++) {
                    int b = (first + call) % BATCHES;
                    if (!network.feedforward(inputs[b]).equals(expected[b])) {
                        wrong++;
                    }
                }
                return wrong;
            });
        }
        assertEquals(0, wrongCalls(workers), "calls that differed from the single-threaded result; BLAS: "
                + BlasThreading.decision());
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void twoTrainingsInParallelThreadsEachEndAsTheirSequentialRun() throws Exception {
        Dataset data = syntheticDigits(600, 7);
        Sgd sgd = Sgd.eta(0.5).miniBatch(10);
        Network start1 = Network.of(196, 30, 10).sigmoid().initialize(Init.scaled(), seed(1));
        Network start2 = Network.of(196, 30, 10).sigmoid().initialize(Init.scaled(), seed(2));
        Callable<Network> run1 = () -> sgd.epochs(start1, data, seed(3)).get(3).network();
        Callable<Network> run2 = () -> sgd.epochs(start2, data, seed(4)).get(3).network();
        Network sequential1 = run1.call();
        Network sequential2 = run2.call();
        for (int round = 0; round < 3; round++) {
            ExecutorService pool = Executors.newFixedThreadPool(2);
            try {
                Future<Network> parallel1 = pool.submit(run1);
                Future<Network> parallel2 = pool.submit(run2);
                assertEquals(sequential1, parallel1.get(), "training 1, round " + round + "; BLAS: " + BlasThreading.decision());
                assertEquals(sequential2, parallel2.get(), "training 2, round " + round + "; BLAS: " + BlasThreading.decision());
            } finally {
                pool.shutdownNow();
            }
        }
    }

    /** Blurry class-dependent blobs, 14x14 pixels: something a network can learn, made from a seed. */
    private static Dataset syntheticDigits(int n, long seed) {
        Rng rng = new Rng(seed);
        int[] labels = new int[n];
        for (int j = 0; j < n; j++) {
            labels[j] = rng.nextInt(10);
        }
        Matrix x = Matrix.generate(196, n, (i, j) -> Math.min(1.0, Math.max(0.0,
                (i % 10 == labels[j] ? 0.7 : 0.1) + 0.2 * rng.nextGaussian())));
        return Dataset.of(x, labels, 10);
    }

    private static int wrongCalls(List<Callable<Integer>> workers) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(workers.size());
        try {
            int wrong = 0;
            for (Future<Integer> f : pool.invokeAll(workers)) {
                wrong += f.get();
            }
            return wrong;
        } finally {
            pool.shutdownNow();
        }
    }
}
