package com.rnnservice.math;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.RealMatrix;

/**
 * A weight matrix that a cell multiplies at every step, with the row-major copy the BLAS kernel reads
 * made once instead of at every multiply. Cells never modify their weights.
 */
final class Weights extends Array2DRowRealMatrix {

    private static final long serialVersionUID = 1L;

    final double[] flat;

    private Weights(double[][] data) {
        super(data, false);
        this.flat = Flat.of(this).data();
    }

    private volatile double[] flatTransposed;

    /** The transpose's row-major copy, made on first use. */
    double[] flatTransposed() {
        double[] t = this.flatTransposed;
        if (t == null) {
            int rows = getRowDimension();
            int cols = getColumnDimension();
            t = new double[rows * cols];
            for (int i = 0; i < rows; i++) {
                for (int j = 0; j < cols; j++) {
                    t[j * rows + i] = this.flat[i * cols + j];
                }
            }
            this.flatTransposed = t;
        }
        return t;
    }

    /** {@code matrix}'s entries as weights (copied). */
    static Weights of(RealMatrix matrix) {
        return matrix instanceof Weights weights ? weights : new Weights(Matrices.copyRows(matrix));
    }
}
