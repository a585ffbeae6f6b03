package com.rnnservice.math;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.BlockRealMatrix;
import org.apache.commons.math3.linear.RealMatrix;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The row-at-a-time allocations that stand in for {@code new double[rows][cols]} and Commons Math's
 * {@code getData}/{@code copy}: the same shapes and entries, and every row an array of its own, so that
 * writing into one result never shows up in another or in the matrix copied.
 */
class MatricesTest {

    @ParameterizedTest
    @CsvSource({ "0,0", "0,3", "3,0", "1,1", "5,10", "128,16" })
    void zeroRowsHasTheShapeZerosAndRowsOfItsOwn(int rows, int cols) {
        double[][] zeros = Matrices.zeroRows(rows, cols);

        assertThat(zeros).isDeepEqualTo(new double[rows][cols]);
        if (rows > 1 && cols > 0) {
            zeros[0][cols - 1] = 1;
            assertThat(zeros[1][cols - 1]).isZero();
            assertThat(zeros[0]).isNotSameAs(zeros[1]);
        }
    }

    @Test
    void copyRowsIsGetDataForAnyMatrixAndSharesNothing() {
        double[][] entries = { { 1, -2, 3.5 }, { 0.25, Double.MIN_VALUE, -0.0 } };
        for (RealMatrix matrix : new RealMatrix[] { new Array2DRowRealMatrix(entries), new BlockRealMatrix(entries) }) {
            double[][] copy = Matrices.copyRows(matrix);

            assertThat(copy).isDeepEqualTo(matrix.getData());
            copy[1][0] = 99;
            assertThat(matrix.getEntry(1, 0)).isEqualTo(0.25);
        }
    }

    @Test
    void zerosAndZerosLikeAreFreshZeros() {
        assertThat(Matrices.zeros(4, 3).getData()).isDeepEqualTo(new double[4][3]);

        State like = new State(Matrices.zeros(2, 3).scalarAdd(1), Matrices.zeros(2, 3).scalarAdd(2)).zerosLike();
        assertThat(like.a().getData()).isDeepEqualTo(new double[2][3]);
        assertThat(like.c()).isNotNull();
        assertThat(like.c().getData()).isDeepEqualTo(new double[2][3]);
        // the memory's zeros are not the hidden state's: writing one leaves the other
        Matrices.data(like.a())[0][0] = 5;
        assertThat(like.c().getEntry(0, 0)).isZero();
        assertThat(State.of(Matrices.zeros(2, 3)).zerosLike().c()).isNull();
    }
}
