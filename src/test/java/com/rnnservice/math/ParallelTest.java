package com.rnnservice.math;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.apache.commons.math3.linear.RealMatrix;
import org.junit.jupiter.api.Test;

/**
 * {@link Parallel}: every row is run once, a chunk's own request for a split runs whole in its thread,
 * a failure reaches the caller, and many callers at once (each splitting a sequence's batch) all get the
 * answer one caller alone gets.
 */
class ParallelTest {

    @Test
    void everyRowRunsOnceAndNestedSplitsStayInTheirChunk() {
        int n = 1000;
        int[] runs = new int[n];
        Set<String> nestedThreads = ConcurrentHashMap.newKeySet();
        List<int[]> nestedRanges = Collections.synchronizedList(new ArrayList<>());
        Parallel.rows(n, true, (from, to) -> {
            for (int i = from; i < to; i++) {
                runs[i]++;
            }
            String outer = Thread.currentThread().getName();
            Parallel.rows(10, true, (f, t) -> {
                nestedRanges.add(new int[] { f, t });
                assertThat(Thread.currentThread().getName()).isEqualTo(outer);
                nestedThreads.add(outer);
            });
        });
        assertThat(runs).containsOnly(1);
        // each chunk ran its nested split as one range, [0, 10), in its own thread
        assertThat(nestedRanges).allSatisfy(range -> assertThat(range).containsExactly(0, 10));
        assertThat(nestedRanges).hasSize(Parallel.CORES < 2 ? 1 : Math.min(Parallel.CORES, n));
        // and once the split is over, this thread splits again
        List<int[]> after = Collections.synchronizedList(new ArrayList<>());
        Parallel.rows(n, true, (from, to) -> after.add(new int[] { from, to }));
        assertThat(after).hasSize(Parallel.CORES < 2 ? 1 : Math.min(Parallel.CORES, n));
    }

    @Test
    void aChunksFailureReachesTheCaller() {
        assertThatThrownBy(() -> Parallel.rows(100, true, (from, to) -> {
            if (to == 100) {
                throw new IllegalStateException("last chunk failed");
            }
        })).isInstanceOf(IllegalStateException.class).hasMessage("last chunk failed");
    }

    @Test
    void concurrentCallersSplittingTheirBatchesGetTheAnswerOfOneCallerAlone() throws Exception {
        Random random = new Random(5);
        int nX = 9;
        int nA = 64;
        int m = 12;
        int steps = 40;
        Cell<?> cell = LstmCell.TYPE.create(FiniteDifferences.parameters(LstmCell.TYPE, random, nX, nA, 0.15));
        List<RealMatrix> x = new ArrayList<>();
        List<RealMatrix> da = new ArrayList<>();
        for (int t = 0; t < steps; t++) {
            x.add(FiniteDifferences.random(random, nX, m, 1.0));
            da.add(FiniteDifferences.random(random, nA, m, 1.0));
        }
        State initial = new State(FiniteDifferences.random(random, nA, m, 1.0), FiniteDifferences.random(random, nA, m, 1.0));
        assertThat(Sequence.batchBlocks(cell, nA, m, steps)).isEqualTo(Parallel.CORES < 2 ? 1 : Math.min(Parallel.CORES, m));
        SequenceGradients alone = Sequence.gradients(cell, x, initial, da);

        ExecutorService callers = Executors.newFixedThreadPool(8);
        try {
            List<Future<SequenceGradients>> answers = new ArrayList<>();
            for (int k = 0; k < 24; k++) {
                answers.add(callers.submit(() -> Sequence.gradients(cell, x, initial, da)));
            }
            for (Future<SequenceGradients> answer : answers) {
                SequenceGradients g = answer.get(60, TimeUnit.SECONDS);
                for (int t = 0; t < steps; t++) {
                    assertThat(g.dx().get(t).getData()).isDeepEqualTo(alone.dx().get(t).getData());
                }
                assertThat(g.dInitial().a().getData()).isDeepEqualTo(alone.dInitial().a().getData());
                assertThat(g.dInitial().c().getData()).isDeepEqualTo(alone.dInitial().c().getData());
                alone.parameters().forEach((name, value) ->
                        assertThat(g.parameters().get(name).getData()).as(name).isDeepEqualTo(value.getData()));
            }
        }
        finally {
            callers.shutdownNow();
        }
    }
}
