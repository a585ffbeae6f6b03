package com.rnnservice.math;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.IntConsumer;

import org.apache.commons.math3.linear.RealMatrix;
import org.jspecify.annotations.Nullable;

/**
 * Recurrent layers stacked on each other, each running one cell forward in time and, if bidirectional,
 * a second cell backward in time. Every direction is the one {@link Sequence} driver; a reverse direction
 * is that driver over the reversed sequence.
 *
 * <pre>
 * layer l, forward:   h⟨t⟩ = cell_f(in⟨t⟩, h⟨t−1⟩)   for t = 0 … T_x − 1, h⟨−1⟩ = a0
 * layer l, backward:  g⟨t⟩ = cell_b(in⟨t⟩, g⟨t+1⟩)   for t = T_x − 1 … 0, g⟨T_x⟩ = a0_backward
 * out_l⟨t⟩ = h⟨t⟩, or [h⟨t⟩; g⟨t⟩] (2·n_a rows) for a bidirectional layer;  in_0 = x, in_l = out_(l−1)
 * </pre>
 *
 * Immutable and thread-safe.
 */
public final class Network {

    /**
     * One direction of a layer.
     *
     * @param cell the cell, with its parameters
     * @param initial the state it starts from (before t = 0 forward, after t = T_x − 1 backward)
     */
    public record Direction(Cell<?> cell, State initial) {
    }

    /**
     * One layer.
     *
     * @param forward the direction that reads the past
     * @param backward the direction that reads the future; {@code null} for a one-directional layer
     */
    public record Layer(Direction forward, @Nullable Direction backward) {
    }

    /**
     * The gradients of one layer's parameters and initial states.
     *
     * @param forward the forward direction's: parameters by gradient name, {@code dInitial}, and
     *        {@code dx}, its share of the gradient of the layer's input
     * @param backward the same for the reverse direction, in forward time order; {@code null} if none
     */
    public record LayerGradients(SequenceGradients forward, @Nullable SequenceGradients backward) {
    }

    /**
     * Everything backpropagation through the network computes.
     *
     * @param dx ∂L/∂x[:, :, t] for every step, each (n_x, m)
     * @param layers each layer's gradients, bottom first
     */
    public record Gradients(List<RealMatrix> dx, List<LayerGradients> layers) {
    }

    /**
     * The softmax cross-entropy of an output layer on top of the network, and every gradient.
     *
     * @param network the network's gradients
     * @param dWy ∂L/∂Wy
     * @param dby ∂L/∂by
     */
    public record Loss(double loss, Gradients network, RealMatrix dWy, RealMatrix dby) {
    }

    private final List<Layer> layers;

    /** @param layers bottom first; at least one */
    public Network(List<Layer> layers) {
        if (layers.isEmpty()) {
            throw new IllegalArgumentException("a network needs at least one layer");
        }
        this.layers = List.copyOf(layers);
    }

    public List<Layer> layers() {
        return this.layers;
    }

    /** What a forward pass computed, kept for the backward pass. */
    public static final class Pass {

        private final List<List<RealMatrix>> outputs;

        private final List<Run<?>> forwardRuns;

        private final List<@Nullable Run<?>> backwardRuns;

        private Pass(List<List<RealMatrix>> outputs, List<Run<?>> forwardRuns, List<@Nullable Run<?>> backwardRuns) {
            this.outputs = outputs;
            this.forwardRuns = forwardRuns;
            this.backwardRuns = backwardRuns;
        }

        /** Layer {@code layer}'s output at every step, each (n_a or 2·n_a, m). */
        public List<RealMatrix> output(int layer) {
            return this.outputs.get(layer);
        }

        /** The top layer's output at every step. */
        public List<RealMatrix> top() {
            return this.outputs.get(this.outputs.size() - 1);
        }
    }

    /**
     * Runs every layer over the whole sequence, bottom first.
     *
     * @param x the inputs of every step, each (n_x, m); not modified
     */
    public Pass forward(List<RealMatrix> x) {
        List<List<RealMatrix>> outputs = new ArrayList<>();
        List<Run<?>> forwardRuns = new ArrayList<>();
        List<@Nullable Run<?>> backwardRuns = new ArrayList<>();
        List<RealMatrix> input = x;
        for (Layer layer : this.layers) {
            Direction reverse = layer.backward();
            List<RealMatrix> layerInput = input;
            Run<?>[] runs = new Run<?>[2];
            // the two directions never meet: each on a core of its own where the work is worth it
            boolean twoCores = worthACore(layer.forward().cell(), layer.forward().initial(), input);
            directions(reverse == null ? 1 : 2, twoCores, direction -> runs[direction] = direction == 0
                    ? Run.start(layer.forward().cell(), layer.forward().initial(), layerInput, false, twoCores)
                    : Run.start(reverse.cell(), reverse.initial(), layerInput, true, twoCores));
            Run<?> forward = runs[0];
            Run<?> backward = reverse == null ? null : runs[1];
            List<RealMatrix> output = forward.outputs();
            if (backward != null) {
                List<RealMatrix> later = backward.outputs();
                List<RealMatrix> stacked = new ArrayList<>(output.size());
                for (int t = 0; t < output.size(); t++) {
                    stacked.add(Matrices.stackRows(output.get(t), later.get(t)));
                }
                output = stacked;
            }
            outputs.add(output);
            forwardRuns.add(forward);
            backwardRuns.add(backward);
            input = output;
        }
        return new Pass(outputs, forwardRuns, backwardRuns);
    }

