package com.rnnservice.math;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.commons.math3.linear.RealMatrix;

/**
 * The gradients one backward step produces. Weight gradients may come as factors ({@link OuterProduct})
 * so that {@link Sequence#backward} can sum all steps' at once; {@link #parameters()} gives every
 * gradient as a matrix.
 */
public final class StepGradients {

    private final RealMatrix inputWeights;

    private final RealMatrix dzInput;

    private RealMatrix dxt;

    private final State dPrev;

    private final Map<String, RealMatrix> direct;

    private final Map<String, OuterProduct> outer;

    private Map<String, RealMatrix> parameters;

    /**
     * @param inputWeights the cell's {@link Cell#inputWeights()}
     * @param dzInput the gradient of the pre-activations the input feeds, (rows of inputWeights, m)
     * @param dPrev ∂L/∂a_prev and, for a cell with memory, ∂L/∂c_prev
     * @param direct gradients given as matrices, keyed by the gradient's name ({@code dba}, {@code dbf}, ...)
     * @param outer weight gradients given as factors, keyed likewise ({@code dWax}, {@code dWf}, ...)
     */
    public StepGradients(RealMatrix inputWeights, RealMatrix dzInput, State dPrev, Map<String, RealMatrix> direct,
            Map<String, OuterProduct> outer) {
        this.inputWeights = inputWeights;
        this.dzInput = dzInput;
        this.dPrev = dPrev;
        this.direct = direct;
        this.outer = outer;
    }

    /** ∂L/∂xt = inputWeightsᵀ·dzInput, (n_x, m). */
    public RealMatrix dxt() {
        if (this.dxt == null) {
            this.dxt = Matrices.transposeMultiply(this.inputWeights, this.dzInput);
        }
        return this.dxt;
    }

    /** The gradient of the pre-activations the input feeds; a sequence multiplies all steps' at once. */
    RealMatrix dzInput() {
        return this.dzInput;
    }

    /** ∂L/∂a_prev and, for a cell with memory, ∂L/∂c_prev. */
    public State dPrev() {
        return this.dPrev;
    }

    /** The gradients given as matrices. */
    Map<String, RealMatrix> direct() {
        return this.direct;
    }

    /** The weight gradients given as factors. */
    Map<String, OuterProduct> outer() {
        return this.outer;
    }

    /** Every parameter's gradient as a matrix, keyed by its name ({@code dWax}, {@code dbf}, ...). */
    public Map<String, RealMatrix> parameters() {
        if (this.parameters == null) {
            Map<String, RealMatrix> all = new LinkedHashMap<>(this.direct);
            this.outer.forEach((name, factors) -> all.put(name, factors.product()));
            this.parameters = Collections.unmodifiableMap(all);
        }
        return this.parameters;
    }
}
