package com.rnnservice.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

import com.rnnservice.math.CellTypes;

/**
 * The estimate refuses, with a 413's limit, a request whose largest single matrix could not be one Java
 * array, even where the work limit and a large memory budget would let it through: the sums over every
 * step hold (gate rows, m · T_x) in one array. Shapes only: the estimate reads no entry, so the tensors
 * here carry none.
 */
class WorkEstimateTest {

    /** Work and memory limits far above anything here, as on a machine with a very large heap. */
    private static final Limits ROOMY = new Limits(DataSize.ofMegabytes(256), 100_000_000_000L,
            DataSize.ofTerabytes(64), 0, Duration.ofSeconds(10), 10, 100, 200_000, 10_000, 10_000_000);

    /** A tensor of this shape, every entry the one number of a one-entry array: the estimate reads shapes only. */
    private static Tensor shape(int... dims) {
        return Tensor.strided(dims, new double[1], 0, new int[dims.length]);
    }

    private static Map<String, Tensor> lstm(int nA, int nIn) {
        Map<String, Tensor> parameters = new LinkedHashMap<>();
        for (String w : new String[] { "Wf", "Wi", "Wc", "Wo" }) {
            parameters.put(w, shape(nA, nA + nIn));
        }
        for (String b : new String[] { "bf", "bi", "bc", "bo" }) {
            parameters.put(b, shape(nA, 1));
        }
        return parameters;
    }

    /** An LSTM sequence backward of these shapes through the estimate. */
    private static void sequence(int nX, int nA, int m, int steps) {
        WorkEstimate.check(ROOMY, CellTypes.LSTM, shape(nX, m, steps), shape(nA, m), lstm(nA, nX), 3, true);
    }

    /** What {@code estimate} throws; fails the test if it throws nothing. */
    private static LimitExceededException refused(ThrowingCallable estimate) {
        LimitExceededException refused = catchThrowableOfType(LimitExceededException.class, estimate);
        assertThat(refused).isNotNull();
        return refused;
    }

    @Test
    void aSequenceWhoseStepsSideBySideWouldNotFitOneArrayIsRefused() {
        // dz over every step: 4 · 10 rows, 1,000 · 60,000 columns = 2.4e9 entries; work 7.9e10, under 1e11
        LimitExceededException refused = refused(() -> sequence(1, 10, 1_000, 60_000));
        assertThat(refused.limit()).isEqualTo("memory");
        assertThat(refused.property()).isEqualTo("rnn.limits.memory-budget");
        assertThat(refused.getMessage()).contains("largest matrix").contains("2.40e+09").contains("2147483639");
    }

    @Test
    void justBelowTheArrayLimitPasses() {
        // 4 · 10 rows, 1,000 · 53,000 columns = 2.12e9 entries, under 2^31 − 9
        assertThatNoException().isThrownBy(() -> sequence(1, 10, 1_000, 53_000));
    }

    @Test
    void stackedWeightsThatWouldNotFitOneArrayAreRefused() {
        // [Wf; Wi; Wc; Wo]: 4 · 25,000 rows of 25,001 = 2.5e9 entries, one example, one step
        assertThat(refused(() -> sequence(1, 25_000, 1, 1)).getMessage()).contains("largest matrix");
    }

    @Test
    void aNetworkLayerWhoseStepsSideBySideWouldNotFitOneArrayIsRefused() {
        NetworkInputs.Layer layer = new NetworkInputs.Layer(lstm(10, 1), null, null, null, null, null);
        assertThat(refused(() -> WorkEstimate.checkNetwork(ROOMY, CellTypes.LSTM, shape(1, 1_000, 60_000), List.of(layer),
                null, 3, true)).getMessage()).startsWith("The network's largest matrix");
        assertThatNoException().isThrownBy(() -> WorkEstimate.checkNetwork(ROOMY, CellTypes.LSTM,
                shape(1, 1_000, 53_000), List.of(layer), null, 3, true));
    }
}
