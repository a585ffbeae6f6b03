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

    /** Σ_j a[i, j] as a (rows, 1) column, summed in the order {@link Matrices#rowSums} sums. */
    RealMatrix rowSums() {
        double[][] out = new double[this.rows][1];
        for (int i = 0; i < this.rows; i++) {
            double s = 0;
            for (int j = i * this.cols, end = j + this.cols; j < end; j++) {
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
