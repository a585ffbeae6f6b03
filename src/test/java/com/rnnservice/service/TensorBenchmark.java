package com.rnnservice.service;

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
 * A request's rank-3 tensor (rows, m, T) cut into its T time steps, as {@link Tensor#toTimeSteps} does it
 * (one row i at a time), against the baseline of walking the whole tensor once per step, in the same run.
 * Shapes: the mid size's x and da, the large size's da. Not run by ./mvnw verify; run with ./mvnw -Pbench
 * (see BENCHMARKS.md).
 */
@org.openjdk.jmh.annotations.State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class TensorBenchmark {

    @Param({ "64,32,50", "128,32,50", "512,64,100" })
    public String shape;

    private Tensor tensor;

    private double[] values;

    private int[] dims;

    @Setup
    public void setUp() {
        String[] parts = this.shape.split(",");
        this.dims = new int[] { Integer.parseInt(parts[0]), Integer.parseInt(parts[1]), Integer.parseInt(parts[2]) };
        this.values = new double[this.dims[0] * this.dims[1] * this.dims[2]];
        Random random = new Random(1);
        for (int k = 0; k < this.values.length; k++) {
            this.values[k] = random.nextGaussian();
        }
        this.tensor = Tensor.of(this.dims, this.values);
    }

    @Benchmark
    public List<RealMatrix> toTimeSteps() {
        return this.tensor.toTimeSteps();
    }

    /** The baseline: slice t gathered by walking the whole tensor, one step after another. */
    @Benchmark
    public List<RealMatrix> stepByStep() {
        int rows = this.dims[0];
        int m = this.dims[1];
        int steps = this.dims[2];
        List<RealMatrix> slices = new ArrayList<>(steps);
        for (int t = 0; t < steps; t++) {
            double[][] data = new double[rows][m];
            for (int i = 0; i < rows; i++) {
                for (int j = 0; j < m; j++) {
                    data[i][j] = this.values[(i * m + j) * steps + t];
                }
            }
            slices.add(new Array2DRowRealMatrix(data, false));
        }
        return slices;
    }
}
