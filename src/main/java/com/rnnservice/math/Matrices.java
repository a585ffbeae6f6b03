package com.rnnservice.math;

import java.util.function.DoubleUnaryOperator;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.RealMatrix;

/**
 * Multiplies (through the current {@link Kernel}), element-wise operations and block copies on dense
 * matrices. Every method returns a new matrix and leaves its arguments unmodified; {@link #rowsView}
 * alone shares its argument's storage.
 */
public final class Matrices {

    private Matrices() {
    }

    /** A·B, with the current {@link Kernel}. */
    public static RealMatrix multiply(RealMatrix a, RealMatrix b) {
        return Kernel.current().multiply(a, b);
    }

    /** Aᵀ·B, with the current {@link Kernel}, without forming Aᵀ. */
    public static RealMatrix transposeMultiply(RealMatrix a, RealMatrix b) {
        return Kernel.current().transposeMultiply(a, b);
    }

    /** A·Bᵀ, with the current {@link Kernel}, without forming Bᵀ. */
    public static RealMatrix multiplyTranspose(RealMatrix a, RealMatrix b) {
        return Kernel.current().multiplyTranspose(a, b);
    }

    /** A new (rows, cols) matrix of zeros. */
    public static RealMatrix zeros(int rows, int cols) {
        return new Array2DRowRealMatrix(zeroRows(rows, cols), false);
    }

    /**
     * A (rows, cols) array of zeros, made one row at a time. Compiled code makes {@code new double[rows][cols]}
     * (and Commons Math's {@code getData}, {@code copy} and {@code new Array2DRowRealMatrix(rows, cols)}, which
     * use it) through a call into the VM; a row at a time stays on the compiled allocation path. At the tiny
     * size those calls were about a third of an LSTM request's compute (BENCHMARKS.md).
     */
    public static double[][] zeroRows(int rows, int cols) {
        double[][] out = new double[rows][];
        for (int i = 0; i < rows; i++) {
            out[i] = new double[cols];
        }
        return out;
    }

    /** A copy of a matrix's entries, row by row: {@link RealMatrix#getData} without its cost ({@link #zeroRows}). */
    public static double[][] copyRows(RealMatrix a) {
        double[][] in = data(a);
        double[][] out = new double[in.length][];
        for (int i = 0; i < in.length; i++) {
            out[i] = in[i].clone();
        }
        return out;
    }

    /** A copy of a matrix, row by row ({@link #copyRows}). */
    public static RealMatrix copy(RealMatrix a) {
        return new Array2DRowRealMatrix(copyRows(a), false);
    }

    /** {@code f} applied to every entry of {@code a}. */
    public static RealMatrix map(RealMatrix a, DoubleUnaryOperator f) {
        double[][] in = data(a);
        double[][] out = new double[in.length][];
        for (int i = 0; i < in.length; i++) {
            double[] row = in[i];
            double[] r = new double[row.length];
            for (int j = 0; j < row.length; j++) {
                r[j] = f.applyAsDouble(row[j]);
            }
            out[i] = r;
        }
        return new Array2DRowRealMatrix(out, false);
    }

