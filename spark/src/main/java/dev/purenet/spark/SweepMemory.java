package dev.purenet.spark;

import dev.purenet.train.Footprint;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Whether a sweep's runs fit the JVMs that train them, checked on the driver before Spark starts,
 * as {@code purenet train} checks one run against its heap: the runs that train at once each need
 * {@link Footprint#bytes} (holding the first, best and last epochs' networks, and writing the
 * best and final ones as JSON), and each finished run comes back to the driver as its two
 * networks' JSON text, serialized and then read (twice {@link #RESULT_BYTES_PER_PARAMETER} a
 * parameter while it arrives). The driver writes each result to its run's directory and keeps
 * none, so it needs room for the results that arrive at once: as many as the tasks in local mode,
 * Spark's result threads on a cluster. Like train's, the estimate errs low; the size of one
 * result, which Spark checks against {@code spark.driver.maxResultSize} only after the run has
 * trained, errs high.
 */
final class SweepMemory {
    /** Epochs' networks a run's task holds at once: the current, the best and the last. */
    static final int KEPT_EPOCHS = 3;
    /**
     * Bytes per parameter of a finished run's result: its best and final networks as JSON text,
     * about 24 characters a number (a snapshot of network3.py's dropout network has 22; measured,
     * a 784-100-10 run's result is 41 bytes a parameter as Spark serializes it).
     */
    static final long RESULT_BYTES_PER_PARAMETER = 2 * 24;
    /** What Spark keeps of an executor's heap for itself (its "reserved memory"). */
    static final long SPARK_RESERVED = 300L << 20;
    /** Spark's default {@code spark.driver.maxResultSize}. */
    static final long SPARK_MAX_RESULT_SIZE = 1L << 30;
    /** Spark's default {@code spark.resultGetter.threads}: the results a cluster's driver reads at once. */
    static final int SPARK_RESULT_THREADS = 4;
    private static final Pattern LOCAL = Pattern.compile("local(?:\\[(\\*|\\d+)(?:,\\d+)?])?");

    private SweepMemory() {}

    /**
     * The tasks a local master runs at once.
     *
     * @param master     a Spark master URL
     * @param processors the cores {@code local[*]} stands for
     * @return N for {@code local[N]} or {@code local[N,F]}, 1 for {@code local}; empty for a cluster
     */
    static OptionalInt localTasks(String master, int processors) {
        Matcher m = LOCAL.matcher(master.strip());
        if (!m.matches()) {
            return OptionalInt.empty();
        }
        String n = m.group(1);
        return OptionalInt.of(n == null ? 1 : n.equals("*") ? processors : Integer.parseInt(n));
    }

    /**
     * The problem when the sweep's runs cannot train in the driver's heap (local mode), or null.
     *
     * @param plan         the sweep's runs
     * @param trainingSize the training examples of each run
     * @param tasks        the runs that train at once
     * @param free         bytes free in the heap now, with the data loaded
     * @param maxMemory    the heap's limit
     * @return the problem, naming what was needed and what there is, and what to change
     */
    static @Nullable String localProblem(List<SweepRunner.PlannedRun> plan, int trainingSize, int tasks, long free, long maxMemory) {
        long needed = saturatedAdd(atOnce(plan, trainingSize, tasks), arriving(plan, tasks));
        if (needed <= free) {
            return null;
        }
        SweepRunner.PlannedRun largest = largest(plan);
        return "the sweep's " + plan.size() + (plan.size() == 1 ? " run" : " runs") + ", " + Math.min(tasks, plan.size())
                + " at a time, need about " + Footprint.megabytes(needed) + " (the largest, " + SweepRunner.describe(largest.settings())
                + ", has " + parameters(largest) + " parameters and needs about "
                + Footprint.megabytes(Footprint.bytes(largest.experiment(), trainingSize, KEPT_EPOCHS, true)) + " while it trains)"
                + " but the JVM may use at most " + Footprint.megabytes(maxMemory) + ", of which " + Footprint.megabytes(Math.max(0, free))
                + " are free; train fewer at a time (--master local[N]) or raise the limit with PURENET_JAVA_OPTS=-Xmx"
                + Footprint.heapSize(maxMemory - free + needed + needed / 4);
    }

    /**
     * The problem when the runs that one executor trains at once cannot fit its memory, or null.
     *
     * @param plan           the sweep's runs
     * @param trainingSize   the training examples of each run
     * @param executorCores  the tasks an executor runs at once ({@code spark.executor.cores})
     * @param executorMemory the executor's heap ({@code spark.executor.memory})
     * @return the problem, naming what was needed and what there is, and what to change
     */
    static @Nullable String executorProblem(List<SweepRunner.PlannedRun> plan, int trainingSize, int executorCores, long executorMemory) {
        long needed = atOnce(plan, trainingSize, executorCores);
        long usable = executorMemory - SPARK_RESERVED;
        if (needed <= usable) {
            return null;
        }
        SweepRunner.PlannedRun largest = largest(plan);
        return "an executor trains " + Math.min(executorCores, plan.size()) + " of the sweep's runs at a time (spark.executor.cores="
                + executorCores + "), which need about " + Footprint.megabytes(needed) + " (the largest, "
                + SweepRunner.describe(largest.settings()) + ", has " + parameters(largest) + " parameters), but spark.executor.memory="
                + Footprint.megabytes(executorMemory) + " leaves " + Footprint.megabytes(Math.max(0, usable))
                + " after Spark's reserved 300 MB; set spark.executor.memory to at least "
                + Footprint.heapSize(needed + SPARK_RESERVED + needed / 4) + " or spark.executor.cores lower";
    }

