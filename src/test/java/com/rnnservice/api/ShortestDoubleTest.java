package com.rnnservice.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Random;

import org.junit.jupiter.api.Test;

import tools.jackson.core.io.NumberOutput;

/**
 * The answer's numbers, character for character what Jackson's fast (Schubfach) writer writes, which is
 * Java 19's {@code Double.toString}: the shortest decimal that reads back to the same double.
 */
class ShortestDoubleTest {

    private static String ours(double v) {
        byte[] out = new byte[ShortestDouble.MAX_BYTES];
        return new String(out, 0, ShortestDouble.write(v, out, 0), StandardCharsets.US_ASCII);
    }

    private static void same(double v) {
        String expected = NumberOutput.toString(v, true);
        assertThat(ours(v)).as("bits %016x", Double.doubleToRawLongBits(v)).isEqualTo(expected);
        if (Double.isFinite(v)) {
            assertThat(Double.parseDouble(ours(v))).isEqualTo(v);
        }
    }

    private static void aroundToo(double v) {
        same(v);
        same(Math.nextUp(v));
        same(Math.nextDown(v));
        same(-v);
    }

    @Test
    void specialValuesAndFormatBoundaries() {
        for (double v : new double[] { 0.0, -0.0, 1.0, -1.0, 0.1, 0.2, 0.3, 1.0 / 3, 2.0 / 3, Math.PI, Math.E,
                Double.MIN_VALUE, 2 * Double.MIN_VALUE, 3 * Double.MIN_VALUE, 4 * Double.MIN_VALUE, Double.MIN_NORMAL,
                Double.MAX_VALUE, 1e7, 9999999.999999998, 1e-3, 9.999999999999998e-4, 1e22, 1e23, 9007199254740992.0,
                9007199254740993.0, 4503599627370496.0, 9.223372036854776e18, 2.9802322387695312e-8, 1.0e-323,
                5e-324, 1.7976931348623157e308, 4.9e-324, 123456.789, 0.000123, 1234567.0, 12345678.0, 100.0,
                Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY }) {
            aroundToo(v);
        }
    }

    @Test
    void everyPowerOfTwoAndOfTenWithItsNeighbours() {
        for (int q = -1074; q <= 1023; q++) {
            aroundToo(Math.scalb(1.0, q));
        }
        for (int k = -323; k <= 308; k++) {
            aroundToo(Double.parseDouble("1e" + k));
            aroundToo(Double.parseDouble("9.999999999999999e" + k));
        }
    }

    @Test
    void integersAndShortDecimals() {
        for (int i = 0; i <= 100_000; i++) {
            same(i);
            same(i / 1000.0);
            same(i * 0.01);
        }
    }

    @Test
    void randomBitPatternsAndRandomValues() {
        Random random = new Random(42);
        for (int i = 0; i < 1_000_000; i++) {
            same(Double.longBitsToDouble(random.nextLong()));
            same(random.nextGaussian());
            same(random.nextGaussian() * Math.pow(10, random.nextInt(40) - 20));
            same(Math.round(random.nextGaussian() * 1e6) / 1e6);
        }
    }
}
