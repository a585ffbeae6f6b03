package com.rnnservice.math;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/**
 * Every declared family's layout: its named parameters, views of the stack, tile W and b exactly, each of its
 * declared shape, and a stack built from named matrices holds them; wrong shapes are refused with the symbols.
 */
class ParametersTest {

    static java.util.stream.Stream<String> cells() {
        return NetworkTest.cells();
    }

    @ParameterizedTest
    @MethodSource("cells")
    void theNamedParametersTileTheStackExactly(String cell) {
        CellType type = CellContractTest.type(cell);
        Parameters stack = Parameters.zeros(type, 3, 2);
        // mark every entry through the named views: each entry of W and b once
        double mark = 1;
        for (Map.Entry<String, Matrix> p : stack.named().entrySet()) {
            ParameterShape shape = type.parameter(p.getKey());
            assertThat(p.getValue().getRowDimension()).as(p.getKey()).isEqualTo(shape.rows().value(Map.of(Symbol.N_A, 3, Symbol.N_X, 2)));
            assertThat(p.getValue().getColumnDimension()).as(p.getKey()).isEqualTo(shape.columns().value(Map.of(Symbol.N_A, 3, Symbol.N_X, 2)));
            for (int i = 0; i < p.getValue().getRowDimension(); i++) {
                for (int j = 0; j < p.getValue().getColumnDimension(); j++) {
                    assertThat(p.getValue().getEntry(i, j)).as(p.getKey() + " overlaps another parameter").isZero();
                    p.getValue().setEntry(i, j, mark++);
                }
            }
        }
        for (Matrix block : new Matrix[] { stack.weights(), stack.biases() }) {
            for (int i = 0; i < block.getRowDimension(); i++) {
                for (int j = 0; j < block.getColumnDimension(); j++) {
                    assertThat(block.getEntry(i, j)).as("an entry of the stack no parameter covers").isNotZero();
                }
            }
        }
        assertThat(stack.rows()).isEqualTo(Parameters.weightBlocks(type) * 3);
        assertThat(stack.named().keySet()).containsExactlyElementsOf(type.parameters().stream().map(ParameterShape::name).toList());
    }

    @ParameterizedTest
    @MethodSource("cells")
    void aStackHoldsTheMatricesItWasBuiltFrom(String cell) {
        CellType type = CellContractTest.type(cell);
        Map<String, Matrix> named = FiniteDifferences.parameters(type, new Random(2), 4, 3, 1);
        Parameters stack = Parameters.of(type, named);
        assertThat(stack.hidden()).isEqualTo(3);
        assertThat(stack.input()).isEqualTo(4);
        named.forEach((name, value) -> assertThat(stack.get(name).getData()).as(name).isDeepEqualTo(value.getData()));
        named.values().iterator().next().setEntry(0, 0, 1e9);
        assertThat(stack.named().values().iterator().next().getEntry(0, 0)).as("the stack is a copy").isNotEqualTo(1e9);
    }

    @Test
    void aWrongShapeOrAMissingParameterIsNamed() {
        Map<String, Matrix> named = new LinkedHashMap<>(FiniteDifferences.parameters(CellTypes.LSTM, new Random(4), 3, 5, 1));
        named.put("Wi", new Matrix(5, 7));
        assertThatThrownBy(() -> Parameters.of(CellTypes.LSTM, named)).isInstanceOf(IllegalArgumentException.class)
            .hasMessage("Wi is (5, 7); expected (n_a, n_a + n_x) = (5, 8)");
        named.remove("bo");
        assertThatThrownBy(() -> Parameters.of(CellTypes.LSTM, named))
            .hasMessage("bo is missing: an LSTM cell needs Wf, Wi, Wc, Wo, bf, bi, bc, bo");
    }

    @Test
    void dimensionsAreWrittenAndSolvedAsTheExerciseWritesThem() {
        Dimension concat = Dimension.of(Symbol.N_A).plus(Symbol.N_X);
        assertThat(concat).hasToString("n_a + n_x");
        assertThat(Dimension.times(4, Symbol.N_A)).hasToString("4·n_a");
        assertThat(Dimension.constant(1)).hasToString("1");
        assertThat(concat.solve(8, s -> s == Symbol.N_A ? 5 : null)).isEqualTo(Map.entry(Symbol.N_X, 3));
        assertThat(Dimension.times(4, Symbol.N_A).solve(20, s -> null)).isEqualTo(Map.entry(Symbol.N_A, 5));
        assertThat(Dimension.times(4, Symbol.N_A).solve(18, s -> null)).as("not a multiple").isNull();
        assertThat(concat.solve(8, s -> null)).as("two unknowns").isNull();
        assertThat(concat.replace(Symbol.N_X, Symbol.N_IN)).hasToString("n_a + n_in");
    }
}
