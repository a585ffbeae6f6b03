package com.rnnservice.math;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.ToDoubleFunction;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The contract every cell family of {@link CellTypes} meets, as it is declared, with no list of families here: the
 * backward passes of one step and of a whole sequence agree with central finite differences of the forward passes,
 * for every input, initial state and parameter, over batch m in {1, 3}, time T in {1, 4} and size-1 dimensions; and
 * a batch split across cores gives the one-pass answer.
 */
class CellContractTest {

    private static final Sequence DRIVER = new Sequence(Kernel.blas(new Parallel(1)));

    /** (n_x, n_a), with n_x and n_a at 1 in some. */
    private static final int[][] SIZES = { { 1, 1 }, { 3, 2 }, { 1, 4 }, { 2, 1 } };

    /** (family, n_x, n_a, m): one step's sweep. */
    static Stream<Arguments> steps() {
        List<Arguments> cases = new ArrayList<>();
        for (CellType type : CellTypes.ALL) {
            for (int[] size : SIZES) {
                for (int m : new int[] { 1, 3 }) {
                    cases.add(Arguments.of(type.name(), size[0], size[1], m));
                }
            }
        }
        return cases.stream();
    }

    /** (family, n_x, n_a, m, T_x): a sequence's sweep. */
    static Stream<Arguments> sequences() {
        return steps().flatMap(a -> Stream.of(1, 4).map(steps -> Arguments.of(a.get()[0], a.get()[1], a.get()[2],
                a.get()[3], steps)));
    }

    static CellType type(String name) {
        return CellTypes.named(name).orElseThrow();
    }

    @ParameterizedTest(name = "{0} n_x={1} n_a={2} m={3}")
    @MethodSource("steps")
    void oneStepBackwardMatchesFiniteDifferences(String name, int nX, int nA, int m) {
        CellType type = type(name);
        Random random = new Random(31L * nX + 7L * nA + m + name.hashCode());
        Map<String, Matrix> inputs = new LinkedHashMap<>(FiniteDifferences.parameters(type, random, nX, nA, 1.0));
        inputs.put("xt", random(random, nX, m));
        inputs.put("a_prev", random(random, nA, m));
        if (type.hasMemory()) {
            inputs.put("c_prev", random(random, nA, m));
        }
        Matrix daNext = random(random, nA, m);
        Matrix dcNext = random(random, nA, m);

        // L = sum(a_next ⊙ da_next) + sum(c_next ⊙ dc_next): da_next as the step's upstream gradient, dc_next as the
        // gradient of the state after the last step, as the cell/backward endpoint passes them
        ToDoubleFunction<Map<String, Matrix>> loss = v -> {
            Sequence.Run run = DRIVER.forward(type.create(v), oneStep(v.get("xt")), state(type, v, "a_prev", "c_prev"));
            return FiniteDifferences.sum(run.outputs().step(0), daNext)
                    + (run.memory() == null ? 0 : FiniteDifferences.sum(run.memory().step(0), dcNext));
        };
        Sequence.Run run = DRIVER.forward(type.create(inputs), oneStep(inputs.get("xt")), state(type, inputs, "a_prev", "c_prev"));
        SequenceGradients g = DRIVER.backward(run, oneStep(daNext),
                type.hasMemory() ? new State(new Matrix(nA, m), dcNext) : null);

        Map<String, Matrix> analytic = byParameter(type, g.parameters());
        analytic.put("xt", g.dx().step(0));
        analytic.put("a_prev", g.dInitial().a());
        if (type.hasMemory()) {
            analytic.put("c_prev", g.dInitial().c());
        }
        FiniteDifferences.assertMatches(inputs, analytic, loss);
    }

    @ParameterizedTest(name = "{0} n_x={1} n_a={2} m={3} T={4}")
    @MethodSource("sequences")
    void sequenceBackwardMatchesFiniteDifferences(String name, int nX, int nA, int m, int steps) {
        CellType type = type(name);
        Random random = new Random(131L * nX + 17L * nA + 5L * m + steps + name.hashCode());
        Map<String, Matrix> inputs = new LinkedHashMap<>(FiniteDifferences.parameters(type, random, nX, nA, 1.0));
        for (int t = 0; t < steps; t++) {
            inputs.put("x" + t, random(random, nX, m));
        }
        inputs.put("a0", random(random, nA, m));
        if (type.hasMemory()) {
            inputs.put("c0", random(random, nA, m));
        }
        Steps da = Steps.zeros(nA, m, steps);
        da.all().assign(random(random, nA, steps * m));

        ToDoubleFunction<Map<String, Matrix>> loss = v -> {
            Steps a = DRIVER.forward(type.create(v), FiniteDifferences.steps(v, "x", steps), state(type, v, "a0", "c0"))
                .outputs();
            double total = 0;
            for (int t = 0; t < steps; t++) {
                total += FiniteDifferences.sum(a.step(t), da.step(t));
            }
            return total;
        };
        SequenceGradients g = DRIVER.gradients(type.create(inputs), FiniteDifferences.steps(inputs, "x", steps),
                state(type, inputs, "a0", "c0"), da);

        assertThat(g.dx().count()).isEqualTo(steps);
        Map<String, Matrix> analytic = byParameter(type, g.parameters());
        for (int t = 0; t < steps; t++) {
            analytic.put("x" + t, g.dx().step(t));
        }
        analytic.put("a0", g.dInitial().a());
        if (type.hasMemory()) {
            analytic.put("c0", g.dInitial().c());
        }
        FiniteDifferences.assertMatches(inputs, analytic, loss);
    }

