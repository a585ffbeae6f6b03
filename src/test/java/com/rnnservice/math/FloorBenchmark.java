package com.rnnservice.math;

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
import org.openjdk.jmh.infra.Blackhole;

import dev.ludovic.netlib.blas.BLAS;

/**
 * What a sequence forward + backward cannot go below on this machine: the multiplies and the forward
 * activations alone, each on one core, on preallocated arrays (no copies, no bookkeeping, no other work).
 * BENCHMARKS.md adds them up into the least time two cores could take, to set against the targets of the
 * performance issue. Not run by ./mvnw verify; run with ./mvnw -Pbench (see BENCHMARKS.md).
 *
 * <ul>
 * <li>{@link #stepMultiplies}: the multiplies inside the time loop for one block of the batch, the ones
 * that must run one after the other: every step's recurrent multiply forward, (blocks · n_a, n_a)·(n_a, m_b),
 * and backward, (blocks · n_a, n_a)ᵀ·(blocks · n_a, m_b). At the mid size the batch runs as two blocks of 16
 * columns, one per core; at the large size as one block whose multiplies the kernel splits across cores.</li>
 * <li>{@link #sumMultiplies}: the four multiplies over all steps at once: the input projections, the
 * gradients of the hidden and input weights, and dx.</li>
 * <li>{@link #activations}: the forward pass's activations over every step (RNN one tanh an entry, LSTM
 * three sigmoids and two tanh, GRU two sigmoids and a tanh) with the functions the cells use, on one
 * block's worth of pre-activations read again for every step: cache-warm, and its branches as
 * predictable as they get, so a floor too.</li>
 * </ul>
 */
@org.openjdk.jmh.annotations.State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class FloorBenchmark {

    /** (n_x, n_a, m, T_x, blocks of the batch). */
    private static final Map<String, int[]> SIZES = Map.of("mid", new int[] { 64, 128, 32, 50, 2 }, "large",
            new int[] { 256, 512, 64, 100, 1 });

    @Param({ "lstm", "rnn", "gru" })
    public String cell;

    @Param({ "mid", "large" })
    public String size;

    private BLAS blas;

    private int nX;

    private int nA;

    private int gates;

    private int block;

    private int steps;

    private int columns;

    private double[] hidden;

    private double[] input;

    private double[] state;

    private double[] stepOut;

    private double[] dz;

    private double[] dPrev;

    private double[] xs;

    private double[] dzs;

    private double[] states;

    private double[] projections;

    private double[] dHidden;

    private double[] dInput;

    private double[] dx;

    private double[] preActivations;

    @Setup
    public void setUp() {
        // the kernel's BLAS, on one thread as the service runs it
        Kernel.ofMachine().implementation();
        this.blas = BLAS.getInstance();
        int[] s = SIZES.get(this.size);
        this.nX = s[0];
        this.nA = s[1];
        this.gates = switch (this.cell) {
            case "rnn" -> 1;
            case "lstm" -> 4;
            default -> 3;
        };
        this.block = s[2] / s[4];
        this.steps = s[3];
        this.columns = s[2] * s[3];
        Random random = new Random(7);
        int rows = this.gates * this.nA;
        this.hidden = random(random, rows * this.nA);
        this.input = random(random, rows * this.nX);
        this.state = random(random, this.nA * this.block);
        this.stepOut = new double[rows * this.block];
        this.dz = random(random, rows * this.block);
        this.dPrev = new double[this.nA * this.block];
        this.xs = random(random, this.nX * this.columns);
        this.dzs = random(random, rows * this.columns);
        this.states = random(random, this.nA * this.columns);
        this.projections = new double[rows * this.columns];
        this.dHidden = new double[rows * this.nA];
        this.dInput = new double[rows * this.nX];
        this.dx = new double[this.nX * this.columns];
        this.preActivations = random(random, this.nA * this.block);
    }

    /** One block's recurrent multiplies, forward and backward, over every step, one after the other. */
    @Benchmark
    public double stepMultiplies() {
        int rows = this.gates * this.nA;
        for (int t = 0; t < this.steps; t++) {
            // column-major reading of the row-major arrays, as the kernel calls it
            this.blas.dgemm("N", "N", this.block, rows, this.nA, 1.0, this.state, this.block, this.hidden, this.nA, 0.0,
                    this.stepOut, this.block);
        }
        for (int t = 0; t < this.steps; t++) {
            this.blas.dgemm("N", "T", this.block, this.nA, rows, 1.0, this.dz, this.block, this.hidden, this.nA, 0.0,
                    this.dPrev, this.block);
        }
        return this.stepOut[0] + this.dPrev[0];
    }

    /** The four multiplies over all steps, on one core. */
    @Benchmark
    public double sumMultiplies() {
        int rows = this.gates * this.nA;
        int n = this.columns;
        // projections (rows, n) = input (rows, n_x)·xs (n_x, n)
        this.blas.dgemm("N", "N", n, rows, this.nX, 1.0, this.xs, n, this.input, this.nX, 0.0, this.projections, n);
        // dHidden (rows, n_a) = dzs (rows, n)·states (n_a, n)ᵀ
        this.blas.dgemm("T", "N", this.nA, rows, n, 1.0, this.states, n, this.dzs, n, 0.0, this.dHidden, this.nA);
        // dInput (rows, n_x) = dzs (rows, n)·xs (n_x, n)ᵀ
        this.blas.dgemm("T", "N", this.nX, rows, n, 1.0, this.xs, n, this.dzs, n, 0.0, this.dInput, this.nX);
        // dx (n_x, n) = input (rows, n_x)ᵀ·dzs (rows, n)
        this.blas.dgemm("N", "T", n, this.nX, rows, 1.0, this.dzs, n, this.input, this.nX, 0.0, this.dx, n);
        return this.projections[0] + this.dHidden[0] + this.dInput[0] + this.dx[0];
    }

    /** The forward activations of every step of the whole batch, with the cells' functions. */
    @Benchmark
    public void activations(Blackhole blackhole) {
        double[] z = this.preActivations;
        int repeats = this.columns / this.block;
        for (int r = 0; r < repeats; r++) {
            double sum = 0;
            for (double v : z) {
                sum += switch (this.gates) {
                    case 1 -> Activations.tanh(v);
                    case 4 -> Activations.sigmoid(v) + Activations.sigmoid(v + 0.1) + Activations.tanh(v - 0.1)
                            + Activations.sigmoid(v + 0.2) + Activations.tanh(v - 0.2);
                    default -> Activations.sigmoid(v) + Activations.sigmoid(v + 0.1) + Activations.tanh(v - 0.1);
                };
            }
            blackhole.consume(sum);
        }
    }

    private static double[] random(Random random, int count) {
        double[] values = new double[count];
        for (int i = 0; i < count; i++) {
            values[i] = random.nextGaussian();
        }
        return values;
    }
}
