package com.rnnservice.math;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;

import org.junit.jupiter.api.Test;

/** The cells' tanh against the C library's ({@link Math#tanh}), in units in the last place. */
class ActivationsTest {

    /** The most units in the last place the exp-based tanh may differ from Math.tanh. */
    private static final double ULPS = 4;

    @Test
    void tanhStaysWithinAFewUlpsOfTheCLibrarys() {
        Random random = new Random(42);
        double worst = 0;
        for (int k = 0; k < 2_000_000; k++) {
            // magnitudes from 1e-9 to about 30, both signs, and the neighbourhood of the series' edge
            double x = k % 4 == 0 ? (random.nextDouble() - 0.5) * 0.8 : Math.copySign(Math.exp(random.nextDouble() * 24 - 20.7),
                    random.nextBoolean() ? 1 : -1);
            worst = Math.max(worst, ulps(Activations.tanh(x), Math.tanh(x)));
        }
        assertThat(worst).isLessThanOrEqualTo(ULPS);
    }

    @Test
    void tanhKeepsItsShapeAtTheEdges() {
        assertThat(Activations.tanh(0.0)).isEqualTo(0.0);
        assertThat(1 / Activations.tanh(-0.0)).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(Activations.tanh(1e-300)).isEqualTo(1e-300);
        assertThat(Activations.tanh(Double.POSITIVE_INFINITY)).isEqualTo(1.0);
        assertThat(Activations.tanh(Double.NEGATIVE_INFINITY)).isEqualTo(-1.0);
        assertThat(Activations.tanh(22.0)).isEqualTo(1.0);
        assertThat(Activations.tanh(-700.0)).isEqualTo(-1.0);
        assertThat(Activations.tanh(Double.NaN)).isNaN();
        for (double x : new double[] { 0.3499999999999999, 0.35, 0.35000000000000003, 21.999999999999996 }) {
            assertThat(ulps(Activations.tanh(x), Math.tanh(x))).as("x = " + x).isLessThanOrEqualTo(ULPS);
            assertThat(Activations.tanh(-x)).isEqualTo(-Activations.tanh(x));
        }
    }

    @Test
    void tanhIsMonotoneAcrossTheSeriesEdge() {
        double previous = Activations.tanh(Math.nextDown(0.35) - 1e-13);
        for (double x = Math.nextDown(0.35) - 1e-13; x < 0.35 + 1e-13; x = Math.nextUp(x)) {
            double y = Activations.tanh(x);
            assertThat(y).isGreaterThanOrEqualTo(previous);
            previous = y;
        }
    }

    private static double ulps(double a, double b) {
        return a == b ? 0 : Math.abs(a - b) / Math.ulp(b);
    }
}
