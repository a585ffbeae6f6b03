package com.rnnservice.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.apache.commons.math3.linear.RealMatrix;
import org.junit.jupiter.api.Test;

/** Tensors in NumPy's row-major order become the matrices the maths uses, and the slices x[:, :, t]. */
class TensorTest {

    @Test
    void aMatrixKeepsNumPysRowMajorOrder() {
        RealMatrix m = Tensor.of(new int[] { 2, 3 }, new double[] { 1, 2, 3, 4, 5, 6 }).toMatrix();
        assertThat(m.getData()).isDeepEqualTo(new double[][] { { 1, 2, 3 }, { 4, 5, 6 } });
    }

    @Test
    void aOneDimensionalBiasIsAColumn() {
        RealMatrix b = Tensor.of(new int[] { 3 }, new double[] { 1, 2, 3 }).toMatrix();
        assertThat(b.getData()).isDeepEqualTo(new double[][] { { 1 }, { 2 }, { 3 } });
    }

    @Test
    void timeStepsAreTheSlicesOfTheLastAxis() {
        // x[i][j][t] = 100 i + 10 j + t, shape (2, 3, 4)
        double[] values = new double[24];
        for (int i = 0; i < 2; i++) {
            for (int j = 0; j < 3; j++) {
                for (int t = 0; t < 4; t++) {
                    values[(i * 3 + j) * 4 + t] = 100 * i + 10 * j + t;
                }
            }
        }
        List<RealMatrix> steps = Tensor.of(new int[] { 2, 3, 4 }, values).toTimeSteps();
        assertThat(steps).hasSize(4);
        for (int t = 0; t < 4; t++) {
            assertThat(steps.get(t).getRowDimension()).isEqualTo(2);
            assertThat(steps.get(t).getColumnDimension()).isEqualTo(3);
            assertThat(steps.get(t).getEntry(1, 2)).isEqualTo(100 + 20 + t);
        }
    }

    @Test
    void everyEntryLandsInItsSliceWhateverTheShape() {
        // x[i][j][t] = 10000 i + 100 j + t; shapes with an axis of one and with more rows than steps and fewer
        for (int[] shape : new int[][] { { 1, 1, 1 }, { 5, 1, 7 }, { 3, 4, 1 }, { 1, 6, 2 }, { 7, 3, 5 } }) {
            int rows = shape[0];
            int m = shape[1];
            int steps = shape[2];
            double[] values = new double[rows * m * steps];
            for (int k = 0; k < values.length; k++) {
                values[k] = 10000 * (k / (m * steps)) + 100 * (k / steps % m) + k % steps;
            }
            List<RealMatrix> slices = Tensor.of(shape, values).toTimeSteps();
            assertThat(slices).hasSize(steps);
            for (int t = 0; t < steps; t++) {
                double[][] expected = new double[rows][m];
                for (int i = 0; i < rows; i++) {
                    for (int j = 0; j < m; j++) {
                        expected[i][j] = 10000 * i + 100 * j + t;
                    }
                }
                assertThat(slices.get(t).getData()).as("slice %d of %s", t, Tensor.shapeText(shape)).isDeepEqualTo(expected);
            }
        }
    }
}