    /**
     * softmax over axis 0: each column j becomes exp(z[:, j] − max z[:, j]) / Σ_i exp(z[i, j] − max z[:, j]).
     * Subtracting each column's own maximum keeps exp from overflowing without changing the result.
     */
    public static RealMatrix softmaxColumns(RealMatrix z) {
        double[][] in = data(z);
        int rows = in.length;
        int cols = in[0].length;
        double[][] out = zeroRows(rows, cols);
        for (int j = 0; j < cols; j++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < rows; i++) {
                max = Math.max(max, in[i][j]);
            }
            double sum = 0;
            for (int i = 0; i < rows; i++) {
                double e = Math.exp(in[i][j] - max);
                out[i][j] = e;
                sum += e;
            }
            for (int i = 0; i < rows; i++) {
                out[i][j] /= sum;
            }
        }
        return new Array2DRowRealMatrix(out, false);
    }

    /** a + b, entry by entry, for matrices of one shape; neither modified. */
    public static RealMatrix add(RealMatrix a, RealMatrix b) {
        double[][] left = data(a);
        double[][] right = data(b);
        double[][] out = new double[left.length][];
        for (int i = 0; i < left.length; i++) {
            double[] l = left[i];
            double[] r = right[i];
            double[] o = new double[l.length];
            for (int j = 0; j < l.length; j++) {
                o[j] = l[j] + r[j];
            }
            out[i] = o;
        }
        return new Array2DRowRealMatrix(out, false);
    }

    /** z + b, the (rows, 1) column {@code b} added to every column of {@code z}, as NumPy broadcasts it. */
    public static RealMatrix addColumn(RealMatrix z, RealMatrix b) {
        double[][] out = copyRows(z);
        double[][] bias = data(b);
        for (int i = 0; i < out.length; i++) {
            double bi = bias[i][0];
            double[] r = out[i];
            for (int j = 0; j < r.length; j++) {
                r[j] += bi;
            }
        }
        return new Array2DRowRealMatrix(out, false);
    }

    /** Σ_j a[i, j] as a (rows, 1) column: NumPy's {@code np.sum(a, axis=1, keepdims=True)}. */
    public static RealMatrix rowSums(RealMatrix a) {
        double[][] in = data(a);
        double[][] out = zeroRows(in.length, 1);
        for (int i = 0; i < in.length; i++) {
            double s = 0;
            for (double v : in[i]) {
                s += v;
            }
            out[i][0] = s;
        }
        return new Array2DRowRealMatrix(out, false);
    }

    /** [first; second; ...]: the rows of each matrix in turn (all with the same column count). */
    public static RealMatrix stackRows(RealMatrix... parts) {
        int rows = 0;
        for (RealMatrix part : parts) {
            rows += part.getRowDimension();
        }
        double[][] out = new double[rows][];
        int at = 0;
        for (RealMatrix part : parts) {
            for (double[] row : data(part)) {
                out[at++] = row.clone();
            }
        }
        return new Array2DRowRealMatrix(out, false);
    }

    /** [first, second, ...]: the columns of each matrix in turn (all with the same row count). */
    public static RealMatrix stackColumns(java.util.List<RealMatrix> parts) {
        int rows = parts.get(0).getRowDimension();
        int cols = 0;
        for (RealMatrix part : parts) {
            cols += part.getColumnDimension();
        }
        double[][] out = zeroRows(rows, cols);
        int at = 0;
        for (RealMatrix part : parts) {
            double[][] in = data(part);
            int width = part.getColumnDimension();
            for (int i = 0; i < rows; i++) {
                System.arraycopy(in[i], 0, out[i], at, width);
            }
            at += width;
        }
        return new Array2DRowRealMatrix(out, false);
    }

    /** [left, right]: each row of {@code left} followed by the same row of {@code right} (same row count). */
    public static RealMatrix sideBySide(RealMatrix left, RealMatrix right) {
        return stackColumns(java.util.List.of(left, right));
    }

    /** Columns {@code from} (inclusive) to {@code to} (exclusive) of {@code a}, as a new matrix. */
    public static RealMatrix columns(RealMatrix a, int from, int to) {
        double[][] in = data(a);
        double[][] out = new double[in.length][];
        for (int i = 0; i < in.length; i++) {
            out[i] = java.util.Arrays.copyOfRange(in[i], from, to);
        }
        return new Array2DRowRealMatrix(out, false);
    }

    /** The inverse of {@link #stackColumns}: {@code a} cut into consecutive blocks of {@code width} columns. */
    public static java.util.List<RealMatrix> splitColumns(RealMatrix a, int width) {
        java.util.List<RealMatrix> parts = new java.util.ArrayList<>();
        for (int from = 0; from < a.getColumnDimension(); from += width) {
            parts.add(columns(a, from, from + width));
        }
        return parts;
    }

    /** Rows {@code from} (inclusive) to {@code to} (exclusive) of {@code a}, as a new matrix. */
    public static RealMatrix rows(RealMatrix a, int from, int to) {
        double[][] in = data(a);
        double[][] out = new double[to - from][];
        for (int i = from; i < to; i++) {
            out[i - from] = in[i].clone();
        }
        return new Array2DRowRealMatrix(out, false);
    }

    /**
     * Rows {@code from} (inclusive) to {@code to} (exclusive) of {@code a}, sharing their storage with
     * {@code a}: for reading a block of a stacked matrix without copying it.
     */
    public static RealMatrix rowsView(RealMatrix a, int from, int to) {
        return new Array2DRowRealMatrix(java.util.Arrays.copyOfRange(data(a), from, to), false);
    }

    /** Whether every entry is finite (neither NaN nor infinite). */
    public static boolean isFinite(RealMatrix a) {
        for (double[] row : data(a)) {
            for (double v : row) {
                if (!Double.isFinite(v)) {
                    return false;
                }
            }
        }
        return true;
    }

    /** The entries without a copy where the matrix is array-backed, a copy otherwise. Not to be modified. */
    static double[][] data(RealMatrix a) {
        return a instanceof Array2DRowRealMatrix dense ? dense.getDataRef() : a.getData();
    }
}
