package com.rnnservice.math;

import java.util.function.DoubleUnaryOperator;

/**
 * NumPy's legacy {@code RandomState}, for {@code np.random.seed(seed)} followed by
 * {@code np.random.randn(...)}: the Mersenne Twister MT19937 seeded as NumPy seeds it from an integer,
 * 53-bit doubles from two 32-bit outputs, and the polar Box–Muller method, which makes two normals
 * from each accepted pair and keeps the second for the next call. Not thread-safe.
 */
public final class NumpyRandomState {

    /** The largest seed NumPy accepts, 2^32 − 1. */
    public static final long MAX_SEED = 0xFFFF_FFFFL;

    private static final int N = 624;

    private static final int M = 397;

    private static final int MATRIX_A = 0x9908_b0df;

    private static final int UPPER_MASK = 0x8000_0000;

    private static final int LOWER_MASK = 0x7fff_ffff;

    private final int[] mt = new int[N];

    private final DoubleUnaryOperator log;

    private int position;

    private boolean hasSpare;

    private double spare;

    /**
     * The state {@code np.random.seed(seed)} sets.
     *
     * @param seed from 0 to 2^32 − 1
     * @param log the natural logarithm to use; NumPy uses the C library's ({@link PlatformLog#log})
     */
    public NumpyRandomState(long seed, DoubleUnaryOperator log) {
        if (seed < 0 || seed > MAX_SEED) {
            throw new IllegalArgumentException("seed must be between 0 and 2^32 - 1, got " + seed);
        }
        this.log = log;
        this.mt[0] = (int) seed;
        for (int i = 1; i < N; i++) {
            int previous = this.mt[i - 1];
            this.mt[i] = 1812433253 * (previous ^ (previous >>> 30)) + i;
        }
        this.position = N;
    }

    /** The next 32 random bits, as an unsigned value in an int. */
    int nextInt32() {
        if (this.position >= N) {
            twist();
        }
        int y = this.mt[this.position++];
        y ^= y >>> 11;
        y ^= (y << 7) & 0x9d2c_5680;
        y ^= (y << 15) & 0xefc6_0000;
        y ^= y >>> 18;
        return y;
    }

    /** A double uniform on [0, 1) with 53 random bits: (a·2^26 + b) / 2^53 from a = next >> 5, b = next >> 6. */
    public double nextDouble() {
        long a = Integer.toUnsignedLong(nextInt32()) >>> 5;
        long b = Integer.toUnsignedLong(nextInt32()) >>> 6;
        return (a * 67108864.0 + b) / 9007199254740992.0;
    }

    /** A standard normal, as NumPy's legacy {@code gauss}. */
    public double nextGaussian() {
        if (this.hasSpare) {
            this.hasSpare = false;
            double value = this.spare;
            this.spare = 0;
            return value;
        }
        double x1;
        double x2;
        double r2;
        do {
            x1 = 2.0 * nextDouble() - 1.0;
            x2 = 2.0 * nextDouble() - 1.0;
            r2 = x1 * x1 + x2 * x2;
        }
        while (r2 >= 1.0 || r2 == 0.0);
        double f = Math.sqrt(-2.0 * this.log.applyAsDouble(r2) / r2);
        this.spare = f * x1;
        this.hasSpare = true;
        return f * x2;
    }

    private void twist() {
        int k = 0;
        for (; k < N - M; k++) {
            int y = (this.mt[k] & UPPER_MASK) | (this.mt[k + 1] & LOWER_MASK);
            this.mt[k] = this.mt[k + M] ^ (y >>> 1) ^ (-(y & 1) & MATRIX_A);
        }
        for (; k < N - 1; k++) {
            int y = (this.mt[k] & UPPER_MASK) | (this.mt[k + 1] & LOWER_MASK);
            this.mt[k] = this.mt[k + (M - N)] ^ (y >>> 1) ^ (-(y & 1) & MATRIX_A);
        }
        int y = (this.mt[N - 1] & UPPER_MASK) | (this.mt[0] & LOWER_MASK);
        this.mt[N - 1] = this.mt[M - 1] ^ (y >>> 1) ^ (-(y & 1) & MATRIX_A);
        this.position = 0;
    }
}
