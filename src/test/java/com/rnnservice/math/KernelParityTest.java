package com.rnnservice.math;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.apache.commons.math3.linear.RealMatrix;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The BLAS kernel and Commons Math's agree to 1e-12 on every multiply the cells use, on shapes small
 * enough for the BLAS kernel's Java loop and large enough for the BLAS itself, and on whole sequences.
 */
class KernelParityTest {

    @AfterEach
    void restore() {
        Kernel.use(Kernel.BLAS_DGEMM);
    }

    @ParameterizedTest
    @CsvSource({ "1,1,1", "3,5,2", "7,1,9", "64,40,33", "130,70,17", "301,203,151", "257,130,250" })
    void multipliesAgree(int m, int k, int n) {
        // the last two are over Kernel.PARALLEL multiply-adds: where the BLAS runs on one thread, they are split across cores
        Random random = new Random(m * 31L + k * 7L + n);
        RealMatrix a = CellContractTest.random(random, m, k);
        RealMatrix b = CellContractTest.random(random, k, n);
        RealMatrix at = CellContractTest.random(random, k, m);
        RealMatrix bt = CellContractTest.random(random, n, k);
        for (String op : new String[] { "ab", "aTb", "abT" }) {
            RealMatrix blas = apply(Kernel.BLAS_DGEMM, op, a, b, at, bt);
            RealMatrix commons = apply(Kernel.COMMONS_MATH, op, a, b, at, bt);
            assertThat(blas.getRowDimension()).isEqualTo(commons.getRowDimension());
            assertThat(blas.getColumnDimension()).isEqualTo(commons.getColumnDimension());
            assertThat(blas.subtract(commons).getNorm()).as(op).isLessThan(1e-12 * Math.max(1, commons.getNorm()));
        }
        // a weight matrix keeps its transpose for a split Aᵀ·B
        RealMatrix weights = Kernel.BLAS_DGEMM.transposeMultiply(Weights.of(at), b);
        RealMatrix commons = Kernel.COMMONS_MATH.transposeMultiply(at, b);
        assertThat(weights.subtract(commons).getNorm()).isLessThan(1e-12 * Math.max(1, commons.getNorm()));
    }

    private static RealMatrix apply(Kernel kernel, String op, RealMatrix a, RealMatrix b, RealMatrix at, RealMatrix bt) {
        return switch (op) {
            case "ab" -> kernel.multiply(a, b);
            case "aTb" -> kernel.transposeMultiply(at, b);
            default -> kernel.multiplyTranspose(a, bt);
        };
    }

    @ParameterizedTest
    @CsvSource({ "rnn,3,5,4,6", "lstm,3,5,4,6", "gru,3,5,4,6", "lstm,40,60,32,3", "gru,50,40,20,3" })
    void wholeSequencesAgree(String cell, int nX, int nA, int m, int steps) {
        CellType type = switch (cell) {
            case "rnn" -> RnnCell.TYPE;
            case "lstm" -> LstmCell.TYPE;
            default -> GruCell.TYPE;
        };
        Random random = new Random(nX + nA + m + steps);
        java.util.Map<String, RealMatrix> parameters = new java.util.LinkedHashMap<>();
        for (ParameterShape shape : type.parameters()) {
            int rows = nA;
            int cols = shape.isBias() ? 1 : shape.columns().equals("n_x") ? nX : shape.columns().equals("n_a") ? nA : nA + nX;
            parameters.put(shape.name(), CellContractTest.random(random, rows, cols));
        }
        List<RealMatrix> x = new ArrayList<>();
        List<RealMatrix> da = new ArrayList<>();
        for (int t = 0; t < steps; t++) {
            x.add(CellContractTest.random(random, nX, m));
            da.add(CellContractTest.random(random, nA, m));
        }
        State initial = new State(CellContractTest.random(random, nA, m), type.hasMemory() ? CellContractTest.random(random, nA, m) : null);

        Kernel.use(Kernel.BLAS_DGEMM);
        SequenceGradients blas = run(type.create(parameters), x, initial, da);
        Kernel.use(Kernel.COMMONS_MATH);
        SequenceGradients commons = run(type.create(parameters), x, initial, da);

        for (int t = 0; t < steps; t++) {
            assertThat(blas.dx().get(t).subtract(commons.dx().get(t)).getNorm()).isLessThan(1e-11);
        }
        assertThat(blas.dInitial().a().subtract(commons.dInitial().a()).getNorm()).isLessThan(1e-11);
        commons.parameters().forEach((name, g) -> assertThat(blas.parameters().get(name).subtract(g).getNorm())
            .as(name).isLessThan(1e-11 * Math.max(1, g.getNorm())));
    }

    private static <S extends Cell.Step> SequenceGradients run(Cell<S> cell, List<RealMatrix> x, State initial,
            List<RealMatrix> da) {
        return Sequence.backward(cell, Sequence.forward(cell, x, initial), da);
    }
}
