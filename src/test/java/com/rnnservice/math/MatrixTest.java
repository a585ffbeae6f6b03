package com.rnnservice.math;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Random;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.RealMatrix;
import org.junit.jupiter.api.Test;

/**
 * The one layout: views share their array, bounds are checked with the shapes named, the in-place sums add what
 * a plain loop adds bit for bit, and a Matrix behaves as Commons Math's own matrices do.
 */
class MatrixTest {

    @Test
    void aViewWritesTheMatrixItWasTakenFrom() {
        Matrix m = Matrix.of(new double[][] { { 1, 2, 3, 4 }, { 5, 6, 7, 8 }, { 9, 10, 11, 12 } });
        Matrix view = m.view(1, 2, 1, 2);
        assertThat(view.getData()).isDeepEqualTo(new double[][] { { 6, 7 }, { 10, 11 } });
        view.setEntry(1, 0, -10);
        assertThat(m.getEntry(2, 1)).isEqualTo(-10);
        assertThat(m.columns(2, 4).rows(0, 1).getData()).isDeepEqualTo(new double[][] { { 3, 4 } });
        assertThat(view.copy().array()).as("a copy of its own, with a spare row for the BLAS's bounds check").hasSize(6);
    }

    @Test
    void outOfBoundsIsRefusedWithTheShape() {
        Matrix m = new Matrix(2, 3);
        assertThatThrownBy(() -> m.view(1, 2, 0, 3)).isInstanceOf(IllegalArgumentException.class)
            .hasMessage("rows [1, 3) and columns [0, 3) are not within a (2, 3) matrix");
        assertThatThrownBy(() -> m.getEntry(2, 0)).isInstanceOf(IndexOutOfBoundsException.class)
            .hasMessage("(2, 0) is not within a (2, 3) matrix");
        assertThatThrownBy(() -> Matrix.wrap(new double[5], 2, 3)).hasMessage("a (2, 3) matrix needs 6 entries, got 5");
        assertThatThrownBy(() -> m.assign(new Matrix(3, 2)))
            .hasMessage("the source is (3, 2) and the target is (2, 3): they must have one shape");
    }

    @Test
    void rowSumsAddWhatAPlainLoopAddsBitForBit() {
        Random random = new Random(3);
        for (int rows : new int[] { 1, 3, 4, 5, 9 }) {
            Matrix source = FiniteDifferences.random(random, rows + 1, 37, 1e3).view(1, rows, 0, 37);
            Matrix sums = new Matrix(rows, 1);
            sums.addRowSums(source);
            for (int i = 0; i < rows; i++) {
                double expected = 0;
                for (int j = 0; j < 37; j++) {
                    expected += source.getEntry(i, j);
                }
                assertThat(sums.getEntry(i, 0)).as("row %d of %d", i, rows).isEqualTo(expected);
            }
        }
    }

    @Test
    void theNormIsCommonsMathsBitForBit() {
        Matrix m = FiniteDifferences.random(new Random(5), 7, 9, 3.0).view(1, 5, 2, 6);
        assertThat(m.getFrobeniusNorm()).isEqualTo(new Array2DRowRealMatrix(m.getData()).getFrobeniusNorm());
    }

    @Test
    void itIsARealMatrixToALibraryUser() {
        RealMatrix a = Matrix.of(new double[][] { { 1, 2 }, { 3, 4 } });
        RealMatrix product = a.multiply(new Array2DRowRealMatrix(new double[][] { { 1 }, { 1 } }));
        assertThat(product.getColumn(0)).containsExactly(3, 7);
        assertThat(a.transpose().getEntry(0, 1)).isEqualTo(3);
        assertThat(Matrix.of(a)).isSameAs(a);
        assertThat(Matrix.of(new Array2DRowRealMatrix(new double[][] { { 1 } })).getEntry(0, 0)).isEqualTo(1);
    }

    @Test
    void stepsAreViewsOfOneMatrix() {
        Matrix first = Matrix.of(new double[][] { { 1, 2 }, { 3, 4 } });
        Matrix second = Matrix.of(new double[][] { { 5, 6 }, { 7, 8 } });
        Steps steps = Steps.of(List.of(first, second));
        assertThat(steps.all().getData()).isDeepEqualTo(new double[][] { { 1, 2, 5, 6 }, { 3, 4, 7, 8 } });
        assertThat(steps.count()).isEqualTo(2);
        steps.step(1).setEntry(0, 0, -5);
        assertThat(steps.all().getEntry(0, 2)).isEqualTo(-5);
        assertThat(steps.rows(1, 2).step(0).getData()).isDeepEqualTo(new double[][] { { 3, 4 } });
        assertThatThrownBy(() -> new Steps(new Matrix(2, 5), 2))
            .hasMessage("a (rows, T_x·m) matrix of time steps needs a width that m divides; got (2, 5) with m = 2");
    }
}
