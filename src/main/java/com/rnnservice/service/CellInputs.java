package com.rnnservice.service;

import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * The tensors of a single-step request, as the client sent them; any may be missing. The memory
 * fields ({@code c_prev}, {@code dc_next}) and the upstream gradients are read only by the passes
 * and cells that use them.
 *
 * @param xt the input, (n_x, m)
 * @param aPrev the hidden state, (n_a, m)
 * @param cPrev the LSTM cell state, (n_a, m)
 * @param parameters the parameters by name
 * @param daNext ∂L/∂a_next, (n_a, m), for a backward pass
 * @param dcNext ∂L/∂c_next, (n_a, m), for an LSTM backward pass
 */
public record CellInputs(@Nullable Tensor xt, @Nullable Tensor aPrev, @Nullable Tensor cPrev,
        @Nullable Map<String, @Nullable Tensor> parameters, @Nullable Tensor daNext, @Nullable Tensor dcNext) {
}
