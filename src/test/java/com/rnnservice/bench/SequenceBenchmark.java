package com.rnnservice.bench;

import java.util.LinkedHashMap;
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

import com.rnnservice.math.Cell;
import com.rnnservice.math.CellType;
import com.rnnservice.math.CellTypes;
import com.rnnservice.math.Kernel;
import com.rnnservice.math.Matrix;
import com.rnnservice.math.Parallel;
import com.rnnservice.math.ParameterShape;
import com.rnnservice.math.Sequence;
import com.rnnservice.math.SequenceGradients;
import com.rnnservice.math.State;
import com.rnnservice.math.Steps;
import com.rnnservice.math.Symbol;

/**
 * Each cell's sequence forward and forward + backward at the performance issue's three sizes, on each
 * kernel. Not run by ./mvnw verify; run with ./mvnw -Pbench verify (see BENCHMARKS.md).
 */
@org.openjdk.jmh.annotations.State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class SequenceBenchmark {

    /** (n_x, n_a, m, T_x); n_y plays no part in these passes. */
    private static final Map<String, int[]> SIZES = Map.of("tiny", new int[] { 3, 5, 10, 4 }, "mid",
            new int[] { 64, 128, 32, 50 }, "large", new int[] { 256, 512, 64, 100 });

    @Param({ "lstm", "rnn", "gru" })
    public String cell;

    @Param({ "tiny", "mid", "large" })
    public String size;

    @Param({ "blas", "commons-math" })
    public String kernel;

    private Cell instance;

    private Steps x;

    private Steps da;

    private State initial;

    private Sequence sequence;

    private Sequence oneCore;

    @Setup
    public void setUp() {
        this.sequence = new Sequence(Kernel.named(this.kernel, Parallel.ofMachine()));
        this.oneCore = new Sequence(Kernel.named(this.kernel, new Parallel(1)));
        CellType type = CellTypes.named(this.cell).orElseThrow();
        int[] s = SIZES.get(this.size);
        int nX = s[0], nA = s[1], m = s[2], steps = s[3];
        Random random = new Random(7);
        Map<Symbol, Integer> sizes = Map.of(Symbol.N_X, nX, Symbol.N_A, nA);
        Map<String, Matrix> parameters = new LinkedHashMap<>();
        for (ParameterShape shape : type.parameters()) {
            int cols = shape.columns().value(sizes);
            parameters.put(shape.name(), random(random, shape.rows().value(sizes), cols, 1.0 / Math.sqrt(cols)));
        }
        this.instance = type.create(parameters);
        this.x = new Steps(random(random, nX, steps * m, 1), m);
        this.da = new Steps(random(random, nA, steps * m, 1), m);
        this.initial = new State(random(random, nA, m, 0.5), type.hasMemory() ? random(random, nA, m, 0.5) : null);
    }

    @Benchmark
    public Sequence.Run forward() {
        return this.sequence.forward(this.instance, this.x, this.initial);
    }

    /** What /{cell}/sequence/backward runs: the batch split across cores where it is worth it. */
    @Benchmark
    public SequenceGradients forwardBackward() {
        return this.sequence.gradients(this.instance, this.x, this.initial, this.da);
    }

    /** The forward pass and BPTT over the whole batch in one piece, on one core. */
    @Benchmark
    public SequenceGradients forwardBackwardWhole() {
        return this.oneCore.gradients(this.instance, this.x, this.initial, this.da);
    }

    private static Matrix random(Random random, int rows, int cols, double scale) {
        Matrix m = new Matrix(rows, cols);
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                m.setEntry(i, j, random.nextGaussian() * scale);
            }
        }
        return m;
    }
}
