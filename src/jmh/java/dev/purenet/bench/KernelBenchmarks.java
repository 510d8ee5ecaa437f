package dev.purenet.bench;

import static dev.purenet.Seed.seed;

import dev.purenet.Batch;
import dev.purenet.Cost;
import dev.purenet.Network;
import dev.purenet.data.Dataset;
import dev.purenet.math.Matrix;
import dev.purenet.math.Rng;
import dev.purenet.Dense;
import dev.purenet.train.Backprop;
import dev.purenet.train.Epoch;
import dev.purenet.train.Sgd;
import dev.purenet.train.Trainer;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The kernels of one training step at MNIST's sizes, one mini-batch of m examples on a
 * 784-h-10 sigmoid network: the three products of the first layer through {@link Matrix}, one
 * whole step through the pure API ({@link Backprop#sgdStep}), one epoch of a single mini-batch
 * through {@link Sgd}'s training workspace (set-up, one step, copy-out), and gathering a
 * mini-batch from the byte-pixel {@link Dataset}.
 * Times are microseconds per call.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "-Djava.library.path=/usr/lib/jni")
public class KernelBenchmarks {
    @Param({"30", "100"})
    int hidden;

    @Param({"10", "100"})
    int batch;

    private Network network;
    private Batch miniBatch;
    private Matrix w1;
    private Matrix x;
    private Matrix delta1;
    private Trainer oneBatchEpochs;
    private Epoch start;
    private Dataset data;
    private int[] order;
    private double[] inputs;
    private double[] targets;

    @Setup
    public void setUp() {
        network = Network.of(784, hidden, 10).sigmoid().gaussian(seed(1));
        Rng rng = new Rng(2);
        byte[] pixels = new byte[784 * 1000];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = rng.nextInt(5) == 0 ? (byte) rng.nextInt(256) : 0; // about MNIST's share of ink
        }
        int[] labels = new int[1000];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = rng.nextInt(10);
        }
        data = Dataset.ofBytes(784, pixels, labels, 10);
        order = rng.permutation(1000);
        miniBatch = data.batch(order, 0, batch);
        w1 = ((Dense) network.layers().head()).weights();
        x = miniBatch.inputs();
        delta1 = Matrix.generate(hidden, batch, (i, j) -> rng.nextGaussian());
        oneBatchEpochs = Sgd.eta(3.0).miniBatch(batch).on(data.slice(0, batch));
        start = Epoch.start(network, seed(3));
        inputs = new double[784 * batch];
        targets = new double[10 * batch];
    }

    /** z = W·x + b of the first layer (dgemm through the immutable Matrix, fresh output). */
    @Benchmark
    public Matrix forwardProduct() {
        return w1.timesPlusColumn(x, ((Dense) network.layers().head()).biases());
    }

    /** ∇W = δ·xᵀ of the first layer. */
    @Benchmark
    public Matrix weightGradientProduct() {
        return delta1.timesTranspose(x);
    }

    /** One mini-batch step through the pure API: new matrices for every intermediate. */
    @Benchmark
    public Network pureStep() {
        return Backprop.sgdStep(network, miniBatch, 3.0, Cost.quadratic());
    }

    /**
     * One epoch of exactly one mini-batch through {@code Sgd}: the workspace is made, the
     * network copied in, one step taken and the result copied out, so this is a step plus the
     * per-epoch overhead that a 5,000-batch epoch spreads thin.
     */
    @Benchmark
    public Epoch workspaceStep() {
        return oneBatchEpochs.apply(start);
    }

    /** Gathering a mini-batch into reused buffers (bytes to doubles, one-hot targets). */
    @Benchmark
    public double[] gather() {
        data.gather(order, 0, batch, inputs, targets);
        return inputs;
    }

    /** The same mini-batch as a fresh immutable Batch. */
    @Benchmark
    public Batch batchOfMatrices() {
        return data.batch(order, 0, batch);
    }
}
