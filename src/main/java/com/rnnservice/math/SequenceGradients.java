package com.rnnservice.math;

import java.util.List;
import java.util.Map;

import org.apache.commons.math3.linear.RealMatrix;

/**
 * The gradients of backpropagation through a whole sequence.
 *
 * @param dx ∂L/∂x[:, :, t] for every step t, each (n_x, m)
 * @param dInitial ∂L/∂a0 and, for a cell with memory, ∂L/∂c0
 * @param parameters each parameter's gradient summed over all steps, keyed as in {@link StepGradients}
 */
public record SequenceGradients(List<RealMatrix> dx, State dInitial, Map<String, RealMatrix> parameters) {
}
