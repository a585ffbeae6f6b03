package com.rnnservice.math;

import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.commons.math3.linear.RealMatrix;

/**
 * What an optimizer remembers between steps: the step count and, for Adam, the moment estimates m
 * and v of every parameter (zeros until the first step). Mutable; one per training run.
 */
public final class OptimizerState {

    private int step;

    private final Map<String, RealMatrix> firstMoments;

    private final Map<String, RealMatrix> secondMoments;

    /** A state that continues from {@code step} with these moments (copied); empty maps for a fresh one. */
    public OptimizerState(int step, Map<String, RealMatrix> firstMoments, Map<String, RealMatrix> secondMoments) {
        this.step = step;
        this.firstMoments = copy(firstMoments);
        this.secondMoments = copy(secondMoments);
    }

    /** A fresh state: no step taken, no moments. */
    public static OptimizerState fresh() {
        return new OptimizerState(0, Map.of(), Map.of());
    }

    /** Counts one more step and returns the new count. */
    int advance() {
        return ++this.step;
    }

    /** The number of steps taken. */
    public int step() {
        return this.step;
    }

    /** Adam's first moments by parameter name; empty for an optimizer that keeps none. */
    public Map<String, RealMatrix> firstMoments() {
        return this.firstMoments;
    }

    /** Adam's second moments by parameter name; empty for an optimizer that keeps none. */
    public Map<String, RealMatrix> secondMoments() {
        return this.secondMoments;
    }

    RealMatrix firstMoment(String name, RealMatrix like) {
        return this.firstMoments.computeIfAbsent(name, k -> Matrices.zeros(like.getRowDimension(), like.getColumnDimension()));
    }

    RealMatrix secondMoment(String name, RealMatrix like) {
        return this.secondMoments.computeIfAbsent(name, k -> Matrices.zeros(like.getRowDimension(), like.getColumnDimension()));
    }

    private static Map<String, RealMatrix> copy(Map<String, RealMatrix> moments) {
        Map<String, RealMatrix> copy = new LinkedHashMap<>();
        moments.forEach((name, value) -> copy.put(name, Matrices.copy(value)));
        return copy;
    }
}
