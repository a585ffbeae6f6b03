package com.rnnservice.api;

import java.util.ArrayList;
import java.util.List;
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

/**
 * An answer's T time steps (rows, m) put into one (rows, m, T) array, as {@link TensorData#timeSteps} does
 * it (one row i at a time), against the baseline of one step at a time, in the same run. Shapes: the mid
 * size's dx and da, the large size's da. Not run by ./mvnw verify; run with ./mvnw -Pbench (see BENCHMARKS.md).
 */
@org.openjdk.jmh.annotations.State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class TensorDataBenchmark {

    @Param({ "64,32,50", "128,32,50", "512,64,100" })
    public String shape;

    private List<RealMatrix> steps;

    @Setup
    public void setUp() {
        String[] parts = this.shape.split(",");
        int rows = Integer.parseInt(parts[0]);
        int m = Integer.parseInt(parts[1]);
        int count = Integer.parseInt(parts[2]);
        Random random = new Random(1);
        this.steps = new ArrayList<>();
        for (int t = 0; t < count; t++) {
            double[][] data = new double[rows][m];
            for (double[] row : data) {
                for (int j = 0; j < m; j++) {
                    row[j] = random.nextGaussian();
                }
            }
            this.steps.add(new Array2DRowRealMatrix(data, false));
        }
    }

    @Benchmark
    public double[][][] timeSteps() {
        return TensorData.timeSteps(this.steps);
    }

    /** The baseline: every step written into the whole array, one step after another. */
    @Benchmark
    public double[][][] stepByStep() {
        int rows = this.steps.get(0).getRowDimension();
        int m = this.steps.get(0).getColumnDimension();
        int count = this.steps.size();
        double[][][] out = new double[rows][m][count];
        for (int t = 0; t < count; t++) {
            double[][] data = ((Array2DRowRealMatrix) this.steps.get(t)).getDataRef();
            for (int i = 0; i < rows; i++) {
                for (int j = 0; j < m; j++) {
                    out[i][j][t] = data[i][j];
                }
            }
        }
        return out;
    }
}
