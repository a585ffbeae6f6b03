package com.rnnservice.math;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What an optimizer remembers between steps: the step count and, for Adam, the moment estimates m and v of every
 * parameter (zeros until the first step). Mutable; one per training run.
 */
public final class OptimizerState {

    private int step;

    private final Map<String, Matrix> firstMoments;

    private final Map<String, Matrix> secondMoments;

    /**
     * A state that continues from {@code step} with these moments, which the steps update in place; empty maps for
     * a fresh one.
     */
    public OptimizerState(int step, Map<String, Matrix> firstMoments, Map<String, Matrix> secondMoments) {
        Check.that(step >= 0, () -> "a step count is not negative; got " + step);
        this.step = step;
        this.firstMoments = new LinkedHashMap<>(firstMoments);
        this.secondMoments = new LinkedHashMap<>(secondMoments);
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
    public Map<String, Matrix> firstMoments() {
        return this.firstMoments;
    }

    /** Adam's second moments by parameter name; empty for an optimizer that keeps none. */
    public Map<String, Matrix> secondMoments() {
        return this.secondMoments;
    }

    Matrix firstMoment(String name, Matrix like) {
        return this.firstMoments.computeIfAbsent(name, k -> new Matrix(like.rows, like.cols));
    }

    Matrix secondMoment(String name, Matrix like) {
        return this.secondMoments.computeIfAbsent(name, k -> new Matrix(like.rows, like.cols));
    }
}
