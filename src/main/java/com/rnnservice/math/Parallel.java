package com.rnnservice.math;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Splits work that is large enough across the machine's cores: a range of rows is cut into one chunk per
 * core, the calling thread takes chunks as well as the helpers, and the call returns when every chunk is
 * done. Helpers only ever run chunks, never wait for other work, so callers on many threads at once cannot
 * deadlock; a helper that starts late finds the chunks taken and returns. A chunk that asks for a split
 * of its own runs it whole: the cores are busy with its siblings already.
 */
final class Parallel {

    /** How many chunks a range is cut into: the available processors. */
    static final int CORES = Runtime.getRuntime().availableProcessors();

    private static final ExecutorService HELPERS = CORES < 2 ? null
            : Executors.newFixedThreadPool(CORES - 1, work -> {
                Thread thread = new Thread(work, "rnn-parallel");
                thread.setDaemon(true);
                return thread;
            });

    /** Whether this thread is running a chunk. */
    private static final ThreadLocal<Boolean> IN_CHUNK = ThreadLocal.withInitial(() -> false);

    /** Body of a chunk: the rows from (inclusive) to (exclusive). */
    @FunctionalInterface
    interface Rows {

        void run(int from, int to);
    }

    private Parallel() {
    }

    /** Whether work this large is worth a split: above the cost of handing a chunk to another thread. */
    static boolean worthSplitting(long work, long threshold) {
        return HELPERS != null && work >= threshold;
    }

    /** Runs {@code body} over rows [0, n), split across the cores if {@code split}, else in this thread. */
    static void rows(int n, boolean split, Rows body) {
        int chunks = split && !IN_CHUNK.get() ? Math.min(CORES, n) : 1;
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
        for (int h = 0; h < chunks - 1; h++) {
            HELPERS.execute(worker);
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
}
