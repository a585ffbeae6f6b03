package com.rnnservice.math;

import java.util.List;
import java.util.Map;

import org.apache.commons.math3.linear.RealMatrix;

/**
 * The gradients one backward step produces, kept in the form a sequence sums fastest: dz, the gradient
 * of the step's stacked pre-activations (blocks · n_a, m), and what each block of the stacked weights
 * multiplied. Every weight gradient is then a product of dz with an input (dW = dz·inputᵀ), every bias
 * gradient a row sum of dz, and dxt = inputWeightsᵀ·dz; {@link Sequence#backward} forms each of them once
 * for all steps after the loop, and {@link #parameters()} forms them for this step alone.
 */
public final class StepGradients {

    /**
     * Rows {@code from} (inclusive) to {@code to} (exclusive) of the cell's stacked hidden weights
     * multiplied {@code input} in the forward step: their gradient is dz[from:to]·inputᵀ.
     *
     * @param input (n_a, m): a_prev, or for the GRU's candidate rt ⊙ a_prev
     */
    public record HiddenFactor(int from, int to, RealMatrix input) {
    }

    private final Cell<?> cell;

    private final RealMatrix xt;

    private final RealMatrix dz;

    private final State dPrev;

    private final List<HiddenFactor> hidden;

    private RealMatrix dxt;

    private Map<String, RealMatrix> parameters;

    /**
     * @param cell the cell whose step this is
     * @param xt the step's input, (n_x, m)
     * @param dz ∂L/∂ the stacked pre-activations, (blocks · n_a, m), the rows of {@link Cell#inputWeights()}
     * @param dPrev ∂L/∂a_prev and, for a cell with memory, ∂L/∂c_prev
     * @param hidden what the hidden weights multiplied, block by block, covering every row of dz in order
     */
    public StepGradients(Cell<?> cell, RealMatrix xt, RealMatrix dz, State dPrev, List<HiddenFactor> hidden) {
        this.cell = cell;
        this.xt = xt;
        this.dz = dz;
        this.dPrev = dPrev;
        this.hidden = List.copyOf(hidden);
    }

    /** ∂L/∂xt = inputWeightsᵀ·dz, (n_x, m). */
    public RealMatrix dxt() {
        if (this.dxt == null) {
            this.dxt = Matrices.transposeMultiply(this.cell.inputWeights(), this.dz);
        }
        return this.dxt;
    }

    /** ∂L/∂a_prev and, for a cell with memory, ∂L/∂c_prev. */
    public State dPrev() {
        return this.dPrev;
    }

    /** ∂L/∂ the stacked pre-activations. */
    RealMatrix dz() {
        return this.dz;
    }

    /** The step's input. */
    RealMatrix xt() {
        return this.xt;
    }

    /** What the hidden weights multiplied, block by block. */
    List<HiddenFactor> hidden() {
        return this.hidden;
    }

    /** Every parameter's gradient of this step alone, keyed by its name ({@code dWax}, {@code dbf}, ...). */
    public Map<String, RealMatrix> parameters() {
        if (this.parameters == null) {
            RealMatrix[] blocks = new RealMatrix[this.hidden.size()];
            for (int k = 0; k < blocks.length; k++) {
                HiddenFactor factor = this.hidden.get(k);
                blocks[k] = Matrices.multiplyTranspose(Matrices.rowsView(this.dz, factor.from(), factor.to()),
                        factor.input());
            }
            this.parameters = this.cell.parameterGradients(Matrices.stackRows(blocks),
                    Matrices.multiplyTranspose(this.dz, this.xt), Matrices.rowSums(this.dz));
        }
        return this.parameters;
    }
}
