package com.rnnservice.api;

import java.util.List;

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
            for (int i = 0; i < rows; i++) {
                for (int j = 0; j < m; j++) {
                    out[i][j][t] = step.getEntry(i, j);
                }
            }
        }
        return out;
    }
}
