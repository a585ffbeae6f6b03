package com.rnnservice.service;

import java.util.List;
import java.util.Map;

import org.apache.commons.math3.linear.RealMatrix;
import org.jspecify.annotations.Nullable;

/**
 * The result of a forward pass over a sequence, one matrix per time step.
 *
 * @param a the hidden states, each (n_a, m)
 * @param c the cell states, each (n_a, m); {@code null} for a cell without memory
 * @param yPred the predictions, each (n_y, m)
 * @param gates each gate's activations at every step, by gate name, when they were asked for; empty for a
 *        cell without gates
 */
public record SequenceForward(List<RealMatrix> a, @Nullable List<RealMatrix> c, List<RealMatrix> yPred,
        @Nullable Map<String, List<RealMatrix>> gates) {
}
