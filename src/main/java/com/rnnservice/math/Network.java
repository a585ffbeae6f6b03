package com.rnnservice.math;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.IntConsumer;

import org.jspecify.annotations.Nullable;

/**
 * Recurrent layers stacked on each other, each running one cell forward in time and, if bidirectional, a second
 * cell backward in time. Every direction is the one {@link Sequence} driver; a reverse direction is that driver
 * run from the last step, writing its states in forward time.
 *
 * <pre>
 * layer l, forward:   h⟨t⟩ = cell_f(in⟨t⟩, h⟨t−1⟩)   for t = 0 … T_x − 1, h⟨−1⟩ = a0
 * layer l, backward:  g⟨t⟩ = cell_b(in⟨t⟩, g⟨t+1⟩)   for t = T_x − 1 … 0, g⟨T_x⟩ = a0_backward
 * out_l⟨t⟩ = h⟨t⟩, or [h⟨t⟩; g⟨t⟩] (2·n_a rows) for a bidirectional layer;  in_0 = x, in_l = out_(l−1)
 * </pre>
 *
 * A layer's output is one buffer; each direction writes its rows of it. Immutable and thread-safe as long as the
 * cells' parameters are not changed during a pass.
 */
public final class Network {

    /**
     * One direction of a layer.
     *
     * @param cell the cell, with its parameters
     * @param initial the state it starts from (before t = 0 forward, after t = T_x − 1 backward)
     */
    public record Direction(Cell cell, State initial) {
    }

    /**
     * One layer.
     *
     * @param forward the direction that reads the past
     * @param backward the direction that reads the future; {@code null} for a one-directional layer
     */
    public record Layer(Direction forward, @Nullable Direction backward) {

        public Layer {
            if (backward != null) {
                Check.that(backward.cell().hidden() == forward.cell().hidden() && backward.cell().input() == forward.cell().input(),
                        () -> "a layer's two directions share n_a and n_in; got n_a " + forward.cell().hidden() + " and "
                                + backward.cell().hidden() + ", n_in " + forward.cell().input() + " and " + backward.cell().input());
            }
        }

        /** The rows of the layer's output: n_a, or 2·n_a for a bidirectional layer. */
        public int outputRows() {
            return this.forward.cell().hidden() * (this.backward == null ? 1 : 2);
        }
    }

    /**
     * The gradients of one layer's parameters and initial states.
     *
     * @param forward the forward direction's: parameters by gradient name, {@code dInitial}, and {@code dx}, its share
     *        of the gradient of the layer's input
     * @param backward the same for the reverse direction, in forward time order; {@code null} if none
     */
    public record LayerGradients(SequenceGradients forward, @Nullable SequenceGradients backward) {
    }

    /**
     * Everything backpropagation through the network computes.
     *
     * @param dx ∂L/∂x[:, :, t] for every step, (n_x, m) each
     * @param layers each layer's gradients, bottom first
     */
    public record Gradients(Steps dx, List<LayerGradients> layers) {
    }

    /**
     * The softmax cross-entropy of an output layer on top of the network, and every gradient.
     *
     * @param network the network's gradients
     * @param dWy ∂L/∂Wy
     * @param dby ∂L/∂by
     */
    public record Loss(double loss, Gradients network, Matrix dWy, Matrix dby) {
    }

    private final Sequence sequence;

    private final List<Layer> layers;

    /** @param layers bottom first; at least one, each reading the one below's output */
    public Network(Kernel kernel, List<Layer> layers) {
        Check.that(!layers.isEmpty(), () -> "a network needs at least one layer");
        for (int l = 1; l < layers.size(); l++) {
            int below = layers.get(l - 1).outputRows();
            int input = layers.get(l).forward().cell().input();
            int layer = l;
            Check.that(input == below,
                    () -> "layer " + layer + " reads n_in = " + input + " rows; layer " + (layer - 1) + " gives " + below);
        }
        this.sequence = new Sequence(kernel);
        this.layers = List.copyOf(layers);
    }

    public List<Layer> layers() {
        return this.layers;
    }

    /** What a forward pass computed, kept for the backward pass. */
    public static final class Pass {

        private final List<Steps> outputs;

        private final List<Sequence.Run> forwardRuns;

        private final List<Sequence.@Nullable Run> backwardRuns;

        private final boolean[] twoCores;

        private Pass(List<Steps> outputs, List<Sequence.Run> forwardRuns, List<Sequence.@Nullable Run> backwardRuns,
                boolean[] twoCores) {
            this.outputs = outputs;
            this.forwardRuns = forwardRuns;
            this.backwardRuns = backwardRuns;
            this.twoCores = twoCores;
        }

        /** Layer {@code layer}'s output at every step, (n_a or 2·n_a, m) each. */
        public Steps output(int layer) {
            return this.outputs.get(layer);
        }

