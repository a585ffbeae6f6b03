package com.rnnservice.math;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
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
 * Deep and bidirectional networks of every cell: the backward pass and the loss gradients agree with
 * central finite differences for every input, initial state and parameter; a single forward layer is the
 * sequence driver; a reverse direction is the driver over reversed time.
 */
class NetworkTest {

    private static final List<CellType> CELLS = List.of(RnnCell.TYPE, LstmCell.TYPE, GruCell.TYPE);

    /** A layer's size and whether it reads both ways. */
    record Spec(int hidden, boolean bidirectional) {
    }

    /** (cell, n_x, m, T_x, layers): bidirectional stacks, one-directional stacks of different sizes, mixed with size-1 dims. */
    static Stream<Arguments> networks() {
        List<Arguments> cases = new ArrayList<>();
        for (CellType type : CELLS) {
            cases.add(Arguments.of(type.name(), 2, 3, 3, List.of(new Spec(3, true), new Spec(2, true))));
            cases.add(Arguments.of(type.name(), 3, 2, 4, List.of(new Spec(2, false), new Spec(4, false))));
            cases.add(Arguments.of(type.name(), 1, 1, 1, List.of(new Spec(1, false), new Spec(2, true), new Spec(1, false))));
            cases.add(Arguments.of(type.name(), 2, 2, 2, List.of(new Spec(2, true))));
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} n_x={1} m={2} T={3} {4}")
    @MethodSource("networks")
    void backwardMatchesFiniteDifferences(String cell, int nX, int m, int steps, List<Spec> specs) {
        CellType type = type(cell);
        Random random = new Random(1000L * nX + 100L * m + 10L * steps + specs.size() + cell.length());
        Map<String, RealMatrix> variables = variables(type, random, nX, m, steps, specs);
        int out = outputSize(specs);
        List<RealMatrix> da = new ArrayList<>();
        for (int t = 0; t < steps; t++) {
            da.add(random(random, out, m));
        }

        ToDoubleFunction<Map<String, RealMatrix>> loss = v -> {
            List<RealMatrix> top = network(type, v, specs).forward(xs(v, steps)).top();
            double total = 0;
            for (int t = 0; t < steps; t++) {
                total += FiniteDifferences.sum(top.get(t), da.get(t));
            }
            return total;
        };
        Network.Gradients g = network(type, variables, specs).gradients(xs(variables, steps), da);

        FiniteDifferences.assertMatches(variables, analytic(type, g, specs, steps), loss);
    }

    @ParameterizedTest(name = "{0} n_x={1} m={2} T={3} {4}")
    @MethodSource("networks")
    void lossGradientsMatchFiniteDifferences(String cell, int nX, int m, int steps, List<Spec> specs) {
        CellType type = type(cell);
        Random random = new Random(77L * nX + 13L * m + steps + cell.length());
        Map<String, RealMatrix> variables = variables(type, random, nX, m, steps, specs);
        int nY = 3;
        variables.put("Wy", random(random, nY, outputSize(specs)));
        variables.put("by", random(random, nY, 1));
        List<RealMatrix> targets = new ArrayList<>();
        double[][] weights = new double[steps][m];
        for (int t = 0; t < steps; t++) {
            RealMatrix y = Matrices.zeros(nY, m);
            for (int j = 0; j < m; j++) {
                y.setEntry(random.nextInt(nY), j, 1);
                weights[t][j] = t == 0 || random.nextBoolean() ? 1 : 0;
            }
            targets.add(y);
        }

        ToDoubleFunction<Map<String, RealMatrix>> loss = v -> network(type, v, specs)
            .loss(new OutputLayer(v.get("Wy"), v.get("by")), xs(v, steps), targets, weights).loss();
        Network.Loss result = network(type, variables, specs)
            .loss(new OutputLayer(variables.get("Wy"), variables.get("by")), xs(variables, steps), targets, weights);

        Map<String, RealMatrix> analytic = analytic(type, result.network(), specs, steps);
        analytic.put("Wy", result.dWy());
        analytic.put("by", result.dby());
        FiniteDifferences.assertMatches(variables, analytic, loss);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cells")
    void aSingleForwardLayerIsTheSequenceDriver(String cell) {
        CellType type = type(cell);
        Random random = new Random(5);
        List<Spec> specs = List.of(new Spec(3, false));
        Map<String, RealMatrix> v = variables(type, random, 2, 4, 5, specs);
        List<RealMatrix> da = randomSteps(random, 3, 4, 5);
        Network.Gradients network = network(type, v, specs).gradients(xs(v, 5), da);
        SequenceGradients sequence = Sequence.gradients(type.create(directionParameters(type, v, 0, false)), xs(v, 5),
                state(type, v, "layers[0].a0", "layers[0].c0"), da);

        assertSameSteps(network.dx(), sequence.dx());
        assertSame(network.layers().get(0).forward().dInitial().a(), sequence.dInitial().a());
        assertSameDirection(network.layers().get(0).forward(), sequence.dx(), sequence);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cells")
    void aReverseDirectionIsTheDriverOverReversedTime(String cell) {
        CellType type = type(cell);
        Random random = new Random(9);
        List<Spec> specs = List.of(new Spec(2, true));
        Map<String, RealMatrix> v = variables(type, random, 3, 2, 4, specs);
        List<RealMatrix> da = randomSteps(random, 4, 2, 4);
        Network.Pass pass = network(type, v, specs).forward(xs(v, 4));
        Network.Gradients network = network(type, v, specs).backward(pass, da);

        List<RealMatrix> reversedX = reversed(xs(v, 4));
        Cell<?> backward = type.create(directionParameters(type, v, 0, true));
        State initial = state(type, v, "layers[0].a0_backward", "layers[0].c0_backward");
        List<RealMatrix> reversedDa = reversed(da.stream().map(d -> Matrices.rows(d, 2, 4)).toList());
        SequenceGradients sequence = Sequence.gradients(backward, reversedX, initial, reversedDa);
        List<? extends Cell.Step> steps = Sequence.forward(backward, reversedX, initial);

        for (int t = 0; t < 4; t++) {
            // the layer's output at t: [forward state after x_0 … x_t; reverse state after x_(T−1) … x_t]
            assertSame(Matrices.rows(pass.top().get(t), 2, 4), steps.get(3 - t).next().a());
        }
        assertSameDirection(network.layers().get(0).backward(), reversed(sequence.dx()), sequence);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cells")
    void aBidirectionalLayerLargeEnoughToSplitGivesWhatTheSequenceDriverGives(String cell) {
        CellType type = type(cell);
        Random random = new Random(13);
        int nA = 64;
        int m = 6;
        int steps = 60;
        List<Spec> specs = List.of(new Spec(nA, true));
        Map<String, RealMatrix> v = variables(type, random, 5, m, steps, specs);
        v.replaceAll((name, value) -> name.matches("layers\\[0]\\.(forward|backward)\\.W.*")
                ? value.scalarMultiply(0.15) : value);
        List<RealMatrix> da = randomSteps(random, 2 * nA, m, steps);
        Cell<?> forward = type.create(directionParameters(type, v, 0, false));
        // each direction worth a core of its own, and within it a batch worth splitting: whichever runs, the
        // network's directions answer what the sequence endpoint's driver answers, bit for bit
        assertThat(Sequence.worthACore(forward, nA, m, steps)).as("worth a core each").isEqualTo(Parallel.CORES >= 2);

        Network.Gradients network = network(type, v, specs).gradients(xs(v, steps), da);

        List<RealMatrix> daForward = da.stream().map(d -> Matrices.rows(d, 0, nA)).toList();
        SequenceGradients alone = Sequence.gradients(forward, xs(v, steps), state(type, v, "layers[0].a0", "layers[0].c0"),
                daForward);
        Cell<?> backward = type.create(directionParameters(type, v, 0, true));
        List<RealMatrix> reversedDa = reversed(da.stream().map(d -> Matrices.rows(d, nA, 2 * nA)).toList());
        SequenceGradients backwardAlone = Sequence.gradients(backward, reversed(xs(v, steps)),
                state(type, v, "layers[0].a0_backward", "layers[0].c0_backward"), reversedDa);

        assertSameDirection(network.layers().get(0).forward(), alone.dx(), alone);
        assertSameDirection(network.layers().get(0).backward(), reversed(backwardAlone.dx()), backwardAlone);
    }

    /** A network direction's dx (in forward time) and parameter gradients are the sequence driver's, bit for bit. */
    private static void assertSameDirection(SequenceGradients direction, List<RealMatrix> dx, SequenceGradients driver) {
        assertSameSteps(direction.dx(), dx);
        driver.parameters().forEach((name, value) -> assertSame(direction.parameters().get(name), value));
    }

    static Stream<String> cells() {
        return CELLS.stream().map(CellType::name);
    }

    // ---------------------------------------------------------------- building networks from named variables

    private static CellType type(String name) {
        return CELLS.stream().filter(t -> t.name().equals(name)).findFirst().orElseThrow();
    }

    /** x0 … x(T−1), every direction's parameters by path, and every initial state (layers[l].a0, ...). */
    private static Map<String, RealMatrix> variables(CellType type, Random random, int nX, int m, int steps,
            List<Spec> specs) {
        Map<String, RealMatrix> v = new LinkedHashMap<>();
        for (int t = 0; t < steps; t++) {
            v.put("x" + t, random(random, nX, m));
        }
        int input = nX;
        for (int l = 0; l < specs.size(); l++) {
            Spec spec = specs.get(l);
            for (boolean backward : spec.bidirectional() ? new boolean[] { false, true } : new boolean[] { false }) {
                for (ParameterShape shape : type.parameters()) {
                    v.put(NetworkParameters.path(l, backward, shape.name()),
                            random(random, FiniteDifferences.size(shape.rows(), input, spec.hidden()),
                                    FiniteDifferences.size(shape.columns(), input, spec.hidden())));
                }
                String suffix = backward ? "_backward" : "";
                v.put("layers[" + l + "].a0" + suffix, random(random, spec.hidden(), m));
                if (type.hasMemory()) {
                    v.put("layers[" + l + "].c0" + suffix, random(random, spec.hidden(), m));
                }
            }
            input = spec.hidden() * (spec.bidirectional() ? 2 : 1);
        }
        return v;
    }

    private static Network network(CellType type, Map<String, RealMatrix> v, List<Spec> specs) {
        List<NetworkParameters.LayerParameters> layers = new ArrayList<>();
        for (int l = 0; l < specs.size(); l++) {
            boolean bidirectional = specs.get(l).bidirectional();
            layers.add(new NetworkParameters.LayerParameters(directionParameters(type, v, l, false),
                    state(type, v, "layers[" + l + "].a0", "layers[" + l + "].c0"),
                    bidirectional ? directionParameters(type, v, l, true) : null,
                    bidirectional ? state(type, v, "layers[" + l + "].a0_backward", "layers[" + l + "].c0_backward") : null));
        }
        return new NetworkParameters(type, layers).build();
    }

    private static Map<String, RealMatrix> directionParameters(CellType type, Map<String, RealMatrix> v, int layer,
            boolean backward) {
        Map<String, RealMatrix> p = new LinkedHashMap<>();
        type.parameters().forEach(shape -> p.put(shape.name(), v.get(NetworkParameters.path(layer, backward, shape.name()))));
        return p;
    }

    private static State state(CellType type, Map<String, RealMatrix> v, String hidden, String memory) {
        return new State(v.get(hidden), type.hasMemory() ? v.get(memory) : null);
    }

    /** The gradients of a pass, named as {@link #variables} names what they differentiate. */
    private static Map<String, RealMatrix> analytic(CellType type, Network.Gradients g, List<Spec> specs, int steps) {
        Map<String, RealMatrix> named = new LinkedHashMap<>();
        assertThat(g.dx()).hasSize(steps);
        for (int t = 0; t < steps; t++) {
            named.put("x" + t, g.dx().get(t));
        }
        assertThat(g.layers()).hasSize(specs.size());
        for (int l = 0; l < specs.size(); l++) {
            Network.LayerGradients layer = g.layers().get(l);
            assertThat(layer.backward() != null).isEqualTo(specs.get(l).bidirectional());
            List<SequenceGradients> directions = layer.backward() == null ? List.of(layer.forward())
                    : List.of(layer.forward(), layer.backward());
            for (int d = 0; d < directions.size(); d++) {
                SequenceGradients direction = directions.get(d);
                assertThat(direction.parameters()).hasSize(type.parameters().size());
                for (ParameterShape shape : type.parameters()) {
                    named.put(NetworkParameters.path(l, d == 1, shape.name()), direction.parameters().get(shape.gradientName()));
                }
                String suffix = d == 1 ? "_backward" : "";
                named.put("layers[" + l + "].a0" + suffix, direction.dInitial().a());
                if (type.hasMemory()) {
                    named.put("layers[" + l + "].c0" + suffix, direction.dInitial().c());
                }
            }
        }
        return named;
    }

    private static int outputSize(List<Spec> specs) {
        Spec top = specs.get(specs.size() - 1);
        return top.hidden() * (top.bidirectional() ? 2 : 1);
    }

    // ---------------------------------------------------------------- helpers

    private static void assertSame(RealMatrix actual, RealMatrix expected) {
        assertThat(actual.getData()).isDeepEqualTo(expected.getData());
    }

    private static void assertSameSteps(List<RealMatrix> actual, List<RealMatrix> expected) {
        assertThat(actual).hasSameSizeAs(expected);
        for (int t = 0; t < actual.size(); t++) {
            assertSame(actual.get(t), expected.get(t));
        }
    }

    private static List<RealMatrix> xs(Map<String, RealMatrix> v, int steps) {
        List<RealMatrix> x = new ArrayList<>();
        for (int t = 0; t < steps; t++) {
            x.add(v.get("x" + t));
        }
        return x;
    }

    private static List<RealMatrix> reversed(List<RealMatrix> steps) {
        List<RealMatrix> copy = new ArrayList<>(steps);
        Collections.reverse(copy);
        return copy;
    }

    private static List<RealMatrix> randomSteps(Random random, int rows, int m, int steps) {
        List<RealMatrix> out = new ArrayList<>();
        for (int t = 0; t < steps; t++) {
            out.add(random(random, rows, m));
        }
        return out;
    }

    /** Standard normal entries scaled by 0.8, so that deep stacks stay off the activations' flat tails. */
    private static RealMatrix random(Random random, int rows, int cols) {
        return FiniteDifferences.random(random, rows, cols, 0.8);
    }
}
