package com.rnnservice.math;

import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * The gradients of backpropagation through a whole sequence.
 *
 * @param dx ∂L/∂x[:, :, t] for every step, (n_x, m) each
 * @param dInitial ∂L/∂a0 and, for a cell with memory, ∂L/∂c0
 * @param parameters each parameter's gradient summed over all steps, by gradient name ({@code dWax}, {@code dbf},
 *        ...), in the declared order: views of one stack in the cell's layout
 * @param da ∂L/∂a⟨t⟩ at every step: the upstream da[:, :, t] plus what flows back from step t + 1
 * @param dc ∂L/∂c⟨t⟩ at every step, for a cell with memory
 */
public record SequenceGradients(Steps dx, State dInitial, Map<String, Matrix> parameters, Steps da, @Nullable Steps dc) {
}
