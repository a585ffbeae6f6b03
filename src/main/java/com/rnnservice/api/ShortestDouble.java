package com.rnnservice.api;

import java.math.BigInteger;

/**
 * Writes a double as the shortest decimal that reads back to it, in the format of Java's
 * {@code Double.toString} (Java 19 and later: plain from 10⁻³ up to 10⁷, else {@code d.dddE±n}),
 * straight into a buffer of ASCII bytes. This is R. Giulietti's Schubfach algorithm ("The Schubfach way to
 * render doubles", 2020), which Jackson's fast double writer also implements; written here to put the
 * digits where the answer is being built, without a string and a decoder object per number, and on
 * {@link Math#multiplyHigh}. {@code ShortestDoubleTest} holds it to Jackson's output, character for
 * character.
 */
final class ShortestDouble {

    /**
     * The room one double needs while it is written: a sign, and 22 bytes in which the digits are put down
     * before they are moved into place; the longest result is 24 ("-1.2345678901234567E-308").
     */
    static final int MAX_BYTES = 25;

    private static final int PRECISION = 53;

    private static final int Q_MIN = -1074;

    private static final long C_MIN = 1L << (PRECISION - 1);

    private static final long C_TINY = 3;

    private static final int K_MIN = -324;

    private static final int K_MAX = 292;

    private static final int DIGITS = 17;

    private static final long MASK_63 = Long.MAX_VALUE;

    /**
     * For each k in [K_MIN, K_MAX], g = ⌊10⁻ᵏ · 2^(125 − ⌊log₂ 10⁻ᵏ⌋)⌋ + 1, which lies in [2¹²⁵, 2¹²⁶), as
     * its upper 63 bits (even index) and lower 63 bits (odd index).
     */
    private static final long[] G = powersOfTen();

    private static final long[] POW10 = new long[DIGITS + 1];

    /** "00", "01", … "99": two digits at a time. */
    private static final byte[] PAIRS = new byte[200];

    static {
        POW10[0] = 1;
        for (int i = 1; i < POW10.length; i++) {
            POW10[i] = POW10[i - 1] * 10;
        }
        for (int i = 0; i < 100; i++) {
            PAIRS[2 * i] = (byte) ('0' + i / 10);
            PAIRS[2 * i + 1] = (byte) ('0' + i % 10);
        }
    }

    private ShortestDouble() {
    }

    private static long[] powersOfTen() {
        long[] g = new long[2 * (K_MAX - K_MIN + 1)];
        for (int k = K_MIN; k <= K_MAX; k++) {
            int shift = 125 - floorLog2Pow10(-k);
            BigInteger beta;
            if (k <= 0) {
                BigInteger tenPow = BigInteger.TEN.pow(-k);
                beta = shift >= 0 ? tenPow.shiftLeft(shift) : tenPow.shiftRight(-shift);
            }
            else {
                beta = BigInteger.ONE.shiftLeft(shift).divide(BigInteger.TEN.pow(k));
            }
            BigInteger value = beta.add(BigInteger.ONE);
            g[2 * (k - K_MIN)] = value.shiftRight(63).longValueExact();
            g[2 * (k - K_MIN) + 1] = value.longValue() & MASK_63;
        }
        return g;
    }

    /** ⌊q · log₁₀ 2⌋, exact for |q| up to a few thousand. */
    private static int floorLog10Pow2(int q) {
        return (int) (q * 661_971_961_083L >> 41);
    }

    /** ⌊log₁₀ (3/4 · 2^q)⌋. */
    private static int floorLog10ThreeQuartersPow2(int q) {
        return (int) (q * 661_971_961_083L - 274_743_187_321L >> 41);
    }

    /** ⌊e · log₂ 10⌋. */
    private static int floorLog2Pow10(int e) {
        return (int) (e * 913_124_641_741L >> 38);
    }

    /**
     * Writes {@code v} into {@code out} from {@code at} as ASCII, which must leave {@link #MAX_BYTES} bytes free.
     *
     * @return the position after the last character written
     */
    static int write(double v, byte[] out, int at) {
        long bits = Double.doubleToRawLongBits(v);
        long fraction = bits & (C_MIN - 1);
        int biasedExponent = (int) (bits >>> (PRECISION - 1)) & 0x7FF;
        if (biasedExponent == 0x7FF) {
            return text(fraction != 0 ? "NaN" : bits > 0 ? "Infinity" : "-Infinity", out, at);
        }
        if (bits < 0) {
            out[at++] = '-';
        }
        if (biasedExponent != 0) {
            int mq = -Q_MIN + 1 - biasedExponent;
            long c = C_MIN | fraction;
            if (0 < mq && mq < PRECISION) {
                long integer = c >> mq;
                if (integer << mq == c) {
                    return chars(integer, 0, out, at);
                }
            }
            return decimal(-mq, c, 0, out, at);
        }
        if (fraction != 0) {
            return fraction < C_TINY ? decimal(Q_MIN, 10 * fraction, -1, out, at) : decimal(Q_MIN, fraction, 0, out, at);
        }
        return text("0.0", out, at);
    }

    private static int text(String text, byte[] out, int at) {
        for (int i = 0; i < text.length(); i++) {
            out[at++] = (byte) text.charAt(i);
        }
        return at;
    }

