package com.rnnservice.api;

import java.util.List;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.RealMatrix;

/** Matrices back into nested arrays in NumPy's axis order, for JSON. */
final class TensorData {

    private TensorData() {
    }

    /** A (rows, cols) matrix as rows of numbers. */
    static double[][] matrix(RealMatrix matrix) {
        return matrix.getData();
    }

    /** T matrices (rows, m), the slices [:, :, t], as one (rows, m, T) array. */
    static double[][][] timeSteps(List<RealMatrix> steps) {
        int rows = steps.get(0).getRowDimension();
        int m = steps.get(0).getColumnDimension();
        int count = steps.size();
        double[][][] out = new double[rows][m][count];
        for (int t = 0; t < count; t++) {
            RealMatrix step = steps.get(t);
            double[][] data = step instanceof Array2DRowRealMatrix dense ? dense.getDataRef() : step.getData();
            for (int i = 0; i < rows; i++) {
                double[] row = data[i];
                double[][] outRow = out[i];
                for (int j = 0; j < m; j++) {
                    outRow[j][t] = row[j];
                }
            }
        }
        return out;
    }
}
