package com.rnnservice.math;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.apache.commons.math3.linear.RealMatrix;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The sums over all steps read their operands from {@link Flat} arrays built once; every kernel must give,
 * bit for bit, what its multiplies of the same matrices stacked the old way give, so that moving the sums
 * onto flat operands changed no answer. Shapes: below {@link Kernel#SMALL} (the BLAS kernel's Java loops),
 * above it, and above {@link Kernel#PARALLEL} (split across cores where the BLAS runs on one thread).
 */
class FlatTest {

    @ParameterizedTest
    @CsvSource({ "blas,3,5,4,2", "blas,4,12,6,3", "blas,15,16,8,8", "blas,20,12,40,8", "blas,48,96,24,50",
        "blas,200,150,20,40", "commons-math,3,5,4,2", "commons-math,20,12,40,8" })
    void theFlatSumsAreTheStackedSumsBitForBit(String kernelName, int nX, int rows, int m, int steps) {
        Kernel kernel = kernelName.equals("blas") ? Kernel.BLAS_DGEMM : Kernel.COMMONS_MATH;
        Random random = new Random(nX * 31L + rows * 7L + m + steps);
        List<RealMatrix> dzs = new ArrayList<>();
        List<RealMatrix> inputs = new ArrayList<>();
        for (int t = 0; t < steps; t++) {
            dzs.add(CellContractTest.random(random, rows, m));
            inputs.add(CellContractTest.random(random, nX, m));
        }
        RealMatrix weights = Weights.of(CellContractTest.random(random, rows, nX));
        RealMatrix dzStacked = Matrices.stackColumns(dzs);
        RealMatrix inputStacked = Matrices.stackColumns(inputs);
        Flat dz = Flat.sideBySide(dzs);
        Flat input = Flat.sideBySide(inputs);

        assertThat(dz.toMatrix().getData()).isDeepEqualTo(dzStacked.getData());
        assertThat(dz.rowSums().getData()).isDeepEqualTo(Matrices.rowSums(dzStacked).getData());
        assertThat(Flat.of(dzStacked).data()).isEqualTo(dz.data());
        // a block of rows, as a GRU's or LSTM's hidden-weight gradient reads it, and all of them
        int from = rows / 3;
        int to = rows - rows / 4;
        assertThat(kernel.multiplyTranspose(dz, from, to, input).getData())
            .isDeepEqualTo(kernel.multiplyTranspose(Matrices.rowsView(dzStacked, from, to), inputStacked).getData());
        assertThat(kernel.multiplyTranspose(dz, 0, rows, input).getData())
            .isDeepEqualTo(kernel.multiplyTranspose(dzStacked, inputStacked).getData());
        // every step's dx, cut back into steps
        List<RealMatrix> dx = kernel.transposeMultiply(weights, dz).splitColumns(m);
        List<RealMatrix> expected = Matrices.splitColumns(kernel.transposeMultiply(weights, dzStacked), m);
        assertThat(dx).hasSize(steps);
        for (int t = 0; t < steps; t++) {
            assertThat(dx.get(t).getData()).as("step " + t).isDeepEqualTo(expected.get(t).getData());
        }
        // every step's input projection
        RealMatrix inputWeights = Weights.of(CellContractTest.random(random, rows, nX));
        List<RealMatrix> projections = kernel.multiply(inputWeights, input).splitColumns(m);
        List<RealMatrix> stacked = Matrices.splitColumns(kernel.multiply(inputWeights, inputStacked), m);
        for (int t = 0; t < steps; t++) {
            assertThat(projections.get(t).getData()).as("step " + t).isDeepEqualTo(stacked.get(t).getData());
        }
    }

    @org.junit.jupiter.api.Test
    void rowSumsAddEachRowInOrderWhateverTheRowCount() {
        // magnitudes from 1e-3 to 1e16 with both signs: a sum in another order rounds differently
        Random random = new Random(11);
        for (int rows = 1; rows <= 9; rows++) {
            for (int cols : new int[] { 1, 7, 64 }) {
                double[][] entries = new double[rows][cols];
                for (double[] row : entries) {
                    for (int j = 0; j < cols; j++) {
                        row[j] = (random.nextBoolean() ? 1 : -1) * Math.pow(10, random.nextInt(20) - 3) * random.nextDouble();
                    }
                }
                RealMatrix matrix = new org.apache.commons.math3.linear.Array2DRowRealMatrix(entries, false);
                assertThat(Flat.of(matrix).rowSums().getData()).as("%d x %d", rows, cols)
                    .isDeepEqualTo(Matrices.rowSums(matrix).getData());
            }
        }
    }
}
