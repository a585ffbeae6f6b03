package com.rnnservice.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.RealMatrix;
import org.junit.jupiter.api.Test;

/** An answer's time steps, T matrices (rows, m), become one (rows, m, T) array with out[i][j][t] = step t's (i, j). */
class TensorDataTest {

    @Test
    void everyEntryOfEveryStepLandsAtItsIndex() {
        for (int[] shape : new int[][] { { 1, 1, 1 }, { 5, 1, 7 }, { 3, 4, 1 }, { 1, 6, 2 }, { 7, 3, 5 } }) {
            int rows = shape[0];
            int m = shape[1];
            int steps = shape[2];
            List<RealMatrix> slices = new ArrayList<>();
            for (int t = 0; t < steps; t++) {
                double[][] slice = new double[rows][m];
                for (int i = 0; i < rows; i++) {
                    for (int j = 0; j < m; j++) {
                        slice[i][j] = 10000 * i + 100 * j + t;
                    }
                }
                slices.add(new Array2DRowRealMatrix(slice, false));
            }
            double[][][] expected = new double[rows][m][steps];
            for (int i = 0; i < rows; i++) {
                for (int j = 0; j < m; j++) {
                    for (int t = 0; t < steps; t++) {
                        expected[i][j][t] = 10000 * i + 100 * j + t;
                    }
                }
            }
            assertThat(TensorData.timeSteps(slices)).as("(%d, %d, %d)", rows, m, steps).isDeepEqualTo(expected);
        }
    }
}
