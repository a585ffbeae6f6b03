package com.rnnservice.math;

import java.util.Map;

import org.apache.commons.math3.linear.RealMatrix;

/**
 * One recurrent cell with fixed parameters: a single time step forward, and the same step backward.
 * Implementations are immutable and thread-safe; {@link Sequence} runs any of them over time.
 *
 * @param <S> what a forward step keeps for its backward step
 */
public interface Cell<S extends Cell.Step> {

    /**
     * One forward step.
     *
     * @param xt the input at this step, (n_x, m); not modified
     * @param prev the state after the previous step, (n_a, m) each; not modified
     * @return the step, holding the next state, the gates and what the backward step needs
     */
    default S forward(RealMatrix xt, State prev) {
        return forward(xt, Matrices.multiply(inputWeights(), xt), prev);
    }

    /**
     * One forward step whose input projection was computed beforehand, for every step of a sequence in
     * one multiply.
     *
     * @param xt the input at this step, (n_x, m); not modified
     * @param projection inputWeights()·xt, (rows of inputWeights(), m); not modified
     * @param prev the state after the previous step; not modified
     */
    S forward(RealMatrix xt, RealMatrix projection, State prev);

    /**
     * The weights that multiply the input, stacked in the order of the cell's pre-activation blocks,
     * (blocks · n_a, n_x). A backward step's dz has the same rows, and dxt = inputWeights()ᵀ·dz.
     */
    RealMatrix inputWeights();

    /**
     * The cell's parameter gradients by name ({@code dWf}, {@code dbf}, ...), from the gradients of its
     * stacked weights and biases, each with the rows of {@link #inputWeights()}.
     *
     * @param dHidden the gradient of the stacked columns that multiply the hidden state, (blocks · n_a, n_a)
     * @param dInput the gradient of the stacked columns that multiply the input, (blocks · n_a, n_x)
     * @param dBias the gradient of the stacked biases, (blocks · n_a, 1)
     */
    Map<String, RealMatrix> parameterGradients(RealMatrix dHidden, RealMatrix dInput, RealMatrix dBias);

    /**
     * One backward step: the gradients of a loss L with respect to this step's input, previous state
     * and parameters, given the gradients of L with respect to the state this step produced.
     *
     * @param step a step this cell computed; not modified
     * @param dNext ∂L/∂a_next and, for a cell with memory, ∂L/∂c_next (zeros if none flows in)
     * @return dxt, the gradient of the previous state, and this step's parameter gradients
     */
    StepGradients backward(S step, State dNext);

    /** What a forward step computed. */
    interface Step {

        /** The state after this step. */
        State next();

        /** The gate activations of this step by name (ft, it, ...), each (n_a, m); empty for a cell without gates. */
        Map<String, RealMatrix> gates();
    }
}
