package com.rnnservice.math;

/**
 * The activations of the cells' fused loops: the logistic sigmoid, and a tanh built on the JIT's
 * intrinsic {@link Math#exp}. {@link Math#tanh} is the C library's (fdlibm) on Java 17, reached through a
 * native call that costs about 19 ns an entry here, against about 6 ns for this one. It stays within a few
 * units in the last place of the exact value (checked against Math.tanh in ActivationsTest).
 */
final class Activations {

    /** Below it, tanh's Taylor series: its terms shrink twentyfold each, so thirteen reach 1e-17. */
    private static final double SERIES = 0.35;

    /** From it on, tanh(x) rounds to ±1. */
    private static final double SATURATED = 22;

    /** tanh x = Σ c_k x^(2k+1), c_k = 2^(2k+2)·(2^(2k+2) − 1)·B_(2k+2) / (2k+2)!, B the Bernoulli numbers. */
    private static final double[] TAYLOR = { 1.0, -0.3333333333333333, 0.13333333333333333, -0.05396825396825397,
            0.021869488536155203, -0.008863235529902197, 0.003592128036572481, -0.0014558343870513183,
            0.000590027440945586, -0.00023912911424355248, 9.691537956929451e-05, -3.927832388331683e-05,
            1.5918905069328964e-05 };

    /**
     * Entries of a step's element-wise work from which it is split across cores: the large size's 32,768
     * per gate gain (LSTM 1.43 s against 1.89 s, one run), the mid size's 4,096 do not.
     */
    private static final long PARALLEL = 16_384;

    private Activations() {
    }

    /** σ(z) = 1 / (1 + e^(−z)). */
    static double sigmoid(double z) {
        return 1.0 / (1.0 + Math.exp(-z));
    }

    /** tanh(x): the Taylor series near 0, 1 − 2 / (e^(2|x|) + 1) with x's sign beyond, ±1 where it saturates. */
    static double tanh(double x) {
        double ax = Math.abs(x);
        if (ax < SERIES) {
            double x2 = x * x;
            double sum = TAYLOR[TAYLOR.length - 1];
            for (int k = TAYLOR.length - 2; k >= 0; k--) {
                sum = sum * x2 + TAYLOR[k];
            }
            return x * sum;
        }
        if (ax >= SATURATED) {
            return Math.copySign(1.0, x);
        }
        return Math.copySign(1.0 - 2.0 / (Math.exp(2.0 * ax) + 1.0), x);
    }

    /** Runs a step's element-wise work over rows [0, rows) of m columns, split across cores where it is large enough. */
    static void rows(Kernel kernel, int rows, int m, Parallel.Rows body) {
        Parallel parallel = kernel.parallel();
        parallel.rows(rows, parallel.worthSplitting((long) rows * m, PARALLEL), body);
    }
}
