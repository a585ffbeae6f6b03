package com.rnnservice.math;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Splits work that is large enough across a number of cores: a range of rows is cut into one chunk per core,
 * the calling thread takes chunks as well as the helpers, and the call returns when every chunk is done.
 * Helpers only ever run chunks, never wait for other work, so callers on many threads at once cannot
 * deadlock; a helper that starts late finds the chunks taken and returns. A chunk that asks for a split of its
 * own runs it whole: the cores are busy with its siblings already.
 *
 * <p>The core count is given, not read from the machine, so that a test on one core runs the split paths too.
 */
public final class Parallel {

    private final int cores;

    private volatile ExecutorService helpers;

    /** Whether this thread is running a chunk. */
    private static final ThreadLocal<Boolean> IN_CHUNK = ThreadLocal.withInitial(() -> false);

    /** Body of a chunk: the rows from (inclusive) to (exclusive). */
    @FunctionalInterface
    public interface Rows {

        void run(int from, int to);
    }

    /** @param cores how many chunks a split range is cut into, at least 1 */
    public Parallel(int cores) {
        Check.that(cores >= 1, () -> "a core count is at least 1, not " + cores);
        this.cores = cores;
    }

    /** One chunk per core of this machine. */
    public static Parallel ofMachine() {
        return new Parallel(Runtime.getRuntime().availableProcessors());
    }

    /** How many chunks a split range is cut into. */
    public int cores() {
        return this.cores;
    }

    /** Whether work this large is worth a split: above the cost of handing a chunk to another thread. */
    boolean worthSplitting(long work, long threshold) {
        return this.cores >= 2 && work >= threshold;
    }

    /** Runs {@code body} over rows [0, n), split across the cores if {@code split}, else in this thread. */
    void rows(int n, boolean split, Rows body) {
        int chunks = split && !IN_CHUNK.get() ? Math.min(this.cores, n) : 1;
        if (chunks < 2) {
            body.run(0, n);
            return;
        }
        AtomicInteger next = new AtomicInteger();
        CountDownLatch done = new CountDownLatch(chunks);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Runnable worker = () -> {
            int chunk;
            IN_CHUNK.set(true);
            try {
                while ((chunk = next.getAndIncrement()) < chunks) {
                    try {
                        body.run(n * chunk / chunks, n * (chunk + 1) / chunks);
                    }
                    catch (Throwable ex) {
                        failure.compareAndSet(null, ex);
                    }
                    finally {
                        done.countDown();
                    }
                }
            }
            finally {
                IN_CHUNK.set(false);
            }
        };
        ExecutorService pool = helpers();
        for (int h = 0; h < chunks - 1; h++) {
            pool.execute(worker);
        }
        worker.run();
        try {
            done.await();
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the other cores finished their share", ex);
        }
        Throwable ex = failure.get();
        if (ex instanceof RuntimeException runtime) {
            throw runtime;
        }
        if (ex instanceof Error error) {
            throw error;
        }
    }

    /** The helper threads, cores − 1 of them, made on first use; daemons, so that they never hold the JVM up. */
    private ExecutorService helpers() {
        ExecutorService pool = this.helpers;
        if (pool == null) {
            synchronized (this) {
                pool = this.helpers;
                if (pool == null) {
                    pool = Executors.newFixedThreadPool(this.cores - 1, work -> {
                        Thread thread = new Thread(work, "rnn-parallel");
                        thread.setDaemon(true);
                        return thread;
                    });
                    this.helpers = pool;
                }
            }
        }
        return pool;
    }
}
