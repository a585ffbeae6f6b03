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
}
