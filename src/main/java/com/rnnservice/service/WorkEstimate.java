package com.rnnservice.service;

import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import com.rnnservice.math.CellType;
import com.rnnservice.math.Parameters;

/**
 * What a request will cost, estimated from its tensors' shapes alone, before any of them becomes a
 * matrix: multiply-adds against {@code rnn.limits.max-work}, bytes of matrices against
 * {@code rnn.limits.memory-budget}, and the largest single matrix against what one Java array can hold
 * (the sums over every step lay out m · T_x columns in one array: no budget can allow more than
 * {@link #MAX_ENTRIES} entries there). Shapes that are not yet valid are left to the shape check.
 */
final class WorkEstimate {

    private static final long DOUBLE_BYTES = 8;

    /** The most entries one matrix may have: the largest array every JVM allocates (a few below 2^31 − 1). */
    static final long MAX_ENTRIES = Integer.MAX_VALUE - 8;

    private WorkEstimate() {
    }

    /**
     * Throws {@link LimitExceededException} if the request is over a limit.
     *
     * @param input {@code x} (n_x, m, T_x) or {@code xt} (n_x, m)
     * @param hidden {@code a0} or {@code a_prev}, (n_a, m)
     * @param forwardPasses how many forward passes' worth of work: 1 for a forward pass, 3 for a backward
     *        pass (the forward pass and about twice its work back), more for training and gradient checks
     * @param backward whether the pass keeps every step for a backward pass and builds gradients
     */
    static void check(Limits limits, CellType type, @Nullable Tensor input, @Nullable Tensor hidden,
            @Nullable Map<String, @Nullable Tensor> parameters, double forwardPasses, boolean backward) {
        if (!valid(input) || !valid(hidden) || (input.rank() != 2 && input.rank() != 3) || hidden.rank() != 2) {
            return;
        }
        double nX = input.dimension(0);
        double m = input.dimension(1);
        double steps = input.rank() == 3 ? input.dimension(2) : 1;
        double nA = hidden.dimension(0);
        Tensor wy = parameters == null ? null : parameters.get(type.outputWeights());
        double nY = valid(wy) && wy.rank() == 2 ? wy.dimension(0) : 0;

        int blocks = Parameters.weightBlocks(type);
        double perStep = blocks * nA * (nA + nX) + nY * nA;
        // per step: concat, the gates and states, the prediction; as much again for the gradients backward
        double rowsPerStep = (nA + nX) + (blocks + 4) * nA + nY;
        // the widest arrays: a row block over every step ([dz_0 … dz_T], the input projections, the inputs,
        // the output layer's scores), and the stacked weights (bounded above by all gates' weights together)
        double largest = Math.max(Math.max(blocks * nA, nX), nY) * m * steps;
        largest = Math.max(largest, blocks * nA * (nA + nX));
        enforce(limits, "The request", "m · T_x · (gate rows · (n_a + n_x) + n_y · n_a)", m * steps * perStep,
                forwardPasses, DOUBLE_BYTES * (m * steps * rowsPerStep * (backward ? 2 : 1) + 4 * perStep + 2 * m * steps * nX),
                largest);
    }

    /**
     * The same for a network: every layer and direction, from the shapes of the weights sent (their
     * entries are a step's multiply-adds per example), and the output layer if any.
     */
    static void checkNetwork(Limits limits, CellType type, @Nullable Tensor input,
            @Nullable List<NetworkInputs.@Nullable Layer> layers, @Nullable Map<String, @Nullable Tensor> output,
            double forwardPasses, boolean backward) {
        if (!valid(input) || input.rank() != 3 || layers == null) {
            return;
        }
        double m = input.dimension(1);
        double steps = input.dimension(2);
        double perStep = 0;
        double rowsPerStep = input.dimension(0);
        double widestRows = input.dimension(0);
        double largestWeights = 0;
        int blocks = Parameters.weightBlocks(type);
        for (NetworkInputs.Layer layer : layers) {
            if (layer == null) {
                continue;
            }
            for (Map<String, @Nullable Tensor> direction : java.util.Arrays.asList(layer.forward(), layer.backward())) {
                if (direction == null) {
                    continue;
                }
                double hidden = 0;
                for (var shape : type.parameters()) {
                    Tensor w = direction.get(shape.name());
                    if (!shape.isBias() && valid(w) && w.rank() == 2) {
                        perStep += (double) w.dimension(0) * w.dimension(1);
                        hidden = Math.max(hidden, w.dimension(0));
                        largestWeights = Math.max(largestWeights, (double) blocks * w.dimension(0) * w.dimension(1));
                    }
                }
                rowsPerStep += (blocks + 5) * hidden;
                // a layer's dz over every step, and the next layer's input: both directions' states stacked
                widestRows = Math.max(widestRows, Math.max(blocks * hidden, 2 * hidden));
            }
        }
        Tensor wy = output == null ? null : output.get("Wy");
        if (valid(wy) && wy.rank() == 2) {
            perStep += (double) wy.dimension(0) * wy.dimension(1);
            rowsPerStep += wy.dimension(0);
            widestRows = Math.max(widestRows, wy.dimension(0));
        }
        enforce(limits, "The network", "m · T_x · the entries of every layer's and direction's weights",
                m * steps * perStep, forwardPasses, DOUBLE_BYTES * (m * steps * rowsPerStep * (backward ? 2 : 1) + 4 * perStep),
                Math.max(widestRows * m * steps, largestWeights));
    }

    /**
     * Throws if the work (multiply-adds of one forward pass, times {@code forwardPasses}) or the bytes are
     * over their limits.
     *
     * @param subject "The request" or "The network", as the messages start
     * @param formula how one forward pass's multiply-adds were counted
     */
    private static void enforce(Limits limits, String subject, String formula, double perPass, double forwardPasses,
            double bytes, double largestMatrix) {
        double work = perPass * forwardPasses;
        if (work > limits.maxWork()) {
            throw new LimitExceededException("work", "rnn.limits.max-work", String.format(
                    "%s asks for about %.3g multiply-adds (%s per forward pass, %.3g passes' worth); "
                            + "rnn.limits.max-work allows %d.",
                    subject, work, formula, forwardPasses, limits.maxWork()));
        }
        if (bytes > limits.memoryBudgetBytes()) {
            throw new LimitExceededException("memory", "rnn.limits.memory-budget", String.format(
                    "%s's matrices would need about %d MB; rnn.limits.memory-budget allows %d MB.",
                    subject, (long) (bytes / 1e6), limits.memoryBudgetBytes() / 1_000_000));
        }
        if (largestMatrix > MAX_ENTRIES) {
            throw new LimitExceededException("memory", "rnn.limits.memory-budget", String.format(
                    "%s's largest matrix would hold about %.3g entries; one array holds at most %d, "
                            + "whatever rnn.limits.memory-budget allows. Send fewer examples or time steps at once.",
                    subject, largestMatrix, MAX_ENTRIES));
        }
    }

    private static boolean valid(@Nullable Tensor tensor) {
        return tensor != null && tensor.problem() == null && !tensor.isEmpty();
    }
}
