package com.rnnservice.service;

import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * The tensors of a loss or training request, as the client sent them; any may be missing.
 *
 * @param x the inputs of every step, (n_x, m, T_x)
 * @param a0 the initial hidden state, (n_a, m)
 * @param c0 the initial LSTM cell state, (n_a, m); zeros when absent
 * @param parameters the cell's parameters and its output layer, by name
 * @param labels class indices, (m, T_x), or target distributions such as one-hot vectors, (n_y, m, T_x)
 * @param mask 1 for every (example, step) the loss counts, 0 for those it leaves out, (m, T_x)
 */
public record LossInputs(@Nullable Tensor x, @Nullable Tensor a0, @Nullable Tensor c0,
        @Nullable Map<String, @Nullable Tensor> parameters, @Nullable Tensor labels, @Nullable Tensor mask) {
}
