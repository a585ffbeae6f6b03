package com.rnnservice.api;

import java.util.List;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.RealMatrix;

import com.rnnservice.math.Matrices;

/** Matrices back into nested arrays in NumPy's axis order, for JSON. */
final class TensorData {

    private TensorData() {
    }

    /** A (rows, cols) matrix as rows of numbers. */
    static double[][] matrix(RealMatrix matrix) {
        return Matrices.copyRows(matrix);
    }

    /**
     * T matrices (rows, m), the slices [:, :, t], as one (rows, m, T) array. One row i at a time, so that
     * the m arrays of T numbers being filled stay in cache while every slice's row i is read into them.
     */
    static double[][][] timeSteps(List<RealMatrix> steps) {
        int rows = steps.get(0).getRowDimension();
        int m = steps.get(0).getColumnDimension();
        int count = steps.size();
        double[][][] data = new double[count][][];
        for (int t = 0; t < count; t++) {
            RealMatrix step = steps.get(t);
            data[t] = step instanceof Array2DRowRealMatrix dense ? dense.getDataRef() : step.getData();
        }
        double[][][] out = new double[rows][][];
        for (int i = 0; i < rows; i++) {
            double[][] outRow = Matrices.zeroRows(m, count);
            out[i] = outRow;
            for (int t = 0; t < count; t++) {
                double[] row = data[t][i];
                for (int j = 0; j < m; j++) {
                    outRow[j][t] = row[j];
                }
            }
        }
        return out;
    }
}
