package com.rnnservice.api;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;

import tools.jackson.core.io.NumberOutput;

/**
 * The answer's numbers written as text: {@link ShortestDouble} against Jackson's fast writer (the same
 * digits, as a String turned into bytes: what the default serializer writes) in the same run, over 4,096
 * values like the service's answers (normal values, a third of them scaled by 1e-3). Not run by ./mvnw
 * verify; run with ./mvnw -Pbench (see BENCHMARKS.md).
 */
@org.openjdk.jmh.annotations.State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ShortestDoubleBenchmark {

    private final double[] values = new double[4096];

    private final byte[] out = new byte[this.values.length * ShortestDouble.MAX_BYTES];

    @Setup
    public void setUp() {
        Random random = new Random(1);
        for (int i = 0; i < this.values.length; i++) {
            this.values[i] = random.nextGaussian() * (i % 3 == 0 ? 1e-3 : 1);
        }
    }

    @Benchmark
    public int shortestDouble() {
        int at = 0;
        for (double v : this.values) {
            at = ShortestDouble.write(v, this.out, at);
        }
        return at;
    }

    /** The baseline: Jackson's Schubfach writer, each number's String copied in as bytes. */
    @Benchmark
    public int jackson() {
        int at = 0;
        for (double v : this.values) {
            byte[] text = NumberOutput.toString(v, true).getBytes(StandardCharsets.US_ASCII);
            System.arraycopy(text, 0, this.out, at, text.length);
            at += text.length;
        }
        return at;
    }
}
