package dev.purenet.properties;

import dev.purenet.Activation;
import dev.purenet.Batch;
import dev.purenet.Cost;
import dev.purenet.Init;
import dev.purenet.Network;
import dev.purenet.Seed;
import dev.purenet.math.Matrix;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;

/**
 * Random, valid cases for the property tests, each a pure function of its case number, so a
 * failing case is named by its number and replays alone. Generated combinations follow the
 * cost/activation contract: cross-entropy and log-likelihood need outputs in (0, 1), so their
 * output layer is sigmoid or softmax; the quadratic cost takes any output activation.
 */
final class Cases {
    /** The base of every case's seed; change it to explore other cases. */
    static final long BASE = Long.getLong("purenet.properties.seed", 0x5EED_2026L);

    private static final List<Activation> HIDDEN = List.of(Activation.sigmoid(), Activation.tanh(), Activation.relu(),
            Activation.identity());
    private static final List<Activation> ANY_OUTPUT = List.of(Activation.sigmoid(), Activation.tanh(), Activation.relu(),
            Activation.identity(), Activation.softmax());
    private static final List<Activation> PROBABILITY_OUTPUT = List.of(Activation.sigmoid(), Activation.softmax());
    private static final List<Cost> COSTS = List.of(Cost.quadratic(), Cost.crossEntropy(), Cost.logLikelihood());

    private Cases() {}

    /** One generated network with a cost that fits it, and a mini-batch. */
    record Case(int number, int[] sizes, Activation hidden, Activation output, Cost cost, Init init, long seed, int batchSize,
                Network network, Batch batch) {
        @Override
        public String toString() {
            return "case " + number + ": " + Arrays.toString(sizes) + " " + hidden.name() + "/" + output.name() + ", "
                    + cost.name() + " cost, " + init.name() + " init, seed " + seed + ", batch " + batchSize;
        }
    }

    static SplittableRandom random(int number) {
        return new SplittableRandom(BASE * 1_000_003L + number);
    }

    /** 1 to {@code maxLayers} layers, every size 1 to {@code maxSize}. */
    static int[] sizes(SplittableRandom r, int maxLayers, int maxSize, int minOutput) {
        int[] sizes = new int[1 + r.nextInt(1, maxLayers + 1)];
        for (int i = 0; i < sizes.length; i++) {
            sizes[i] = r.nextInt(1, maxSize + 1);
        }
        sizes[sizes.length - 1] = Math.max(minOutput, sizes[sizes.length - 1]);
        return sizes;
    }

    static <T> T pick(SplittableRandom r, List<T> from) {
        return from.get(r.nextInt(from.size()));
    }

    /** Case {@code number}: up to {@code maxLayers} layers of up to {@code maxSize} neurons, batches of 1 to {@code maxBatch}. */
    static Case generate(int number, int maxLayers, int maxSize, int maxBatch) {
        SplittableRandom r = random(number);
        int[] sizes = sizes(r, maxLayers, maxSize, 1);
        Cost cost = pick(r, COSTS);
        Activation hidden = pick(r, HIDDEN);
        Activation output = pick(r, cost == Cost.quadratic() ? ANY_OUTPUT : PROBABILITY_OUTPUT);
        Init init = r.nextBoolean() ? Init.gaussian() : Init.scaled();
        long seed = r.nextLong();
        int m = r.nextInt(1, maxBatch + 1);
        Network network = Network.of(sizes).activations(hidden, output).initialize(init, Seed.seed(seed));
        return new Case(number, sizes, hidden, output, cost, init, seed, m, network, batch(r, sizes[0], sizes[sizes.length - 1], m, cost));
    }

    /**
     * Inputs uniform in [0, 1); targets one-hot for the log-likelihood cost (it assumes one), in
     * [0, 1] otherwise (cross-entropy's targets are probabilities; quadratic takes any).
     */
    static Batch batch(SplittableRandom r, int inputs, int outputs, int m, Cost cost) {
        Matrix x = Matrix.generate(inputs, m, (i, j) -> r.nextDouble());
        int[] hot = IntStream.range(0, m).map(j -> r.nextInt(outputs)).toArray();
        Matrix y = cost == Cost.logLikelihood()
                ? Matrix.generate(outputs, m, (i, j) -> hot[j] == i ? 1.0 : 0.0)
                : Matrix.generate(outputs, m, (i, j) -> r.nextDouble());
        return new Batch(x, y);
    }

    /** {@code count} dynamic tests named by their case, each running {@code property} on case 0..count-1. */
    static <C> Stream<DynamicTest> forAll(int count, Function<Integer, C> generator, ThrowingConsumer<C> property) {
        return IntStream.range(0, count).mapToObj(n -> {
            C c = generator.apply(n);
            return DynamicTest.dynamicTest(c.toString(), () -> property.accept(c));
        });
    }

    /** A property body. */
    @FunctionalInterface
    interface ThrowingConsumer<C> {
        void accept(C c) throws Exception;
    }
}