    /**
     * Backpropagation through every layer and direction of L = Σ_t sum(top⟨t⟩ ⊙ da⟨t⟩).
     *
     * @param pass what {@link #forward} returned for this network
     * @param da the upstream gradient of the top layer's output at every step; not modified
     */
    public Gradients backward(Pass pass, List<RealMatrix> da) {
        int count = this.layers.size();
        List<LayerGradients> gradients = new ArrayList<>(Collections.nCopies(count, (LayerGradients) null));
        List<RealMatrix> upstream = da;
        for (int l = count - 1; l >= 0; l--) {
            Run<?> forward = pass.forwardRuns.get(l);
            Run<?> backward = pass.backwardRuns.get(l);
            SequenceGradients forwardGradients;
            SequenceGradients backwardGradients = null;
            List<RealMatrix> dInput;
            if (backward == null) {
                forwardGradients = forward.backward(upstream);
                dInput = forwardGradients.dx();
            }
            else {
                int hidden = upstream.get(0).getRowDimension() / 2;
                List<RealMatrix> daForward = new ArrayList<>(upstream.size());
                List<RealMatrix> daBackward = new ArrayList<>(upstream.size());
                for (RealMatrix d : upstream) {
                    daForward.add(Matrices.rowsView(d, 0, hidden));
                    daBackward.add(Matrices.rowsView(d, hidden, 2 * hidden));
                }
                SequenceGradients[] both = new SequenceGradients[2];
                directions(2, forward.twoCores, direction -> both[direction] =
                        direction == 0 ? forward.backward(daForward) : backward.backward(daBackward));
                forwardGradients = both[0];
                backwardGradients = both[1];
                dInput = new ArrayList<>(upstream.size());
                for (int t = 0; t < upstream.size(); t++) {
                    dInput.add(Matrices.add(forwardGradients.dx().get(t), backwardGradients.dx().get(t)));
                }
            }
            gradients.set(l, new LayerGradients(forwardGradients, backwardGradients));
            upstream = dInput;
        }
        return new Gradients(upstream, List.copyOf(gradients));
    }

    /** Runs {@code body} for directions 0 (forward) to count − 1 (1: backward), on two cores if {@code twoCores}. */
    private static void directions(int count, boolean twoCores, IntConsumer body) {
        Parallel.rows(count, twoCores, (from, to) -> {
            for (int direction = from; direction < to; direction++) {
                body.accept(direction);
            }
        });
    }

    /** Whether a direction's pass over {@code input} is worth a core of its own (as {@link Sequence} decides). */
    private static boolean worthACore(Cell<?> cell, State initial, List<RealMatrix> input) {
        RealMatrix a0 = initial.a();
        return Sequence.worthACore(cell, a0.getRowDimension(), a0.getColumnDimension(), input.size());
    }

    /** {@link #forward} then {@link #backward}. */
    public Gradients gradients(List<RealMatrix> x, List<RealMatrix> da) {
        return backward(forward(x), da);
    }

    /**
     * The loss of {@link SequenceLoss} with the output layer on the top layer's output, and every gradient.
     *
     * @param targets as {@link SequenceLoss#evaluate}
     * @param weights as {@link SequenceLoss#evaluate}
     */
    public Loss loss(OutputLayer output, List<RealMatrix> x, List<RealMatrix> targets, double[][] weights) {
        Pass pass = forward(x);
        SequenceLoss.Scores scores = SequenceLoss.score(output, pass.top(), targets, weights);
        return new Loss(scores.loss(), backward(pass, scores.da()), scores.dWy(), scores.dby());
    }

    /** One direction's forward pass, in the order its cell ran the steps. */
    private static final class Run<S extends Cell.Step> {

        private final Sequence.Pass<S> pass;

        private final boolean reversed;

        /** Whether its layer's directions run on a core each, forward and backward. */
        private final boolean twoCores;

        private Run(Sequence.Pass<S> pass, boolean reversed, boolean twoCores) {
            this.pass = pass;
            this.reversed = reversed;
            this.twoCores = twoCores;
        }

        static <S extends Cell.Step> Run<S> start(Cell<S> cell, State initial, List<RealMatrix> input, boolean reversed,
                boolean twoCores) {
            return new Run<>(Sequence.pass(cell, reversed ? reverse(input) : input, initial), reversed, twoCores);
        }

        /** The hidden state at every step, in forward time order. */
        List<RealMatrix> outputs() {
            List<RealMatrix> a = this.pass.outputs();
            return this.reversed ? reverse(a) : a;
        }

        /** BPTT from upstream gradients in forward time order; dx returned in forward time order too. */
        SequenceGradients backward(List<RealMatrix> da) {
            SequenceGradients g = Sequence.backward(this.pass, this.reversed ? reverse(da) : da);
            return this.reversed ? new SequenceGradients(reverse(g.dx()), g.dInitial(), g.parameters()) : g;
        }

        private static List<RealMatrix> reverse(List<RealMatrix> steps) {
            List<RealMatrix> reversed = new ArrayList<>(steps);
            Collections.reverse(reversed);
            return reversed;
        }
    }
}