    /** The shortest decimal in the rounding interval of c · 2^q, the closest to it where there are two. */
    private static int decimal(int q, long c, int dk, byte[] out, int at) {
        int odd = (int) c & 1;
        long cb = c << 2;
        long cbr = cb + 2;
        long cbl;
        int k;
        if (c != C_MIN || q == Q_MIN) {
            cbl = cb - 2;
            k = floorLog10Pow2(q);
        }
        else {
            cbl = cb - 1;
            k = floorLog10ThreeQuartersPow2(q);
        }
        int h = q + floorLog2Pow10(-k) + 2;
        int index = 2 * (k - K_MIN);
        long g1 = G[index];
        long g0 = G[index + 1];
        long vb = roundToOdd(g1, g0, cb << h);
        long vbl = roundToOdd(g1, g0, cbl << h);
        long vbr = roundToOdd(g1, g0, cbr << h);
        long s = vb >> 2;
        if (s >= 100) {
            long sp10 = 10 * (s / 10);
            long tp10 = sp10 + 10;
            boolean upIn = vbl + odd <= sp10 << 2;
            boolean wpIn = (tp10 << 2) + odd <= vbr;
            if (upIn != wpIn) {
                return chars(upIn ? sp10 : tp10, k, out, at);
            }
        }
        long t = s + 1;
        boolean uIn = vbl + odd <= s << 2;
        boolean wIn = (t << 2) + odd <= vbr;
        if (uIn != wIn) {
            return chars(uIn ? s : t, k + dk, out, at);
        }
        long cmp = vb - (s + t << 1);
        return chars(cmp < 0 || cmp == 0 && (s & 1) == 0 ? s : t, k + dk, out, at);
    }

    /** ⌊g · cp / 2¹²⁷⌋, its lowest bit set where the division was not exact. */
    private static long roundToOdd(long g1, long g0, long cp) {
        long x1 = Math.multiplyHigh(g0, cp);
        long y0 = g1 * cp;
        long y1 = Math.multiplyHigh(g1, cp);
        long z = (y0 >>> 1) + x1;
        long vbp = y1 + (z >>> 63);
        return vbp | ((z & MASK_63) + MASK_63) >>> 63;
    }

    /**
     * The eight digits of v (0 ≤ v < 10^8, leading zeros written) at out[at … at + 7]: cut into four pairs by
     * two divisions each, which do not wait for one another, where one digit at a time is a chain of eight.
     */
    private static void eightDigits(int v, byte[] out, int at) {
        int high = v / 10_000;
        int low = v - high * 10_000;
        int a = high / 100;
        int b = high - a * 100;
        int c = low / 100;
        int d = low - c * 100;
        out[at] = PAIRS[2 * a];
        out[at + 1] = PAIRS[2 * a + 1];
        out[at + 2] = PAIRS[2 * b];
        out[at + 3] = PAIRS[2 * b + 1];
        out[at + 4] = PAIRS[2 * c];
        out[at + 5] = PAIRS[2 * c + 1];
        out[at + 6] = PAIRS[2 * d];
        out[at + 7] = PAIRS[2 * d + 1];
    }

    /** Writes f · 10^e (f > 0, at most 17 digits) in Double.toString's format. */
    private static int chars(long f, int e, byte[] out, int at) {
        int length = DIGITS;
        while (length > 1 && f < POW10[length - 1]) {
            length--;
        }
        f *= POW10[DIGITS - length];
        e += length;
        // f now has 17 digits d1 … d17 and the value is 0.d1…d17 · 10^e; they are put down a little
        // further on and moved into place, which never overwrites one not yet moved
        int start = at + 5;
        long high = f / 100_000_000L;
        int upper = (int) high;
        int first = upper / 100_000_000;
        out[start] = (byte) ('0' + first);
        eightDigits(upper - first * 100_000_000, out, start + 1);
        eightDigits((int) (f - high * 100_000_000L), out, start + 9);
        int significant = DIGITS;
        while (significant > 1 && out[start + significant - 1] == '0') {
            significant--;
        }
        if (0 < e && e <= 7) {
            System.arraycopy(out, start, out, at, e);
            at += e;
            out[at++] = '.';
            if (significant > e) {
                System.arraycopy(out, start + e, out, at, significant - e);
                return at + significant - e;
            }
            out[at++] = '0';
            return at;
        }
        if (-3 < e && e <= 0) {
            out[at++] = '0';
            out[at++] = '.';
            for (int i = e; i < 0; i++) {
                out[at++] = '0';
            }
            System.arraycopy(out, start, out, at, significant);
            return at + significant;
        }
        out[at] = out[start];
        out[at + 1] = '.';
        at += 2;
        if (significant > 1) {
            System.arraycopy(out, start + 1, out, at, significant - 1);
            at += significant - 1;
        }
        else {
            out[at++] = '0';
        }
        out[at++] = 'E';
        int exponent = e - 1;
        if (exponent < 0) {
            out[at++] = '-';
            exponent = -exponent;
        }
        if (exponent >= 100) {
            out[at++] = (byte) ('0' + exponent / 100);
            exponent %= 100;
            out[at++] = (byte) ('0' + exponent / 10);
        }
        else if (exponent >= 10) {
            out[at++] = (byte) ('0' + exponent / 10);
        }
        out[at++] = (byte) ('0' + exponent % 10);
        return at;
    }
}