    /**
     * The problem when a cluster's driver cannot hold the results that reach it at once, or null.
     *
     * @param plan      the sweep's runs
     * @param arriving  the results that may arrive at once ({@code spark.resultGetter.threads})
     * @param free      bytes free in the driver's heap now, with the data loaded
     * @param maxMemory the driver's heap limit
     * @return the problem, naming what was needed and what there is, and what to change
     */
    static @Nullable String driverProblem(List<SweepRunner.PlannedRun> plan, int arriving, long free, long maxMemory) {
        long needed = arriving(plan, arriving);
        if (needed <= free) {
            return null;
        }
        SweepRunner.PlannedRun largest = largest(plan);
        return "the driver reads up to " + Math.min(arriving, plan.size()) + " finished runs at a time (spark.resultGetter.threads="
                + arriving + "), which need about " + Footprint.megabytes(needed) + " as they arrive (the largest, "
                + SweepRunner.describe(largest.settings()) + ", has " + parameters(largest) + " parameters and comes back as about "
                + Footprint.megabytes(resultBytes(largest)) + " of JSON), but the driver's heap is at most "
                + Footprint.megabytes(maxMemory) + ", of which " + Footprint.megabytes(Math.max(0, free)) + " are free; give the driver"
                + " at least " + Footprint.heapSize(maxMemory - free + needed + needed / 4) + " (PURENET_JAVA_OPTS=-Xmx... for"
                + " purenet sweep, --driver-memory for spark-submit)";
    }

    /**
     * The {@code spark.driver.maxResultSize} a sweep sets when it is not given: Spark drops a
     * result larger than that after its run has trained, and fails the run.
     *
     * @param plan the sweep's runs
     * @return the setting that holds the largest run's result, or empty when Spark's default does
     */
    static Optional<String> resultSizeSetting(List<SweepRunner.PlannedRun> plan) {
        long needed = resultBytes(largest(plan));
        return needed <= SPARK_MAX_RESULT_SIZE ? Optional.empty() : Optional.of(Footprint.heapSize(needed + needed / 4));
    }

    /**
     * The problem when a given {@code spark.driver.maxResultSize} is smaller than a run's result,
     * which Spark would drop after the run had trained, or null.
     *
     * @param plan          the sweep's runs
     * @param maxResultSize the setting in bytes, 0 for no limit
     * @return the problem, naming the run, its result's size and the setting to give
     */
    static @Nullable String resultSizeProblem(List<SweepRunner.PlannedRun> plan, long maxResultSize) {
        SweepRunner.PlannedRun largest = largest(plan);
        long needed = resultBytes(largest);
        if (maxResultSize <= 0 || needed <= maxResultSize) {
            return null;
        }
        return "run " + SweepRunner.describe(largest.settings()) + " comes back to the driver as about " + Footprint.megabytes(needed)
                + " of JSON (its best and final networks, " + parameters(largest) + " parameters), more than spark.driver.maxResultSize="
                + Footprint.megabytes(maxResultSize) + ", so Spark would drop it after it had trained; set spark.driver.maxResultSize"
                + " to at least " + Footprint.heapSize(needed + needed / 4) + ", or 0 for no limit";
    }

    /** The bytes of the {@code tasks} largest runs, which may train at the same time. */
    private static long atOnce(List<SweepRunner.PlannedRun> plan, int trainingSize, int tasks) {
        return plan.stream().map(r -> Footprint.bytes(r.experiment(), trainingSize, KEPT_EPOCHS, true))
                .sorted(Comparator.reverseOrder()).limit(Math.max(1, tasks)).reduce(0L, SweepMemory::saturatedAdd);
    }

    /** The {@code count} largest results, serialized and read at the same time. */
    private static long arriving(List<SweepRunner.PlannedRun> plan, int count) {
        return plan.stream().map(SweepMemory::resultBytes).sorted(Comparator.reverseOrder()).limit(Math.max(1, count))
                .reduce(0L, (a, b) -> saturatedAdd(a, saturatedMultiply(2, b)));
    }

    /** A run's result: its two networks' JSON, as Spark serializes it. */
    private static long resultBytes(SweepRunner.PlannedRun run) {
        return saturatedMultiply(RESULT_BYTES_PER_PARAMETER, parameters(run));
    }

    private static SweepRunner.PlannedRun largest(List<SweepRunner.PlannedRun> plan) {
        return plan.stream().max(Comparator.comparingLong(SweepMemory::parameters)).orElseThrow();
    }

    private static long parameters(SweepRunner.PlannedRun run) {
        return Footprint.parameters(run.experiment().architecture());
    }

    private static long saturatedAdd(long a, long b) {
        long sum = a + b;
        return ((a ^ sum) & (b ^ sum)) < 0 ? Long.MAX_VALUE : sum;
    }

    private static long saturatedMultiply(long a, long b) {
        long high = Math.multiplyHigh(a, b);
        return high != 0 || a * b < 0 ? Long.MAX_VALUE : a * b;
    }
}
