package com.rnnservice.math;

import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;

/**
 * How much faster the sequence forward + backward could run if the cells were rewritten the shortest way
 * this machine allows: {@link BestCasePass} against the service's {@link Sequence#gradients}, on the same
 * request-shaped inputs, in the same run. {@link #service} starts from the time steps as the service's reader
 * lays them out while it parses a request; {@link #bestCase} includes reading the request's layout into its own
 * and writing dx, da0 and dc0 back into the request's. BENCHMARKS.md sets the figures against the
 * NumPy loop. Not run by ./mvnw verify; run with ./mvnw -Pbench (see BENCHMARKS.md), or through {@link #main},
 * which alternates the two.
 */
@org.openjdk.jmh.annotations.State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class BestCaseBenchmark {

    /** (n_x, n_a, m, T_x). */
    private static final Map<String, int[]> SIZES = Map.of("mid", new int[] { 64, 128, 32, 50 }, "large",
            new int[] { 256, 512, 64, 100 });

    @Param({ "lstm", "rnn" })
    public String cell;

    @Param({ "mid" })
    public String size;

    private int nX;

    private int nA;

    private int m;

    private int steps;

    private double[] x;

    private double[] a0;

    private double[] c0;

    private double[] da;

    private Steps xs;

    private Steps das;

    private State initial;

    private Sequence sequence;

    private Cell instance;

    private BestCasePass pass;

    @Setup
    public void setUp() {
        this.sequence = new Sequence(Kernel.ofMachine());
        int[] s = SIZES.get(this.size);
        this.nX = s[0];
        this.nA = s[1];
        this.m = s[2];
        this.steps = s[3];
        Random random = new Random(7);
        this.x = random(random, this.nX * this.m * this.steps, 1);
        this.a0 = random(random, this.nA * this.m, 1);
        this.da = random(random, this.nA * this.m * this.steps, 1);
        boolean lstm = this.cell.equals("lstm");
        int width = lstm ? this.nA + this.nX : this.nX;
        int gates = lstm ? 4 : 1;
        double[][] weights = new double[gates][];
        double[][] biases = new double[gates][];
        for (int k = 0; k < gates; k++) {
            weights[k] = random(random, this.nA * width, 1 / Math.sqrt(width));
            biases[k] = random(random, this.nA, 1);
        }
        Map<String, Matrix> named = new java.util.LinkedHashMap<>();
        if (lstm) {
            this.c0 = random(random, this.nA * this.m, 1);
            String[] names = { "f", "i", "c", "o" };
            for (int k = 0; k < 4; k++) {
                named.put("W" + names[k], matrix(weights[k]));
                named.put("b" + names[k], matrix(biases[k]));
            }
            this.pass = BestCasePass.lstm(this.nX, this.nA, weights, biases);
        }
        else {
            double[] waa = random(random, this.nA * this.nA, 1 / Math.sqrt(this.nA));
            named.put("Wax", matrix(weights[0]));
            named.put("Waa", matrix(waa));
            named.put("ba", matrix(biases[0]));
            this.pass = BestCasePass.rnn(this.nX, this.nA, weights[0], waa, biases[0]);
        }
        this.instance = (lstm ? CellTypes.LSTM : CellTypes.RNN).create(named);
        // the service's reader lays a request's tensors out as time steps while it parses them: no step of its own here
        this.xs = BestCasePass.steps(this.x, this.nX, this.m, this.steps);
        this.das = BestCasePass.steps(this.da, this.nA, this.m, this.steps);
        this.initial = new State(matrix(this.a0), this.c0 == null ? null : matrix(this.c0));
    }

    /** The service's maths, from the request's tensors as its reader lays them out. */
    @Benchmark
    public SequenceGradients service() {
        return this.sequence.gradients(this.instance, this.xs, this.initial, this.das);
    }

    /** The shortest way, the batch's columns in one block per core (as the service cuts them at mid). */
    @Benchmark
    public BestCasePass.Gradients bestCase() {
        return this.pass.run(this.x, this.a0, this.c0, this.da, this.m, this.steps, BestCasePass.PARALLEL.cores());
    }

    /**
     * The two alternated on the same inputs, {@code rounds} rounds of {@code pairs} pairs, each round's
     * medians and median ratio printed: JMH runs one benchmark after the other, and on a noisy machine the
     * ratio of two runs minutes apart says less than pairs taken side by side. Arguments: cell (rnn, lstm),
     * pairs, rounds.
     */
    public static void main(String[] args) {
        BestCaseBenchmark benchmark = new BestCaseBenchmark();
        benchmark.cell = args.length > 0 ? args[0] : "lstm";
        benchmark.size = "mid";
        int pairs = args.length > 1 ? Integer.parseInt(args[1]) : 40;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 6;
        benchmark.setUp();
        for (int round = 0; round < rounds; round++) {
            double[] service = new double[pairs];
            double[] bestCase = new double[pairs];
            double[] ratio = new double[pairs];
            for (int k = 0; k < pairs; k++) {
                long start = System.nanoTime();
                benchmark.service();
                long middle = System.nanoTime();
                benchmark.bestCase();
                long end = System.nanoTime();
                service[k] = (middle - start) / 1e6;
                bestCase[k] = (end - middle) / 1e6;
                ratio[k] = bestCase[k] / service[k];
            }
            System.out.printf("%s %s round %d: service %.2f ms, best case %.2f ms, best case / service %.2f%n",
                    benchmark.cell, benchmark.size, round, median(service), median(bestCase), median(ratio));
        }
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    /** A row-major array of n_a rows as a matrix. */
    private Matrix matrix(double[] values) {
        return BestCasePass.matrix(values, this.nA);
    }

    private static double[] random(Random random, int count, double scale) {
        double[] values = new double[count];
        for (int i = 0; i < count; i++) {
            values[i] = random.nextGaussian() * scale;
        }
        return values;
    }
}