        /** The top layer's output at every step. */
        public Steps top() {
            return this.outputs.get(this.outputs.size() - 1);
        }
    }

    /**
     * Runs every layer over the whole sequence, bottom first.
     *
     * @param x the inputs of every step, (n_x, m) each; not modified
     */
    public Pass forward(Steps x) {
        int input = this.layers.get(0).forward().cell().input();
        Check.that(x.rows() == input, () -> "x has " + x.rows() + " rows; layer 0 reads n_x = " + input);
        List<Steps> outputs = new ArrayList<>();
        List<Sequence.Run> forwardRuns = new ArrayList<>();
        List<Sequence.@Nullable Run> backwardRuns = new ArrayList<>();
        boolean[] twoCores = new boolean[this.layers.size()];
        Steps in = x;
        for (int l = 0; l < this.layers.size(); l++) {
            Layer layer = this.layers.get(l);
            Direction reverse = layer.backward();
            int n = layer.forward().cell().hidden();
            Steps out = Steps.zeros(layer.outputRows(), x.m(), x.count());
            Steps layerInput = in;
            Sequence.Run[] runs = new Sequence.Run[2];
            // the two directions never meet: each on a core of its own where the work is worth it
            twoCores[l] = this.sequence.worthACore(layer.forward().cell(), x.m(), x.count());
            directions(reverse == null ? 1 : 2, twoCores[l], direction -> runs[direction] = direction == 0
                    ? this.sequence.forward(layer.forward().cell(), layerInput, layer.forward().initial(), false,
                            out.rows(0, n))
                    : this.sequence.forward(reverse.cell(), layerInput, reverse.initial(), true, out.rows(n, 2 * n)));
            outputs.add(out);
            forwardRuns.add(runs[0]);
            backwardRuns.add(reverse == null ? null : runs[1]);
            in = out;
        }
        return new Pass(outputs, forwardRuns, backwardRuns, twoCores);
    }

    /**
     * Backpropagation through every layer and direction of L = Σ_t sum(top⟨t⟩ ⊙ da⟨t⟩).
     *
     * @param pass what {@link #forward} returned for this network
     * @param da the upstream gradient of the top layer's output at every step; not modified
     */
    public Gradients backward(Pass pass, Steps da) {
        int count = this.layers.size();
        List<LayerGradients> gradients = new ArrayList<>(Collections.nCopies(count, (LayerGradients) null));
        Steps upstream = da;
        for (int l = count - 1; l >= 0; l--) {
            Sequence.Run forward = pass.forwardRuns.get(l);
            Sequence.Run backward = pass.backwardRuns.get(l);
            if (backward == null) {
                SequenceGradients g = this.sequence.backward(forward, upstream);
                gradients.set(l, new LayerGradients(g, null));
                upstream = g.dx();
                continue;
            }
            int n = forward.cell().hidden();
            Steps layerUpstream = upstream;
            Sequence.Backprop[] both = new Sequence.Backprop[2];
            directions(2, pass.twoCores[l], direction -> both[direction] = direction == 0
                    ? this.sequence.loop(forward, layerUpstream.rows(0, n), null)
                    : this.sequence.loop(backward, layerUpstream.rows(n, 2 * n), null));
            SequenceGradients forwardGradients = both[0].sums();
            SequenceGradients backwardGradients = both[1].sums();
            gradients.set(l, new LayerGradients(forwardGradients, backwardGradients));
            // the layer's input gradient is both directions' shares
            Steps input = forwardGradients.dx().copy();
            input.all().accumulate(backwardGradients.dx().all());
            upstream = input;
        }
        return new Gradients(upstream, List.copyOf(gradients));
    }

    /** {@link #forward} then {@link #backward}. */
    public Gradients gradients(Steps x, Steps da) {
        return backward(forward(x), da);
    }

    /**
     * The loss of {@link SequenceLoss} with the output layer on the top layer's output, and every gradient.
     *
     * @param targets as {@link SequenceLoss#evaluate}
     * @param mask as {@link SequenceLoss#evaluate}
     */
    public Loss loss(OutputLayer output, Steps x, Steps targets, @Nullable Matrix mask) {
        Pass pass = forward(x);
        SequenceLoss.Scores scores = SequenceLoss.score(this.sequence.kernel(), output, pass.top(), targets, mask);
        return new Loss(scores.loss(), backward(pass, scores.da()), scores.dWy(), scores.dby());
    }

    /** Runs {@code body} for directions 0 (forward) to count − 1 (1: backward), on two cores if {@code twoCores}. */
    private void directions(int count, boolean twoCores, IntConsumer body) {
        this.sequence.kernel().parallel().rows(count, twoCores, (from, to) -> {
            for (int direction = from; direction < to; direction++) {
                body.accept(direction);
            }
        });
    }
}