    /** (family, m, T_x) large enough to split the batch (n_a = 64): m even and odd. */
    static Stream<Arguments> batches() {
        return CellTypes.ALL.stream().flatMap(type -> Stream.of(Arguments.of(type.name(), 8, 40),
                Arguments.of(type.name(), 11, 40), Arguments.of(type.name(), 13, 30)));
    }

    @ParameterizedTest(name = "{0} m={1} T={2}")
    @MethodSource("batches")
    void batchSplitAcrossCoresGivesTheOnePassAnswer(String name, int m, int steps) {
        CellType type = type(name);
        int nX = 9;
        int nA = 64;
        Random random = new Random(17L * m + steps + name.hashCode());
        Map<String, Matrix> parameters = FiniteDifferences.parameters(type, random, nX, nA, 0.15);
        Cell cell = type.create(parameters);
        Steps x = new Steps(random(random, nX, steps * m), m);
        Steps da = new Steps(random(random, nA, steps * m), m);
        State initial = new State(random(random, nA, m), type.hasMemory() ? random(random, nA, m) : null);

        // four cores given, whatever the machine has: the split path runs here too
        Sequence split = new Sequence(Kernel.blas(new Parallel(4)));
        Sequence whole = new Sequence(Kernel.blas(new Parallel(1)));
        Sequence.Run splitRun = split.forward(cell, x, initial);
        Sequence.Run wholeRun = whole.forward(cell, x, initial);
        assertThat(splitRun.blocks()).isEqualTo(4);
        assertThat(wholeRun.blocks()).isEqualTo(1);
        assertThat(split.forward(cell, new Steps(x.range(0, 2), m), initial).blocks()).as("a short sequence stays in one piece")
            .isEqualTo(1);

        assertSame(splitRun.outputs().all(), wholeRun.outputs().all(), "a");
        if (type.hasMemory()) {
            assertSame(splitRun.memory().all(), wholeRun.memory().all(), "c");
        }
        wholeRun.gates().forEach((gate, steps2) -> assertSame(splitRun.gates().get(gate).all(), steps2.all(), gate));
        SequenceGradients splitGradients = split.backward(splitRun, da);
        SequenceGradients wholeGradients = whole.backward(wholeRun, da);
        assertSame(splitGradients.dx().all(), wholeGradients.dx().all(), "dx");
        assertSame(splitGradients.da().all(), wholeGradients.da().all(), "every step's da");
        assertSame(splitGradients.dInitial().a(), wholeGradients.dInitial().a(), "da0");
        if (type.hasMemory()) {
            assertSame(splitGradients.dInitial().c(), wholeGradients.dInitial().c(), "dc0");
        }
        assertThat(splitGradients.parameters().keySet()).containsExactlyElementsOf(wholeGradients.parameters().keySet());
        wholeGradients.parameters().forEach((gradient, value) -> assertSame(splitGradients.parameters().get(gradient), value,
                gradient));
    }

    /** Equal up to rounding: within 1e-13 of the largest entry, a hundred times tighter than the NumPy fixtures. */
    static void assertSame(Matrix actual, Matrix expected, String name) {
        assertThat(actual.getRowDimension()).as(name).isEqualTo(expected.getRowDimension());
        assertThat(actual.getColumnDimension()).as(name).isEqualTo(expected.getColumnDimension());
        double largest = 0;
        double worst = 0;
        for (int i = 0; i < expected.getRowDimension(); i++) {
            for (int j = 0; j < expected.getColumnDimension(); j++) {
                largest = Math.max(largest, Math.abs(expected.getEntry(i, j)));
                worst = Math.max(worst, Math.abs(actual.getEntry(i, j) - expected.getEntry(i, j)));
            }
        }
        assertThat(worst / Math.max(largest, Double.MIN_NORMAL)).as(name + ": largest difference relative to the largest entry")
            .isLessThanOrEqualTo(1e-13);
    }

    /** Every gradient a pass returns, for every declared parameter of the cell, and no other, by parameter name. */
    static Map<String, Matrix> byParameter(CellType type, Map<String, Matrix> gradients) {
        Map<String, Matrix> named = new LinkedHashMap<>();
        for (ParameterShape shape : type.parameters()) {
            assertThat(gradients).as("gradient of " + shape.name()).containsKey(shape.gradientName());
            named.put(shape.name(), gradients.get(shape.gradientName()));
        }
        assertThat(gradients).hasSize(type.parameters().size());
        return named;
    }

    private static State state(CellType type, Map<String, Matrix> inputs, String hidden, String memory) {
        return new State(inputs.get(hidden), type.hasMemory() ? inputs.get(memory) : null);
    }

    private static Steps oneStep(Matrix step) {
        return new Steps(step, step.getColumnDimension());
    }

    static Matrix random(Random random, int rows, int cols) {
        return FiniteDifferences.random(random, rows, cols, 1.0);
    }
}
