package dev.purenet.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.purenet.train.Footprint;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** Whether a sweep's runs fit the JVMs that train them side by side, before Spark starts. */
class SweepMemoryTest {
    private static final String DROPOUT = "conv 20x5x5 relu, pool 2, conv 40x5x5 relu, pool 2, dense 1000 relu dropout 0.5,"
            + " dense 1000 relu dropout 0.5, softmax 10 dropout 0.5";
    private static final long MB = 1L << 20;

    /** network3.py's ensemble: five dropout networks that differ in their seed. */
    private static List<SweepRunner.PlannedRun> ensemble() {
        return SweepRunner.plan(Sweep.grid(RunSettings.defaults().withLayers(DROPOUT), "seed=1,2,3,4,5"),
                TrainingData.mnist(SharedSpark.MNIST).firstTraining(1000), 40, Optional.empty());
    }

    @Test
    void aLocalMasterRunsItsThreadsTasksAtOnce() {
        assertEquals(OptionalInt.of(4), SweepMemory.localTasks("local[4]", 2));
        assertEquals(OptionalInt.of(3), SweepMemory.localTasks("local[3,2]", 2));
        assertEquals(OptionalInt.of(2), SweepMemory.localTasks("local[*]", 2));
        assertEquals(OptionalInt.of(8), SweepMemory.localTasks("local[*,4]", 8));
        assertEquals(OptionalInt.of(1), SweepMemory.localTasks("local", 2));
        assertEquals(OptionalInt.empty(), SweepMemory.localTasks("spark://head:7077", 2));
        assertEquals(OptionalInt.empty(), SweepMemory.localTasks("local-cluster[2,1,1024]", 2));
    }

    /** A result on its way to the driver: serialized, and read back. */
    private static long arriving(long parameters) {
        return 2 * SweepMemory.RESULT_BYTES_PER_PARAMETER * parameters;
    }

    @Test
    void theEnsembleNeedsTheRunsAtOnceAndTheirResultsInLocalMode() {
        List<SweepRunner.PlannedRun> plan = ensemble();
        long parameters = Footprint.parameters(plan.get(0).experiment().architecture());
        assertEquals(20 * 26 + 40 * 501 + 641 * 1000 + 1001 * 1000 + 1001 * 10, parameters);
        long perRun = Footprint.bytes(plan.get(0).experiment(), 1000, SweepMemory.KEPT_EPOCHS, true);
        long twoAtOnce = 2 * perRun + 2 * arriving(parameters);

        assertNull(SweepMemory.localProblem(plan, 1000, 2, twoAtOnce, 6L << 30), "exactly enough");
        String problem = SweepMemory.localProblem(plan, 1000, 2, twoAtOnce - 1, 384 * MB);
        assertTrue(problem.startsWith("the sweep's 5 runs, 2 at a time, need about " + Footprint.megabytes(twoAtOnce) + " (the largest, ["
                + DROPOUT + "] eta 3.0"), problem);
        assertTrue(problem.endsWith(" has 1672570 parameters and needs about " + Footprint.megabytes(perRun) + " while it trains)"
                + " but the JVM may use at most 384 MB, of which " + Footprint.megabytes(twoAtOnce - 1) + " are free; train fewer at"
                + " a time (--master local[N]) or raise the limit with PURENET_JAVA_OPTS=-Xmx"
                + Footprint.heapSize(384 * MB - (twoAtOnce - 1) + twoAtOnce + twoAtOnce / 4)), problem);
        long allAtOnce = 5 * (perRun + arriving(parameters));
        assertNull(SweepMemory.localProblem(plan, 1000, 64, allAtOnce, 6L << 30), "64 threads train the 5 runs at once, as 5 would");
        assertEquals(SweepMemory.localProblem(plan, 1000, 5, allAtOnce - 1, 6L << 30),
                SweepMemory.localProblem(plan, 1000, 64, allAtOnce - 1, 6L << 30));
        assertTrue(SweepMemory.localProblem(plan, 1000, 64, allAtOnce - 1, 6L << 30).contains("5 runs, 5 at a time"));
    }

