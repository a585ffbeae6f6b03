package com.rnnservice.math;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.ToDoubleFunction;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Deep and bidirectional networks of every declared family: the backward pass and the loss gradients agree with
 * central finite differences for every input, initial state and parameter; a reverse direction, which runs the
 * driver from the last step and writes its states in forward time, gives what the driver gives run forward over
 * the sequence reversed by hand; and two directions on two cores, each batch split, give what one core gives.
 */
class NetworkTest {

    private static final Kernel ONE_CORE = Kernel.blas(new Parallel(1));

    /** A layer's size and whether it reads both ways. */
    record Spec(int hidden, boolean bidirectional) {
    }

    /** (family, n_x, m, T_x, layers): bidirectional stacks, one-directional stacks of different sizes, mixed with size-1 dims. */
    static Stream<Arguments> networks() {
        List<Arguments> cases = new ArrayList<>();
        for (CellType type : CellTypes.ALL) {
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
        CellType type = CellContractTest.type(cell);
        Random random = new Random(1000L * nX + 100L * m + 10L * steps + specs.size() + cell.hashCode());
        Map<String, Matrix> variables = variables(type, random, nX, m, steps, specs);
        Steps da = new Steps(random(random, outputSize(specs), steps * m), m);

        ToDoubleFunction<Map<String, Matrix>> loss = v -> {
            Steps top = network(type, v, specs, ONE_CORE).forward(FiniteDifferences.steps(v, "x", steps)).top();
            return FiniteDifferences.sum(top.all(), da.all());
        };
        Network.Gradients g = network(type, variables, specs, ONE_CORE).gradients(FiniteDifferences.steps(variables, "x", steps), da);

        FiniteDifferences.assertMatches(variables, analytic(type, g, specs, steps), loss);
    }

    @ParameterizedTest(name = "{0} n_x={1} m={2} T={3} {4}")
    @MethodSource("networks")
    void lossGradientsMatchFiniteDifferences(String cell, int nX, int m, int steps, List<Spec> specs) {
        CellType type = CellContractTest.type(cell);
        Random random = new Random(77L * nX + 13L * m + steps + cell.hashCode());
        Map<String, Matrix> variables = variables(type, random, nX, m, steps, specs);
        int nY = 3;
        variables.put("Wy", random(random, nY, outputSize(specs)));
        variables.put("by", random(random, nY, 1));
        Steps targets = Steps.zeros(nY, m, steps);
        Matrix mask = new Matrix(m, steps);
        for (int t = 0; t < steps; t++) {
            for (int j = 0; j < m; j++) {
                targets.step(t).setEntry(random.nextInt(nY), j, 1);
                mask.setEntry(j, t, t == 0 || random.nextBoolean() ? 1 : 0);
            }
        }

        ToDoubleFunction<Map<String, Matrix>> loss = v -> network(type, v, specs, ONE_CORE)
            .loss(new OutputLayer(v.get("Wy"), v.get("by")), FiniteDifferences.steps(v, "x", steps), targets, mask).loss();
        Network.Loss result = network(type, variables, specs, ONE_CORE).loss(new OutputLayer(variables.get("Wy"),
                variables.get("by")), FiniteDifferences.steps(variables, "x", steps), targets, mask);

        Map<String, Matrix> analytic = analytic(type, result.network(), specs, steps);
        analytic.put("Wy", result.dWy());
        analytic.put("by", result.dby());
        FiniteDifferences.assertMatches(variables, analytic, loss);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cells")
    void aReverseDirectionIsTheDriverOverTheSequenceReversedByHand(String cell) {
        CellType type = CellContractTest.type(cell);
        Random random = new Random(9);
        int m = 2;
        int steps = 4;
        List<Spec> specs = List.of(new Spec(2, true));
        Map<String, Matrix> v = variables(type, random, 3, m, steps, specs);
        Steps da = new Steps(random(random, 4, steps * m), m);
        Network.Pass pass = network(type, v, specs, ONE_CORE).forward(FiniteDifferences.steps(v, "x", steps));
        Network.Gradients network = network(type, v, specs, ONE_CORE).backward(pass, da);

        // the driver run forward over x⟨T−1⟩ … x⟨0⟩, with the reverse half of da reversed the same way
        List<Matrix> reversedX = new ArrayList<>();
        List<Matrix> reversedDa = new ArrayList<>();
        for (int t = steps - 1; t >= 0; t--) {
            reversedX.add(v.get("x" + t));
            reversedDa.add(da.step(t).rows(2, 4));
        }
        Sequence driver = new Sequence(ONE_CORE);
        Cell backward = type.create(directionParameters(type, v, 0, true));
        Sequence.Run run = driver.forward(backward, Steps.of(reversedX),
                state(type, v, "layers[0].a0_backward", "layers[0].c0_backward"));
        SequenceGradients sequence = driver.backward(run, Steps.of(reversedDa));

        for (int t = 0; t < steps; t++) {
            // the layer's output at t: [forward state after x_0 … x_t; reverse state after x_(T−1) … x_t]
            CellContractTest.assertSame(pass.top().step(t).rows(2, 4), run.outputs().step(steps - 1 - t), "a at " + t);
            CellContractTest.assertSame(network.layers().get(0).backward().dx().step(t), sequence.dx().step(steps - 1 - t),
                    "dx at " + t);
        }
        CellContractTest.assertSame(network.layers().get(0).backward().dInitial().a(), sequence.dInitial().a(), "da0_backward");
        sequence.parameters().forEach((name, g) -> CellContractTest.assertSame(
                network.layers().get(0).backward().parameters().get(name), g, name));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cells")
    void twoDirectionsOnTwoCoresGiveWhatOneCoreGives(String cell) {
        CellType type = CellContractTest.type(cell);
        Random random = new Random(13);
        int nA = 64;
        int m = 6;
        int steps = 60;
        List<Spec> specs = List.of(new Spec(nA, true), new Spec(8, false));
        Map<String, Matrix> v = variables(type, random, 5, m, steps, specs);
        v.replaceAll((name, value) -> name.matches("layers\\[\\d]\\.(forward|backward)\\.W.*")
                ? Matrix.of(value.scalarMultiply(0.15)) : value);
        Steps x = FiniteDifferences.steps(v, "x", steps);
        Steps da = new Steps(random(random, 8, steps * m), m);
        Kernel fourCores = Kernel.blas(new Parallel(4));
        // each direction worth a core of its own, and within it a batch worth splitting: the network answers what
        // it answers on one core
        assertThat(new Sequence(fourCores).worthACore(type.create(directionParameters(type, v, 0, false)), m, steps))
            .as("worth a core each").isTrue();

        Network.Gradients split = network(type, v, specs, fourCores).gradients(x, da);
        Network.Gradients whole = network(type, v, specs, ONE_CORE).gradients(x, da);

        Map<String, Matrix> a = analytic(type, split, specs, steps);
        analytic(type, whole, specs, steps).forEach((name, value) -> CellContractTest.assertSame(a.get(name), value, name));
    }

    @Test
    void layersThatDoNotFitAreRefusedWithTheirSizes() {
        CellType type = CellTypes.LSTM;
        Random random = new Random(3);
        Cell below = type.create(FiniteDifferences.parameters(type, random, 2, 3, 1));
        Cell above = type.create(FiniteDifferences.parameters(type, random, 4, 5, 1));
        List<Network.Layer> layers = List.of(new Network.Layer(new Network.Direction(below, State.zeros(3, 1, true)), null),
                new Network.Layer(new Network.Direction(above, State.zeros(5, 1, true)), null));
        assertThatThrownBy(() -> new Network(ONE_CORE, layers)).isInstanceOf(IllegalArgumentException.class)
            .hasMessage("layer 1 reads n_in = 4 rows; layer 0 gives 3");
    }

    static Stream<String> cells() {
        return CellTypes.ALL.stream().map(CellType::name);
    }

    // ---------------------------------------------------------------- building networks from named variables

    /** x0 … x(T−1), every direction's parameters by path, and every initial state (layers[l].a0, ...). */
    private static Map<String, Matrix> variables(CellType type, Random random, int nX, int m, int steps, List<Spec> specs) {
        Map<String, Matrix> v = new LinkedHashMap<>();
        for (int t = 0; t < steps; t++) {
            v.put("x" + t, random(random, nX, m));
        }
        int input = nX;
        for (int l = 0; l < specs.size(); l++) {
            Spec spec = specs.get(l);
            for (boolean backward : spec.bidirectional() ? new boolean[] { false, true } : new boolean[] { false }) {
                int layer = l;
                FiniteDifferences.parameters(type, random, input, spec.hidden(), 0.8)
                    .forEach((name, value) -> v.put(NetworkParameters.path(layer, backward, name), value));
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

    private static Network network(CellType type, Map<String, Matrix> v, List<Spec> specs, Kernel kernel) {
        List<NetworkParameters.LayerParameters> layers = new ArrayList<>();
        for (int l = 0; l < specs.size(); l++) {
            boolean bidirectional = specs.get(l).bidirectional();
            layers.add(new NetworkParameters.LayerParameters(Parameters.of(type, directionParameters(type, v, l, false)),
                    state(type, v, "layers[" + l + "].a0", "layers[" + l + "].c0"),
                    bidirectional ? Parameters.of(type, directionParameters(type, v, l, true)) : null,
                    bidirectional ? state(type, v, "layers[" + l + "].a0_backward", "layers[" + l + "].c0_backward") : null));
        }
        return new NetworkParameters(type, layers).build(kernel);
    }

    private static Map<String, Matrix> directionParameters(CellType type, Map<String, Matrix> v, int layer, boolean backward) {
        Map<String, Matrix> p = new LinkedHashMap<>();
        type.parameters().forEach(shape -> p.put(shape.name(), v.get(NetworkParameters.path(layer, backward, shape.name()))));
        return p;
    }

    private static State state(CellType type, Map<String, Matrix> v, String hidden, String memory) {
        return new State(v.get(hidden), type.hasMemory() ? v.get(memory) : null);
    }

    /** The gradients of a pass, named as {@link #variables} names what they differentiate. */
    private static Map<String, Matrix> analytic(CellType type, Network.Gradients g, List<Spec> specs, int steps) {
        Map<String, Matrix> named = new LinkedHashMap<>();
        assertThat(g.dx().count()).isEqualTo(steps);
        for (int t = 0; t < steps; t++) {
            named.put("x" + t, g.dx().step(t));
        }
        assertThat(g.layers()).hasSize(specs.size());
        for (int l = 0; l < specs.size(); l++) {
            Network.LayerGradients layer = g.layers().get(l);
            assertThat(layer.backward() != null).isEqualTo(specs.get(l).bidirectional());
            List<SequenceGradients> directions = layer.backward() == null ? List.of(layer.forward())
                    : List.of(layer.forward(), layer.backward());
            for (int d = 0; d < directions.size(); d++) {
                SequenceGradients direction = directions.get(d);
                int at = l;
                boolean backward = d == 1;
                CellContractTest.byParameter(type, direction.parameters())
                    .forEach((name, value) -> named.put(NetworkParameters.path(at, backward, name), value));
                String suffix = backward ? "_backward" : "";
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

    /** Standard normal entries scaled by 0.8, so that deep stacks stay off the activations' flat tails. */
    private static Matrix random(Random random, int rows, int cols) {
        return FiniteDifferences.random(random, rows, cols, 0.8);
    }
}
