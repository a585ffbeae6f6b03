package com.rnnservice.math;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static com.rnnservice.math.BestCasePass.matrix;

import java.util.Random;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@link BestCasePass}, the benchmarks' measuring stick, computes what {@link Sequence} computes: every
 * gradient within 1e-12, for both cells, one block or several, with and without a c0.
 */
class BestCasePassTest {

    private static final double TOLERANCE = 1e-12;

    @ParameterizedTest(name = "lstm={0} n_x={1} n_a={2} m={3} T={4} blocks={5} c0={6}")
    @CsvSource({ "false, 3, 5, 10, 4, 1, false", "false, 7, 6, 9, 5, 2, false", "false, 4, 3, 5, 1, 3, false",
            "false, 1, 1, 1, 1, 1, false", "true, 3, 5, 10, 4, 1, true", "true, 7, 6, 9, 5, 2, true",
            "true, 4, 3, 5, 1, 3, false", "true, 1, 1, 1, 1, 1, true", "true, 16, 12, 8, 6, 2, false" })
    void matchesSequence(boolean lstm, int nX, int nA, int m, int steps, int blocks, boolean withC0) {
        Random random = new Random(17L * nX + 5L * nA + 3L * m + steps + (lstm ? 1000 : 0));
        double[] x = random(random, nX * m * steps);
        double[] a0 = random(random, nA * m);
        double[] c0 = lstm && withC0 ? random(random, nA * m) : null;
        double[] da = random(random, nA * m * steps);
        int gates = lstm ? 4 : 1;
        double[][] weights = new double[gates][];
        double[][] biases = new double[gates][];
        for (int k = 0; k < gates; k++) {
            weights[k] = random(random, nA * (lstm ? nA + nX : nX));
            biases[k] = random(random, nA);
        }
        double[] waa = lstm ? null : random(random, nA * nA);

        java.util.Map<String, Matrix> named = new java.util.LinkedHashMap<>();
        BestCasePass pass;
        if (lstm) {
            String[] names = { "f", "i", "c", "o" };
            for (int k = 0; k < 4; k++) {
                named.put("W" + names[k], matrix(weights[k], nA));
                named.put("b" + names[k], matrix(biases[k], nA));
            }
            pass = BestCasePass.lstm(nX, nA, weights, biases);
        }
        else {
            named.put("Wax", matrix(weights[0], nA));
            named.put("Waa", matrix(waa, nA));
            named.put("ba", matrix(biases[0], nA));
            pass = BestCasePass.rnn(nX, nA, weights[0], waa, biases[0]);
        }
        Cell cell = (lstm ? CellTypes.LSTM : CellTypes.RNN).create(named);
        Matrix c0Matrix = lstm ? (c0 == null ? new Matrix(nA, m) : matrix(c0, nA)) : null;
        SequenceGradients expected = new Sequence(Kernel.blas(new Parallel(1))).gradients(cell,
                BestCasePass.steps(x, nX, m, steps), new State(matrix(a0, nA), c0Matrix), BestCasePass.steps(da, nA, m, steps));

        BestCasePass.Gradients actual = pass.run(x, a0, c0, da, m, steps, blocks);

        for (int t = 0; t < steps; t++) {
            for (int i = 0; i < nX; i++) {
                for (int j = 0; j < m; j++) {
                    assertThat(actual.dx()[(i * m + j) * steps + t]).as("dx")
                            .isCloseTo(expected.dx().step(t).getEntry(i, j), within(TOLERANCE));
                }
            }
        }
        assertClose("da0", actual.da0(), expected.dInitial().a());
        if (lstm) {
            assertClose("dc0", actual.dc0(), expected.dInitial().c());
        }
        String[] gradientNames = lstm ? new String[] { "dWf", "dWi", "dWc", "dWo" } : new String[] { "dWaa" };
        String[] biasNames = lstm ? new String[] { "dbf", "dbi", "dbc", "dbo" } : new String[] { "dba" };
        int width = nA + nX;
        for (int k = 0; k < gates; k++) {
            Matrix dW = expected.parameters().get(gradientNames[k]);
            Matrix dWax = expected.parameters().get("dWax");
            Matrix db = expected.parameters().get(biasNames[k]);
            for (int r = 0; r < nA; r++) {
                int row = k * nA + r;
                for (int col = 0; col < width; col++) {
                    double want = lstm || col < nA ? dW.getEntry(r, col) : dWax.getEntry(r, col - nA);
                    assertThat(actual.dW()[row * width + col]).as("dW").isCloseTo(want, within(TOLERANCE));
                }
                assertThat(actual.db()[row]).as("db").isCloseTo(db.getEntry(r, 0), within(TOLERANCE));
            }
        }
    }

    private static void assertClose(String name, double[] actual, Matrix expected) {
        for (int i = 0; i < expected.getRowDimension(); i++) {
            for (int j = 0; j < expected.getColumnDimension(); j++) {
                assertThat(actual[i * expected.getColumnDimension() + j]).as(name)
                        .isCloseTo(expected.getEntry(i, j), within(TOLERANCE));
            }
        }
    }

    static double[] random(Random random, int count) {
        double[] values = new double[count];
        for (int i = 0; i < count; i++) {
            values[i] = random.nextGaussian();
        }
        return values;
    }
}
