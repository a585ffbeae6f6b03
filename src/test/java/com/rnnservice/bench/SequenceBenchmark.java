package com.rnnservice.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.RealMatrix;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;

import com.rnnservice.math.Cell;
import com.rnnservice.math.CellType;
import com.rnnservice.math.GruCell;
import com.rnnservice.math.Kernel;
import com.rnnservice.math.LstmCell;
import com.rnnservice.math.ParameterShape;
import com.rnnservice.math.RnnCell;
import com.rnnservice.math.Sequence;
import com.rnnservice.math.SequenceGradients;
import com.rnnservice.math.State;

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

    private Cell<?> instance;

    private List<RealMatrix> x;

    private List<RealMatrix> da;

    private State initial;

    @Setup
    public void setUp() {
        Kernel.use(this.kernel.equals("blas") ? Kernel.BLAS_DGEMM : Kernel.COMMONS_MATH);
        CellType type = switch (this.cell) {
            case "rnn" -> RnnCell.TYPE;
            case "lstm" -> LstmCell.TYPE;
            default -> GruCell.TYPE;
        };
        int[] s = SIZES.get(this.size);
        int nX = s[0], nA = s[1], m = s[2], steps = s[3];
        Random random = new Random(7);
        Map<String, RealMatrix> parameters = new LinkedHashMap<>();
        for (ParameterShape shape : type.parameters()) {
            int cols = shape.isBias() ? 1 : shape.columns().equals("n_x") ? nX : shape.columns().equals("n_a") ? nA : nA + nX;
            parameters.put(shape.name(), random(random, nA, cols, 1.0 / Math.sqrt(cols)));
        }
        this.instance = type.create(parameters);
        this.x = new ArrayList<>();
        this.da = new ArrayList<>();
        for (int t = 0; t < steps; t++) {
            this.x.add(random(random, nX, m, 1));
            this.da.add(random(random, nA, m, 1));
        }
        this.initial = new State(random(random, nA, m, 0.5), type.hasMemory() ? random(random, nA, m, 0.5) : null);
    }

    @Benchmark
    public List<? extends Cell.Step> forward() {
        return Sequence.forward(this.instance, this.x, this.initial);
    }

    /** What /{cell}/sequence/backward runs: the batch split across cores where it is worth it. */
    @Benchmark
    public SequenceGradients forwardBackward() {
        return Sequence.gradients(this.instance, this.x, this.initial, this.da);
    }

    /** The forward pass and BPTT over the whole batch in one piece, as before the batch was split. */
    @Benchmark
    public SequenceGradients forwardBackwardWhole() {
        return run(this.instance);
    }

    private <S extends Cell.Step> SequenceGradients run(Cell<S> cell) {
        return Sequence.backward(cell, Sequence.forward(cell, this.x, this.initial), this.da);
    }

    private static RealMatrix random(Random random, int rows, int cols, double scale) {
        double[][] data = new double[rows][cols];
        for (double[] row : data) {
            for (int j = 0; j < cols; j++) {
                row[j] = random.nextGaussian() * scale;
            }
        }
        return new Array2DRowRealMatrix(data, false);
    }
}