    @Test
    void anExecutorMustHoldTheRunsOfItsCores() {
        List<SweepRunner.PlannedRun> plan = ensemble();
        long perRun = Footprint.bytes(plan.get(0).experiment(), 1000, SweepMemory.KEPT_EPOCHS, true);
        assertNull(SweepMemory.executorProblem(plan, 1000, 1, 1L << 30), "docs/spark.md's 1g executors with one core each");
        String problem = SweepMemory.executorProblem(plan, 1000, 4, 1L << 30);
        assertEquals("an executor trains 4 of the sweep's runs at a time (spark.executor.cores=4), which need about "
                + Footprint.megabytes(4 * perRun) + " (the largest, " + SweepRunner.describe(plan.get(0).settings()) + ", has 1672570"
                + " parameters), but spark.executor.memory=1.0 GB leaves 724 MB after Spark's reserved 300 MB; set"
                + " spark.executor.memory to at least " + Footprint.heapSize(4 * perRun + (300 * MB) + perRun) + " or"
                + " spark.executor.cores lower", problem);
    }

    @Test
    void aClustersDriverMustHoldTheResultsThatArriveAtOnce() {
        List<SweepRunner.PlannedRun> plan = ensemble();
        long parameters = Footprint.parameters(plan.get(0).experiment().architecture());
        long four = 4 * arriving(parameters);
        assertNull(SweepMemory.driverProblem(plan, 4, four, 1L << 30), "exactly enough");
        assertEquals("the driver reads up to 4 finished runs at a time (spark.resultGetter.threads=4), which need about "
                + Footprint.megabytes(four) + " as they arrive (the largest, " + SweepRunner.describe(plan.get(0).settings()) + ", has"
                + " 1672570 parameters and comes back as about 77 MB of JSON), but the driver's heap is at most 512 MB, of which 500 MB"
                + " are free; give the driver at least " + Footprint.heapSize(12 * MB + four + four / 4) + " (PURENET_JAVA_OPTS=-Xmx... for"
                + " purenet sweep, --driver-memory for spark-submit)", SweepMemory.driverProblem(plan, 4, 500 * MB, 512 * MB));
        assertNull(SweepMemory.driverProblem(plan, 64, 5 * arriving(parameters), 1L << 30), "64 threads read the 5 results, as 5 would");
    }

    @Test
    void sparksDefaultResultLimitHoldsTheEnsembleAndALargerRunGetsItsOwn() {
        assertEquals(Optional.empty(), SweepMemory.resultSizeSetting(ensemble()), "77 MB under Spark's 1 GB");
        assertNull(SweepMemory.resultSizeProblem(ensemble(), 80 * MB));
        assertNull(SweepMemory.resultSizeProblem(ensemble(), 0), "0 is no limit");
        assertTrue(SweepMemory.resultSizeProblem(ensemble(), 76 * MB).endsWith(" comes back to the driver as about 77 MB of JSON (its"
                + " best and final networks, 1672570 parameters), more than spark.driver.maxResultSize=76 MB, so Spark would drop it"
                + " after it had trained; set spark.driver.maxResultSize to at least 128m, or 0 for no limit"));

        // 784 x 30000 + 30000 x 10 weights: measured, its two networks' JSON is 984 MB, 8% under Spark's 1 GiB default; the
        // estimate (1.1 GB) errs high, so the sweep raises the limit rather than risk the run.
        List<SweepRunner.PlannedRun> wide = SweepRunner.plan(Sweep.grid(RunSettings.defaults().withLayers("dense 30000 relu, softmax 10"),
                "seed=1"), TrainingData.mnist(SharedSpark.MNIST).firstTraining(1000), 1, Optional.empty());
        assertEquals(Optional.of("2g"), SweepMemory.resultSizeSetting(wide));
    }
}
