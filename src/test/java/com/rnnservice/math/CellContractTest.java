package com.rnnservice.math;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.ToDoubleFunction;
import java.util.stream.Stream;

import org.apache.commons.math3.linear.RealMatrix;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The contract every {@link Cell} meets, run against each kind by a subclass: the backward passes of
 * one step and of a whole sequence agree with central finite differences of the forward passes, for
 * every input, initial state and parameter, over batch m in {1, 3}, time T in {1, 4} and size-1
 * dimensions.
 */
abstract class CellContractTest {



    /** The kind of cell under test. */
    abstract CellType type();

    /** (n_x, n_a, m, T_x): m in {1, 3}, T in {1, 4}, with n_x and n_a at 1 in some cases. */
    static Stream<Arguments> sweep() {
        List<Arguments> cases = new ArrayList<>();
        int[][] sizes = { { 1, 1 }, { 3, 2 }, { 1, 4 }, { 2, 1 } };
        for (int[] size : sizes) {
            for (int m : new int[] { 1, 3 }) {
                for (int steps : new int[] { 1, 4 }) {
                    cases.add(Arguments.of(size[0], size[1], m, steps));
                }
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "n_x={0} n_a={1} m={2}")
    @MethodSource("sweep")
    void cellBackwardMatchesFiniteDifferences(int nX, int nA, int m, int unusedSteps) {
        Random random = new Random(31L * nX + 7L * nA + m);
        Map<String, RealMatrix> inputs = new LinkedHashMap<>(parameters(random, nX, nA));
        inputs.put("xt", random(random, nX, m));
        inputs.put("a_prev", random(random, nA, m));
        if (type().hasMemory()) {
            inputs.put("c_prev", random(random, nA, m));
        }
        RealMatrix daNext = random(random, nA, m);
        RealMatrix dcNext = random(random, nA, m);

        ToDoubleFunction<Map<String, RealMatrix>> loss = v -> {
            State next = cell(v).forward(v.get("xt"), state(v, "a_prev", "c_prev")).next();
            return FiniteDifferences.sum(next.a(), daNext) + (next.c() == null ? 0 : FiniteDifferences.sum(next.c(), dcNext));
        };
        StepGradients g = backward(cell(inputs), inputs.get("xt"), state(inputs, "a_prev", "c_prev"),
                new State(daNext, type().hasMemory() ? dcNext : null));

        Map<String, RealMatrix> analytic = new LinkedHashMap<>(byParameter(g.parameters()));
        analytic.put("xt", g.dxt());
        analytic.put("a_prev", g.dPrev().a());
        if (type().hasMemory()) {
            analytic.put("c_prev", g.dPrev().c());
        }
        FiniteDifferences.assertMatches(inputs, analytic, loss);
    }

    @ParameterizedTest(name = "n_x={0} n_a={1} m={2} T={3}")
    @MethodSource("sweep")
    void sequenceBackwardMatchesFiniteDifferences(int nX, int nA, int m, int steps) {
        Random random = new Random(131L * nX + 17L * nA + 5L * m + steps);
        Map<String, RealMatrix> inputs = new LinkedHashMap<>(parameters(random, nX, nA));
        for (int t = 0; t < steps; t++) {
            inputs.put("x" + t, random(random, nX, m));
        }
        inputs.put("a0", random(random, nA, m));
        if (type().hasMemory()) {
            inputs.put("c0", random(random, nA, m));
        }
        List<RealMatrix> da = new ArrayList<>();
        for (int t = 0; t < steps; t++) {
            da.add(random(random, nA, m));
        }

        ToDoubleFunction<Map<String, RealMatrix>> loss = v -> {
            List<? extends Cell.Step> run = Sequence.forward(cell(v), xs(v, steps), state(v, "a0", "c0"));
            double total = 0;
            for (int t = 0; t < steps; t++) {
                total += FiniteDifferences.sum(run.get(t).next().a(), da.get(t));
            }
            return total;
        };
        SequenceGradients g = throughTime(cell(inputs), xs(inputs, steps), state(inputs, "a0", "c0"), da);

        assertThat(g.dx()).hasSize(steps);
        Map<String, RealMatrix> analytic = new LinkedHashMap<>(byParameter(g.parameters()));
        for (int t = 0; t < steps; t++) {
            analytic.put("x" + t, g.dx().get(t));
        }
        analytic.put("a0", g.dInitial().a());
        if (type().hasMemory()) {
            analytic.put("c0", g.dInitial().c());
        }
        FiniteDifferences.assertMatches(inputs, analytic, loss);
    }

    @ParameterizedTest(name = "n_x={0} n_a={1} m={2}")
    @MethodSource("sweep")
    void oneStepSequenceIsOneCellStep(int nX, int nA, int m, int unusedSteps) {
        Random random = new Random(7L * nX + nA + 3L * m);
        Map<String, RealMatrix> inputs = new LinkedHashMap<>(parameters(random, nX, nA));
        RealMatrix xt = random(random, nX, m);
        State initial = new State(random(random, nA, m), type().hasMemory() ? random(random, nA, m) : null);
        RealMatrix da = random(random, nA, m);

        SequenceGradients sequence = throughTime(cell(inputs), List.of(xt), initial, List.of(da));
        StepGradients step = backward(cell(inputs), xt, initial, initial.zerosLike().plusHidden(da));

        assertThat(sequence.dx().get(0).getData()).isDeepEqualTo(step.dxt().getData());
        assertThat(sequence.dInitial().a().getData()).isDeepEqualTo(step.dPrev().a().getData());
        assertThat(sequence.parameters().keySet()).containsExactlyInAnyOrderElementsOf(step.parameters().keySet());
        step.parameters().forEach((name, gradient) ->
                assertThat(sequence.parameters().get(name).getData()).as(name).isDeepEqualTo(gradient.getData()));
    }

    /** (m, T_x) large enough for {@link Sequence#gradients} to split the batch (n_a = 64): m even and odd. */
    static Stream<Arguments> batches() {
        return Stream.of(Arguments.of(8, 40), Arguments.of(11, 40), Arguments.of(13, 30));
    }

    @ParameterizedTest(name = "m={0} T={1}")
    @MethodSource("batches")
    void batchSplitAcrossCoresGivesTheOnePassAnswer(int m, int steps) {
        int nX = 9;
        int nA = 64;
        Random random = new Random(17L * m + steps);
        Map<String, RealMatrix> parameters = parameters(random, nX, nA);
        parameters.replaceAll((name, value) -> value.scalarMultiply(0.15));
        Cell<?> cell = cell(parameters);
        List<RealMatrix> x = new ArrayList<>();
        List<RealMatrix> da = new ArrayList<>();
        for (int t = 0; t < steps; t++) {
            x.add(random(random, nX, m));
            da.add(random(random, nA, m));
        }
        State initial = new State(random(random, nA, m), type().hasMemory() ? random(random, nA, m) : null);

        int blocks = Sequence.batchBlocks(cell, nA, m, steps);
        if (Parallel.CORES < 2) {
            assertThat(blocks).isEqualTo(1);
        }
        else {
            assertThat(blocks).isBetween(2, Parallel.CORES);
        }
        assertThat(Sequence.batchBlocks(cell, nA, m, 2)).as("a short sequence stays in one piece").isEqualTo(1);
        SequenceGradients split = Sequence.gradients(cell, x, initial, da);
        SequenceGradients whole = throughTime(cell, x, initial, da);

        Sequence.Pass<?> pass = Sequence.pass(cell, x, initial);
        assertThat(pass.blocks()).isEqualTo(blocks);
        List<? extends Cell.Step> onePiece = Sequence.forward(cell, x, initial);
        List<RealMatrix> outputs = pass.outputs();
        List<State> states = pass.states();
        List<Map<String, RealMatrix>> allGates = pass.gates();
        for (int t = 0; t < onePiece.size(); t++) {
            Cell.Step step = onePiece.get(t);
            assertSame(outputs.get(t), step.next().a(), "a at t = " + t);
            assertSame(states.get(t).a(), step.next().a(), "a at t = " + t);
            if (type().hasMemory()) {
                assertSame(states.get(t).c(), step.next().c(), "c at t = " + t);
            }
            Map<String, RealMatrix> gates = allGates.get(t);
            assertThat(gates.keySet()).containsExactlyElementsOf(step.gates().keySet());
            String at = " at t = " + t;
            step.gates().forEach((name, gate) -> assertSame(gates.get(name), gate, name + at));
        }

        for (int t = 0; t < steps; t++) {
            assertSame(split.dx().get(t), whole.dx().get(t), "dx at t = " + t);
        }
        assertSame(split.dInitial().a(), whole.dInitial().a(), "da0");
        if (type().hasMemory()) {
            assertSame(split.dInitial().c(), whole.dInitial().c(), "dc0");
        }
        assertThat(split.parameters().keySet()).containsExactlyElementsOf(whole.parameters().keySet());
        whole.parameters().forEach((name, gradient) -> assertSame(split.parameters().get(name), gradient, name));
    }

    /** Equal up to rounding: within 1e-13 of the largest entry, a hundred times tighter than the NumPy fixtures. */
    private static void assertSame(RealMatrix actual, RealMatrix expected, String name) {
        assertThat(actual.getRowDimension()).as(name).isEqualTo(expected.getRowDimension());
        assertThat(actual.getColumnDimension()).as(name).isEqualTo(expected.getColumnDimension());
        double scale = Math.max(expected.getNorm() > 0 ? maxAbs(expected) : 1, Double.MIN_NORMAL);
        double worst = maxAbs(actual.subtract(expected)) / scale;
        assertThat(worst).as(name + ": largest difference relative to the largest entry").isLessThanOrEqualTo(1e-13);
    }

    private static double maxAbs(RealMatrix a) {
        double max = 0;
        for (double[] row : a.getData()) {
            for (double v : row) {
                max = Math.max(max, Math.abs(v));
            }
        }
        return max;
    }

    /** Every gradient a pass returns, for every parameter of the cell, and no other. */
    private Map<String, RealMatrix> byParameter(Map<String, RealMatrix> gradients) {
        Map<String, RealMatrix> named = new LinkedHashMap<>();
        for (ParameterShape shape : type().parameters()) {
            assertThat(gradients).as("gradient of " + shape.name()).containsKey(shape.gradientName());
            named.put(shape.name(), gradients.get(shape.gradientName()));
        }
        assertThat(gradients).hasSize(type().parameters().size());
        return named;
    }

    private Cell<?> cell(Map<String, RealMatrix> inputs) {
        return type().create(inputs);
    }

    private State state(Map<String, RealMatrix> inputs, String hidden, String memory) {
        return new State(inputs.get(hidden), type().hasMemory() ? inputs.get(memory) : null);
    }

    private static List<RealMatrix> xs(Map<String, RealMatrix> inputs, int steps) {
        List<RealMatrix> x = new ArrayList<>();
        for (int t = 0; t < steps; t++) {
            x.add(inputs.get("x" + t));
        }
        return x;
    }

    private static <S extends Cell.Step> StepGradients backward(Cell<S> cell, RealMatrix xt, State prev, State dNext) {
        return cell.backward(cell.forward(xt, prev), dNext);
    }

    private static <S extends Cell.Step> SequenceGradients throughTime(Cell<S> cell, List<RealMatrix> x,
            State initial, List<RealMatrix> da) {
        return Sequence.backward(cell, Sequence.forward(cell, x, initial), da);
    }

    /** The cell's parameters with random entries, at the sizes its symbolic shapes give. */
    private Map<String, RealMatrix> parameters(Random random, int nX, int nA) {
        return FiniteDifferences.parameters(type(), random, nX, nA, 1.0);
    }

    static RealMatrix random(Random random, int rows, int cols) {
        return FiniteDifferences.random(random, rows, cols, 1.0);
    }

}
