package com.rnnservice.math;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The BLAS kernel and Commons Math's, two independent implementations, agree to 1e-12 on every multiply the cells
 * use, written or added, on views of larger arrays (offsets and strides), on shapes small enough for the BLAS
 * kernel's Java loop, large enough for the BLAS, and large enough to be split across cores; and on whole sequences.
 */
class KernelParityTest {

    private static final Kernel BLAS = Kernel.blas(new Parallel(4));

    private static final Kernel COMMONS = Kernel.commonsMath(new Parallel(1));

    @ParameterizedTest
    @CsvSource({ "1,1,1", "3,5,2", "7,1,9", "64,40,33", "130,70,17", "301,203,151", "257,130,250" })
    void multipliesAgreeOnViews(int m, int k, int n) {
        // the last two are over Kernel.PARALLEL multiply-adds: with four cores given, they are split
        Random random = new Random(m * 31L + k * 7L + n);
        for (String op : new String[] { "ab", "aTb", "abT" }) {
            for (boolean accumulate : new boolean[] { false, true }) {
                Matrix a = view(random, op.equals("aTb") ? k : m, op.equals("aTb") ? m : k);
                Matrix b = view(random, op.equals("abT") ? n : k, op.equals("abT") ? k : n);
                Matrix blas = view(random, m, n);
                Matrix commons = blas.copy();
                apply(BLAS, op, a, b, blas, accumulate);
                apply(COMMONS, op, a, b, commons, accumulate);
                assertThat(blas.subtract(commons).getNorm()).as(op + (accumulate ? " +=" : " ="))
                    .isLessThan(1e-12 * Math.max(1, commons.getNorm()));
            }
        }
    }

    @Test
    void anInnerDimensionOfZeroWritesZerosOrAddsNothing() {
        Matrix a = new Matrix(2, 0);
        Matrix b = new Matrix(0, 3);
        Matrix c = Matrix.of(new double[][] { { 1, 2, 3 }, { 4, 5, 6 } });
        BLAS.multiply(a, b, c, true);
        assertThat(c.getEntry(1, 2)).isEqualTo(6);
        BLAS.multiply(a, b, c, false);
        assertThat(c.getFrobeniusNorm()).isZero();
    }

    @Test
    void mismatchedDimensionsAreNamed() {
        assertThatThrownBy(() -> BLAS.multiply(new Matrix(2, 3), new Matrix(4, 5), new Matrix(2, 5), false))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessage("A·B: A is (2, 3) and B is (4, 5), whose inner dimensions differ");
        assertThatThrownBy(() -> BLAS.transposeMultiply(new Matrix(3, 2), new Matrix(3, 5), new Matrix(5, 2), false))
            .hasMessage("Aᵀ·B of A (3, 2) and B (3, 5) is (2, 5); C is (5, 2)");
    }

    /** A matrix of normal entries in the middle of a larger array: an offset, and rows further apart than its width. */
    private static Matrix view(Random random, int rows, int cols) {
        Matrix wide = FiniteDifferences.random(random, rows + 2, cols + 3, 1.0);
        return wide.view(1, rows, 2, cols);
    }

    private static void apply(Kernel kernel, String op, Matrix a, Matrix b, Matrix c, boolean accumulate) {
        switch (op) {
            case "ab" -> kernel.multiply(a, b, c, accumulate);
            case "aTb" -> kernel.transposeMultiply(a, b, c, accumulate);
            default -> kernel.multiplyTranspose(a, b, c, accumulate);
        }
    }

    static Stream<Arguments> sequences() {
        return CellTypes.ALL.stream().flatMap(type -> Stream.of(Arguments.of(type.name(), 3, 5, 4, 6),
                Arguments.of(type.name(), 40, 60, 32, 3)));
    }

    @ParameterizedTest(name = "{0} n_x={1} n_a={2} m={3} T={4}")
    @MethodSource("sequences")
    void wholeSequencesAgree(String cell, int nX, int nA, int m, int steps) {
        CellType type = CellContractTest.type(cell);
        Random random = new Random(nX + nA + m + steps);
        Map<String, Matrix> parameters = FiniteDifferences.parameters(type, random, nX, nA, 1.0);
        Steps x = new Steps(FiniteDifferences.random(random, nX, steps * m, 1.0), m);
        Steps da = new Steps(FiniteDifferences.random(random, nA, steps * m, 1.0), m);
        State initial = new State(FiniteDifferences.random(random, nA, m, 1.0),
                type.hasMemory() ? FiniteDifferences.random(random, nA, m, 1.0) : null);

        SequenceGradients blas = new Sequence(BLAS).gradients(type.create(parameters), x, initial, da);
        SequenceGradients commons = new Sequence(COMMONS).gradients(type.create(parameters), x, initial, da);

        assertClose("dx", blas.dx().all(), commons.dx().all());
        assertClose("every step's da", blas.da().all(), commons.da().all());
        assertClose("da0", blas.dInitial().a(), commons.dInitial().a());
        if (type.hasMemory()) {
            assertClose("dc0", blas.dInitial().c(), commons.dInitial().c());
        }
        assertThat(blas.parameters().keySet()).containsExactlyElementsOf(commons.parameters().keySet());
        commons.parameters().forEach((name, g) -> assertClose(name, blas.parameters().get(name), g));
    }

    /** Within 1e-11 of the expected matrix's norm (or of 1, for a small one). */
    private static void assertClose(String name, Matrix actual, Matrix expected) {
        assertThat(actual.subtract(expected).getNorm()).as(name).isLessThan(1e-11 * Math.max(1, expected.getNorm()));
    }
}
