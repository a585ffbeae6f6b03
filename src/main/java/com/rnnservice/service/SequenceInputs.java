package com.rnnservice.service;

import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * The tensors of a sequence request, as the client sent them; any may be missing.
 *
 * @param x the inputs of every step, (n_x, m, T_x)
 * @param a0 the initial hidden state, (n_a, m)
 * @param c0 the initial LSTM cell state, (n_a, m); zeros when absent
 * @param parameters the parameters by name
 * @param da the upstream gradients of every hidden state, (n_a, m, T_x), for a backward pass
 * @param returnGates whether a forward pass returns every gate at every step
 */
public record SequenceInputs(@Nullable Tensor x, @Nullable Tensor a0, @Nullable Tensor c0,
        @Nullable Map<String, @Nullable Tensor> parameters, @Nullable Tensor da, boolean returnGates) {
}
