package com.rnnservice.math;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicIntegerArray;

import org.junit.jupiter.api.Test;

/**
 * A split range is covered once, in one chunk per core given (on a machine of any size), a chunk that asks for a
 * split of its own runs whole, a failure in any chunk reaches the caller, and many callers at once all finish.
 */
class ParallelTest {

    private final Parallel four = new Parallel(4);

    @Test
    void aSplitRangeIsCoveredOnceInOneChunkPerCore() {
        int n = 103;
        AtomicIntegerArray seen = new AtomicIntegerArray(n);
        List<int[]> chunks = Collections.synchronizedList(new ArrayList<>());
        this.four.rows(n, true, (from, to) -> {
            chunks.add(new int[] { from, to });
            for (int i = from; i < to; i++) {
                seen.incrementAndGet(i);
            }
        });
        assertThat(chunks).hasSize(4);
        for (int i = 0; i < n; i++) {
            assertThat(seen.get(i)).as("row " + i).isEqualTo(1);
        }
        List<int[]> whole = new ArrayList<>();
        this.four.rows(n, false, (from, to) -> whole.add(new int[] { from, to }));
        assertThat(whole).containsExactly(new int[] { 0, n });
        List<int[]> few = Collections.synchronizedList(new ArrayList<>());
        this.four.rows(3, true, (from, to) -> few.add(new int[] { from, to }));
        assertThat(few).as("no more chunks than rows").hasSize(3);
    }

    @Test
    void aChunkThatAsksForASplitRunsItWhole() {
        List<int[]> nested = Collections.synchronizedList(new ArrayList<>());
        this.four.rows(8, true, (from, to) -> this.four.rows(10, true, (f, t) -> nested.add(new int[] { f, t })));
        assertThat(nested).hasSize(4).allSatisfy(range -> assertThat(range).containsExactly(0, 10));
    }

    @Test
    void oneCoreNeverSplits() {
        Parallel one = new Parallel(1);
        assertThat(one.worthSplitting(Long.MAX_VALUE, 1)).isFalse();
        List<int[]> chunks = new ArrayList<>();
        one.rows(50, true, (from, to) -> chunks.add(new int[] { from, to }));
        assertThat(chunks).containsExactly(new int[] { 0, 50 });
        assertThatThrownBy(() -> new Parallel(0)).hasMessage("a core count is at least 1, not 0");
    }

    @Test
    void aFailureInAnyChunkReachesTheCaller() {
        assertThatThrownBy(() -> this.four.rows(100, true, (from, to) -> {
            if (from > 0) {
                throw new IllegalStateException("chunk from " + from);
            }
        })).isInstanceOf(IllegalStateException.class).hasMessageStartingWith("chunk from");
    }

    @Test
    void manyCallersAtOnceAllFinish() throws Exception {
        ExecutorService callers = Executors.newFixedThreadPool(8);
        try {
            List<Future<Integer>> sums = new ArrayList<>();
            for (int c = 0; c < 32; c++) {
                sums.add(callers.submit(() -> {
                    AtomicIntegerArray seen = new AtomicIntegerArray(1000);
                    this.four.rows(1000, true, (from, to) -> {
                        for (int i = from; i < to; i++) {
                            seen.incrementAndGet(i);
                        }
                    });
                    int total = 0;
                    for (int i = 0; i < 1000; i++) {
                        total += seen.get(i);
                    }
                    return total;
                }));
            }
            for (Future<Integer> sum : sums) {
                assertThat(sum.get()).isEqualTo(1000);
            }
        }
        finally {
            callers.shutdown();
        }
    }
}
