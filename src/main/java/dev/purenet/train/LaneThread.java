package dev.purenet.train;

import java.util.concurrent.locks.LockSupport;
import org.jspecify.annotations.Nullable;

/**
 * The thread of one of a workspace's extra lanes: it runs one task at a time, handed to it by the
 * workspace's thread, which then waits for it. Both sides spin for a short while before they
 * park: waking a parked thread costs tens of microseconds (more on a virtual machine, whose idle
 * processor must be woken too), and a mini-batch hands over twice, every millisecond or so, so a
 * pool's wake-ups cost as much as the second thread saved. Closed with the workspace; a daemon,
 * so a workspace nobody closed never keeps the JVM alive.
 */
final class LaneThread implements AutoCloseable {
    /** How long either side spins before it parks: longer than a mini-batch's serial part (sum and update). */
    private static final long SPIN_NANOS = 300_000;
    /** The waiting workspace thread parks this long at a time once it has spun (the lane does not wake it). */
    private static final long PARK_NANOS = 20_000;

    private final Thread thread;
    private volatile @Nullable Runnable task;
    private volatile boolean finished = true;
    private volatile boolean closed;
    /** Set by the lane before {@code finished}, read by the workspace's thread after it. */
    private @Nullable Throwable failure;

    LaneThread() {
        thread = new Thread(this::serve, "purenet-lane");
        thread.setDaemon(true);
        thread.start();
    }

    /** Hands {@code work} to the lane; the previous task must have been awaited. */
    void start(Runnable work) {
        finished = false;
        task = work;
        LockSupport.unpark(thread);
    }

    /** Waits until the task handed over last has run; rethrows what it threw. */
    void await() {
        long spinUntil = System.nanoTime() + SPIN_NANOS;
        while (!finished) {
            if (System.nanoTime() < spinUntil) {
                Thread.onSpinWait();
            } else {
                LockSupport.parkNanos(this, PARK_NANOS);
            }
        }
        Throwable thrown = failure;
        if (thrown != null) {
            failure = null;
            if (thrown instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (thrown instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(thrown);
        }
    }

    @Override
    public void close() {
        closed = true;
        LockSupport.unpark(thread);
    }

    private void serve() {
        while (true) {
            Runnable work = nextTask();
            if (work == null) {
                return;
            }
            try {
                work.run();
            } catch (Throwable e) {
                failure = e;
            }
            finished = true;
        }
    }

    /** The next task, spinning and then parking until there is one; null once closed. */
    private @Nullable Runnable nextTask() {
        long spinUntil = System.nanoTime() + SPIN_NANOS;
        while (true) {
            if (closed) {
                return null;
            }
            Runnable work = task;
            if (work != null) {
                task = null;
                return work;
            }
            if (System.nanoTime() < spinUntil) {
                Thread.onSpinWait();
            } else {
                // start() unparks after setting the task, so a task set just before this park is not missed.
                LockSupport.park(this);
            }
        }
    }
}
