package com.rnnservice.service;

import java.util.Map;

import org.apache.commons.math3.linear.RealMatrix;
import org.jspecify.annotations.Nullable;

/**
 * The result of one forward step.
 *
 * @param aNext the next hidden state, (n_a, m)
 * @param cNext the next cell state, (n_a, m); {@code null} for a cell without memory
 * @param ytPred the prediction, (n_y, m)
 * @param gates the gate activations by name, each (n_a, m)
 */
public record CellForward(RealMatrix aNext, @Nullable RealMatrix cNext, RealMatrix ytPred,
        Map<String, RealMatrix> gates) {
}
