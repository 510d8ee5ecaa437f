package dev.purenet.train;

import static dev.purenet.Seed.seed;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.purenet.Activation;
import dev.purenet.Architecture;
import dev.purenet.Cost;
import dev.purenet.Init;
import dev.purenet.Network;
import dev.purenet.data.Dataset;
import dev.purenet.io.Experiments;
import io.vavr.collection.Vector;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@link Sgd#threads(int)}: a mini-batch split into fixed column blocks, trained at the same time,
 * gradients summed in block order. Checked against {@link PureEpochs#inBlocks}, written from public
 * pieces: each block's gradient is {@link Backprop#backprop} of that block, so the result cannot
 * depend on scheduling.
 */
class ThreadsTest {
    private static final Network START = FastPathEquivalenceTest.network(5, new int[] {12, 7, 4},
            Activation.sigmoid(), Activation.softmax());
    private static final Dataset DATA = FastPathEquivalenceTest.data(9, 12, 103, 4);

    @ParameterizedTest(name = "{0} threads, mini-batch {1}")
    @CsvSource({"2, 10", "2, 11", "3, 20", "4, 3", "2, 1", "2, 103", "5, 64"})
    void equalsTheBlockwisePureStepsBitForBit(int threads, int miniBatch) {
        Sgd sgd = Sgd.eta(0.5).miniBatch(miniBatch).cost(Cost.logLikelihood()).rule(UpdateRule.l2(0.1).then(UpdateRule.adam()))
                .threads(threads);
        Epoch start = Epoch.start(START, seed(3));
        Epoch trained = sgd.on(DATA).apply(start);
        Epoch expected = PureEpochs.inBlocks(sgd, start, DATA, threads);
        assertEquals(expected.network(), trained.network());
        assertEquals(expected.optimizerState(), trained.optimizerState());
    }

    @Test
    void float32LanesRefreshTheirFloatWeightsFromTheFirstLane() {
        Network start = START.withPrecision(dev.purenet.Precision.FLOAT32);
        Sgd sgd = Sgd.eta(0.5).miniBatch(20).cost(Cost.logLikelihood()).rule(UpdateRule.learningRate().then(UpdateRule.momentum(0.5)))
                .threads(2);
        Epoch first = Epoch.start(start, seed(3));
        Epoch trained = sgd.on(DATA).apply(first);
        Epoch expected = PureEpochs.inBlocks(sgd, first, DATA, 2);
        assertEquals(expected.network(), trained.network());
        assertEquals(dev.purenet.Precision.FLOAT32, trained.network().precision());
    }

    @Test
    void otherThreadCountsDifferOnlyInTheLastBits() {
        Sgd sgd = Sgd.eta(3.0).miniBatch(20);
        Network one = sgd.train(START, DATA, seed(1), 3).get(2).network();
        Network two = sgd.threads(2).train(START, DATA, seed(1), 3).get(2).network();
        assertNotEquals(one, two, "a sum in two blocks is added in another order");
        for (int k = 0; k < one.layers().size(); k++) {
            for (int p = 0; p < 2; p++) {
                double difference = one.layers().get(k).parameters().get(p).maxAbsDifference(two.layers().get(k).parameters().get(p));
                assertTrue(difference < 1e-12, "layer " + k + " parameter " + p + " differs by " + difference);
            }
        }
    }

    @Test
    void runsAtTheSameTimeGiveTheSameNetworks() throws Exception {
        Sgd sgd = Sgd.eta(3.0).miniBatch(40).threads(2);
        Network alone = sgd.train(START, DATA, seed(2), 2).get(1).network();
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            List<Future<Network>> runs = new java.util.ArrayList<>();
            for (int r = 0; r < 6; r++) {
                runs.add(pool.submit(() -> sgd.train(START, DATA, seed(2), 2).get(1).network()));
            }
            for (Future<Network> run : runs) {
                assertEquals(alone, run.get());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void theExperimentRecordsItsThreadsAndReplaysThem() {
        Experiment e = Experiment.of(new Architecture(Vector.of(12, 7, 4), Vector.of(Activation.sigmoid(), Activation.softmax())),
                Init.xavier(), 4, DATA).withCost(Cost.logLikelihood()).withMiniBatch(30).withEpochs(2).withThreads(2);
        Experiment read = Experiments.fromJson(Experiments.toJson(e));
        assertEquals(2, read.threads());
        assertEquals(e, read);
        Network first = e.run(DATA, x -> x).last().network();
        assertEquals(first, read.run(DATA, x -> x).last().network());
        assertNotEquals(first, e.withThreads(1).run(DATA, x -> x).last().network());
    }

    @Test
    void aRecordWithoutThreadsTrainedOnOne() {
        Experiment e = Experiment.of(new Architecture(Vector.of(12, 7, 4), Vector.of(Activation.sigmoid(), Activation.softmax())),
                Init.xavier(), 4, DATA);
        String json = Experiments.toJson(e).replace("\"threads\" : 1,", "");
        assertTrue(!json.contains("threads"), json);
        assertEquals(1, Experiments.fromJson(json).threads());
    }

    @Test
    void aFailureInAnotherLaneReachesTheCaller() {
        try (Workspace workspace = new Workspace(START, Cost.quadratic(), 10, 2)) {
            IllegalStateException thrown = assertThrows(IllegalStateException.class, () -> workspace.backprop(10, (from, to, in, out) -> {
                if (from > 0) {
                    throw new IllegalStateException("block from " + from);
                }
            }));
            assertEquals("block from 5", thrown.getMessage());
            workspace.backprop(10, (from, to, in, out) -> { });
        }
    }

    @Test
    void aFailureInTheFirstLaneWaitsForTheOthersSoTheWorkspaceCanBeUsedAgain() {
        try (Workspace workspace = new Workspace(START, Cost.quadratic(), 10, 3)) {
            java.util.concurrent.atomic.AtomicInteger finished = new java.util.concurrent.atomic.AtomicInteger();
            IllegalStateException thrown = assertThrows(IllegalStateException.class, () -> workspace.backprop(10, (from, to, in, out) -> {
                if (from == 0) {
                    throw new IllegalStateException("first block");
                }
                java.util.concurrent.locks.LockSupport.parkNanos(200_000_000L);
                finished.incrementAndGet();
                if (from > 5) {
                    throw new IllegalStateException("last block");
                }
            }));
            assertEquals("first block", thrown.getMessage());
            assertEquals(2, finished.get(), "backprop returned while other lanes were still at work");
            assertEquals("last block", thrown.getSuppressed()[0].getMessage());
            workspace.backprop(10, (from, to, in, out) -> { });
        }
    }

    @Test
    void anEpochStopsItsLaneThreadsWhenItEndsAndWhenItDiverges() throws InterruptedException {
        awaitLaneThreads(0); // every workspace of the tests before this one was closed
        Epoch start = Epoch.start(START, seed(3));
        Sgd.eta(1.0).miniBatch(10).threads(3).on(DATA).apply(start);
        awaitLaneThreads(0);
        Epoch relu = Epoch.start(Network.of(12, 7, 4).activation(Activation.relu()).initialize(Init.xavier(), seed(3)), seed(3));
        assertThrows(DivergenceException.class, () -> Sgd.eta(1e300).miniBatch(10).threads(3).on(DATA).apply(relu));
        awaitLaneThreads(0);
    }

    private static long laneThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().equals("purenet-lane") && t.isAlive()).count();
    }

    /** A closed lane's thread ends as soon as it sees the close; give it a few seconds on a busy machine. */
    private static void awaitLaneThreads(long expected) throws InterruptedException {
        for (int i = 0; i < 500 && laneThreads() > expected; i++) {
            Thread.sleep(10);
        }
        assertEquals(expected, laneThreads());
    }

    @Test
    void outOfRangeCountsAreRefused() {
        IllegalArgumentException zero = assertThrows(IllegalArgumentException.class, () -> Sgd.eta(1).threads(0));
        assertEquals("threads must be 1 to 64, got 0", zero.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Sgd.eta(1).threads(65));
    }
}
