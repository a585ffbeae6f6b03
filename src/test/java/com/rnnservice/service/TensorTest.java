package com.rnnservice.service;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import com.rnnservice.math.Matrix;
import com.rnnservice.math.Steps;

/**
 * Tensors become the maths' matrices and time steps as views of their own array, in whichever layout they were
 * built, and an answer's tensors read the maths' arrays through the views' strides.
 */
class TensorTest {

    /** x[i][j][t] = 10000 i + 100 j + t in NumPy's order. */
    private static double[] numpyOrder(int rows, int m, int steps) {
        double[] values = new double[rows * m * steps];
        for (int k = 0; k < values.length; k++) {
            values[k] = 10000 * (k / (m * steps)) + 100 * (k / steps % m) + k % steps;
        }
        return values;
    }

    /** The same entries laid out as time steps: (i, j, t) at i·T·m + t·m + j. */
    private static double[] stepOrder(int rows, int m, int steps) {
        double[] values = new double[rows * m * steps];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < m; j++) {
                for (int t = 0; t < steps; t++) {
                    values[i * steps * m + t * m + j] = 10000 * i + 100 * j + t;
                }
            }
        }
        return values;
    }

    @Test
    void aMatrixKeepsNumPysRowMajorOrderAndSharesTheArray() {
        double[] values = { 1, 2, 3, 4, 5, 6 };
        Matrix m = Tensor.of(new int[] { 2, 3 }, values).matrix();
        assertThat(m.getData()).isDeepEqualTo(new double[][] { { 1, 2, 3 }, { 4, 5, 6 } });
        assertThat(m.array()).isSameAs(values);
    }

    @Test
    void aOneDimensionalBiasIsAColumn() {
        Matrix b = Tensor.of(new int[] { 3 }, new double[] { 1, 2, 3 }).matrix();
        assertThat(b.getData()).isDeepEqualTo(new double[][] { { 1 }, { 2 }, { 3 } });
    }

    @Test
    void everyEntryLandsInItsStepWhicheverLayoutItCameIn() {
        // shapes with an axis of one and with more rows than steps and fewer
        for (int[] shape : new int[][] { { 1, 1, 1 }, { 5, 1, 7 }, { 3, 4, 1 }, { 1, 6, 2 }, { 7, 3, 5 } }) {
            int rows = shape[0];
            int m = shape[1];
            int count = shape[2];
            double[] laidOut = stepOrder(rows, m, count);
            Steps view = Tensor.ofSteps(rows, m, count, laidOut).steps();
            Steps copied = Tensor.of(shape, numpyOrder(rows, m, count)).steps();
            assertThat(view.all().array()).as("a view of the array read").isSameAs(laidOut);
            assertThat(view.count()).isEqualTo(count);
            for (int t = 0; t < count; t++) {
                for (int i = 0; i < rows; i++) {
                    for (int j = 0; j < m; j++) {
                        double expected = 10000 * i + 100 * j + t;
                        assertThat(view.step(t).getEntry(i, j)).as("(%d, %d, %d) of %s", i, j, t, Tensor.shapeText(shape))
                            .isEqualTo(expected);
                        assertThat(copied.step(t).getEntry(i, j)).isEqualTo(expected);
                    }
                }
            }
        }
    }

    @Test
    void anAnswersTensorReadsTheMathsArrayThroughItsStrides() {
        Steps steps = Tensor.ofSteps(3, 2, 4, stepOrder(3, 2, 4)).steps();
        Steps rows = steps.rows(1, 3);
        Tensor tensor = Tensor.of(rows);
        assertThat(tensor.shapeText()).isEqualTo("(2, 2, 4)");
        assertThat(tensor.get(1, 1, 3)).isEqualTo(20000 + 100 + 3);
        Tensor view = Tensor.of(steps.step(2).rows(1, 3));
        assertThat(view.shapeText()).isEqualTo("(2, 2)");
        assertThat(view.get(0, 1)).isEqualTo(10000 + 100 + 2);
        assertThat(Tensor.scalar(1.5).rank()).isZero();
    }
}
