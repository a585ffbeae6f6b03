package com.rnnservice.service;

import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * The tensors of a network request, as the client sent them; any may be missing.
 *
 * @param x the inputs of every step, (n_x, m, T_x)
 * @param layers the layers, bottom first
 * @param output the output layer's {@code Wy} and {@code by}, for forward passes and losses
 * @param da the upstream gradient of the top layer's output, (n_out, m, T_x), for a backward pass
 * @param labels class indices (m, T_x) or targets (n_y, m, T_x), for a loss
 * @param mask 0/1 of shape (m, T_x), for a loss
 */
public record NetworkInputs(@Nullable Tensor x, @Nullable List<@Nullable Layer> layers,
        @Nullable Map<String, @Nullable Tensor> output, @Nullable Tensor da, @Nullable Tensor labels,
        @Nullable Tensor mask) {

    /**
     * One layer as sent.
     *
     * @param forward the forward direction's parameters by name
     * @param backward the reverse direction's parameters by name; present for a bidirectional layer
     * @param a0 the forward direction's initial hidden state, (n_a, m); zeros when absent
     * @param c0 the forward direction's initial cell state (LSTM), (n_a, m); zeros when absent
     * @param a0Backward the reverse direction's initial hidden state; zeros when absent
     * @param c0Backward the reverse direction's initial cell state (LSTM); zeros when absent
     */
    public record Layer(@Nullable Map<String, @Nullable Tensor> forward, @Nullable Map<String, @Nullable Tensor> backward,
            @Nullable Tensor a0, @Nullable Tensor c0, @Nullable Tensor a0Backward, @Nullable Tensor c0Backward) {
    }
}
