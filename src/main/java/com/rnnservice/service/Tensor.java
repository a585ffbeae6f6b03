package com.rnnservice.service;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.RealMatrix;
import org.jspecify.annotations.Nullable;

/**
 * A tensor as a client sent it: a shape and its entries in NumPy's row-major (C) order, or, when the
 * JSON was not a usable tensor (ragged, not finite), the reason why. Reading the JSON never fails for
 * those reasons, so that one answer can list every problem of a request.
 */
public final class Tensor {

    private final int[] shape;

    private final double[] values;

    private final @Nullable String problem;

    private Tensor(int[] shape, double[] values, @Nullable String problem) {
        this.shape = shape;
        this.values = values;
        this.problem = problem;
    }

    /**
     * A well-formed tensor.
     *
     * @param shape the size of each axis, outermost first
     * @param values the entries in row-major order; the product of {@code shape} of them; not copied
     */
    public static Tensor of(int[] shape, double[] values) {
        return new Tensor(shape.clone(), values, null);
    }

    /** A JSON value that is not a usable tensor, with a sentence that says why (it follows the field name). */
    public static Tensor invalid(String problem) {
        return new Tensor(new int[0], new double[0], problem);
    }

    /** Why this is not a usable tensor, or {@code null} if it is one. */
    public @Nullable String problem() {
        return this.problem;
    }

    /** The number of axes. */
    public int rank() {
        return this.shape.length;
    }

    /** The size of axis {@code axis}. */
    public int dimension(int axis) {
        return this.shape[axis];
    }

    /** Whether some axis has size zero. */
    public boolean isEmpty() {
        return Arrays.stream(this.shape).anyMatch(d -> d == 0);
    }

    /** The shape as NumPy prints it: {@code (5, 10)}, {@code (5,)}. */
    public String shapeText() {
        return shapeText(this.shape);
    }

    /** A shape as NumPy prints it. */
    static String shapeText(int[] shape) {
        String inner = Arrays.stream(shape).mapToObj(Integer::toString).collect(Collectors.joining(", "));
        return "(" + inner + (shape.length == 1 ? ",)" : ")");
    }

    /** This rank-2 tensor as a (rows, cols) matrix, or a rank-1 tensor as a (rows, 1) column. */
    RealMatrix toMatrix() {
        int rows = this.shape[0];
        int cols = this.shape.length == 1 ? 1 : this.shape[1];
        double[][] data = new double[rows][];
        for (int i = 0; i < rows; i++) {
            data[i] = Arrays.copyOfRange(this.values, i * cols, (i + 1) * cols);
        }
        return new Array2DRowRealMatrix(data, false);
    }

    /**
     * This rank-3 tensor (rows, m, T) as T matrices (rows, m): the slices [:, :, t]. One row i at a time:
     * its m · T entries lie together (a few kB at the sizes the service sees), so each slice's row is gathered
     * from cache, where walking the whole tensor once per slice would fetch every entry's cache line T times.
     */
    List<RealMatrix> toTimeSteps() {
        int rows = this.shape[0];
        int m = this.shape[1];
        int steps = this.shape[2];
        double[][][] slices = new double[steps][][];
        for (int t = 0; t < steps; t++) {
            slices[t] = new double[rows][];
        }
        for (int i = 0; i < rows; i++) {
            int rowStart = i * m * steps;
            for (int t = 0; t < steps; t++) {
                double[] row = new double[m];
                for (int j = 0, at = rowStart + t; j < m; j++, at += steps) {
                    row[j] = this.values[at];
                }
                slices[t][i] = row;
            }
        }
        List<RealMatrix> out = new ArrayList<>(steps);
        for (double[][] slice : slices) {
            out.add(new Array2DRowRealMatrix(slice, false));
        }
        return out;
    }
}
