package com.rnnservice.math;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.RealMatrix;

/**
 * A (rows, cols) matrix in one row-major array, the layout the BLAS reads: the operands of the sums over
 * every step of a sequence ([dz_0 … dz_T] and the inputs beside it), built once from the steps and handed
 * to every multiply that needs them, instead of being stacked into rows and then copied again into an
 * array for each multiply.
 *
 * @param data the entries, row after row; not copied
 */
record Flat(double[] data, int rows, int cols) {

    /** The matrices side by side, [first, second, …], all with the same row count: one copy of each entry. */
    static Flat sideBySide(List<RealMatrix> parts) {
        int rows = parts.get(0).getRowDimension();
        int cols = 0;
        for (RealMatrix part : parts) {
            cols += part.getColumnDimension();
        }
        double[] data = new double[rows * cols];
        int at = 0;
        for (RealMatrix part : parts) {
            double[][] in = Matrices.data(part);
            int width = part.getColumnDimension();
            for (int i = 0; i < rows; i++) {
                System.arraycopy(in[i], 0, data, i * cols + at, width);
            }
            at += width;
        }
        return new Flat(data, rows, cols);
    }

    /** Rows [from, to) as a matrix of their own (copied). */
    RealMatrix toMatrix(int from, int to) {
        double[][] out = new double[to - from][];
        for (int i = from; i < to; i++) {
            out[i - from] = Arrays.copyOfRange(this.data, i * this.cols, (i + 1) * this.cols);
        }
        return new Array2DRowRealMatrix(out, false);
    }

    /** The whole matrix as a matrix (copied). */
    RealMatrix toMatrix() {
        return toMatrix(0, this.rows);
    }

    /**
     * Σ_j a[i, j] as a (rows, 1) column, each row summed from j = 0 up as {@link Matrices#rowSums} sums it,
     * four rows at a time: one running sum waits for each addition before the next, four interleaved do not
     * wait for each other. The same additions in the same order per row, so the same bits.
     */
    RealMatrix rowSums() {
        double[][] out = Matrices.zeroRows(this.rows, 1);
        int n = this.cols;
        int i = 0;
        for (; i + 4 <= this.rows; i += 4) {
            int r0 = i * n;
            int r1 = r0 + n;
            int r2 = r1 + n;
            int r3 = r2 + n;
            double s0 = 0;
            double s1 = 0;
            double s2 = 0;
            double s3 = 0;
            for (int j = 0; j < n; j++) {
                s0 += this.data[r0 + j];
                s1 += this.data[r1 + j];
                s2 += this.data[r2 + j];
                s3 += this.data[r3 + j];
            }
            out[i][0] = s0;
            out[i + 1][0] = s1;
            out[i + 2][0] = s2;
            out[i + 3][0] = s3;
        }
        for (; i < this.rows; i++) {
            double s = 0;
            for (int j = i * n, end = j + n; j < end; j++) {
                s += this.data[j];
            }
            out[i][0] = s;
        }
        return new Array2DRowRealMatrix(out, false);
    }

    /** The inverse of {@link #sideBySide}: consecutive blocks of {@code width} columns, each its own matrix. */
    List<RealMatrix> splitColumns(int width) {
        List<RealMatrix> parts = new ArrayList<>(this.cols / width);
        for (int from = 0; from < this.cols; from += width) {
            double[][] out = new double[this.rows][];
            for (int i = 0; i < this.rows; i++) {
                int start = i * this.cols + from;
                out[i] = Arrays.copyOfRange(this.data, start, start + width);
            }
            parts.add(new Array2DRowRealMatrix(out, false));
        }
        return parts;
    }

    /** A matrix's entries as one (copied). */
    static Flat of(RealMatrix matrix) {
        return sideBySide(List.of(matrix));
    }
}
