package com.rnnservice.math;

import java.util.Map;

import org.apache.commons.math3.linear.RealMatrix;

/**
 * The gradients one backward step produces.
 *
 * @param dxt ∂L/∂xt, (n_x, m)
 * @param dPrev ∂L/∂a_prev and, for a cell with memory, ∂L/∂c_prev
 * @param parameters ∂L/∂W for each parameter the cell uses, keyed by the gradient's name ({@code dWax}, {@code dbf}, ...)
 */
public record StepGradients(RealMatrix dxt, State dPrev, Map<String, RealMatrix> parameters) {
}
