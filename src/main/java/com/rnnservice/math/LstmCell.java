package com.rnnservice.math;

import static com.rnnservice.math.Matrices.addColumn;
import static com.rnnservice.math.Matrices.columns;
import static com.rnnservice.math.Matrices.hadamard;
import static com.rnnservice.math.Matrices.multiply;
import static com.rnnservice.math.Matrices.rowSums;
import static com.rnnservice.math.Matrices.rows;
import static com.rnnservice.math.Matrices.sigmoid;
import static com.rnnservice.math.Matrices.sigmoidDerivative;
import static com.rnnservice.math.Matrices.stackRows;
import static com.rnnservice.math.Matrices.tanh;
import static com.rnnservice.math.Matrices.tanhDerivative;
import static com.rnnservice.math.Matrices.transposeMultiply;

import java.util.List;
import java.util.Map;

import org.apache.commons.math3.linear.RealMatrix;

/**
 * The LSTM cell, with concat = [a_prev; xt] (hidden state rows first, then input rows).
 *
 * <pre>
 * forward:   ft  = σ(Wf·concat + bf)        it = σ(Wi·concat + bi)        ot = σ(Wo·concat + bo)
 *            cct = tanh(Wc·concat + bc)
 *            c_next = ft ⊙ c_prev + it ⊙ cct
 *            a_next = ot ⊙ tanh(c_next)
 *
 * backward:  dc   = dc_next + da_next ⊙ ot ⊙ (1 − tanh²(c_next))     (all that reaches c_next)
 *            dzo  = da_next ⊙ tanh(c_next) ⊙ ot ⊙ (1 − ot)
 *            dzc  = dc ⊙ it ⊙ (1 − cct²)
 *            dzi  = dc ⊙ cct ⊙ it ⊙ (1 − it)
 *            dzf  = dc ⊙ c_prev ⊙ ft ⊙ (1 − ft)
 *            dWg  = dzg·concatᵀ,  dbg = Σ_columns dzg        for g in f, i, c, o
 *            [da_prev; dxt] = Wfᵀ·dzf + Wiᵀ·dzi + Wcᵀ·dzc + Woᵀ·dzo
 *            dc_prev = dc ⊙ ft
 * </pre>
 *
 * The four gates' weights are stacked, [Wf; Wi; Wc; Wo], and split into the columns that multiply
 * a_prev and those that multiply xt: a step adds one recurrent multiply to its input projection, which
 * {@link Sequence} computes for every step at once, as it does dx and the weight gradients (a backward
 * step returns their factors) after the loop.
 *
 * Shapes: {@code Wf, Wi, Wc, Wo} (n_a, n_a + n_x), {@code bf, bi, bc, bo} (n_a, 1).
 */
public final class LstmCell implements Cell<LstmCell.Step> {

    /** The LSTM's parameters; its output layer is {@code Wy}, {@code by}. */
    public static final CellType TYPE = new CellType("lstm", 4,
            List.of(ParameterShape.matrix("Wf", "n_a", "n_a + n_x"), ParameterShape.matrix("Wi", "n_a", "n_a + n_x"),
                    ParameterShape.matrix("Wc", "n_a", "n_a + n_x"), ParameterShape.matrix("Wo", "n_a", "n_a + n_x"),
                    ParameterShape.bias("bf", "n_a"), ParameterShape.bias("bi", "n_a"),
                    ParameterShape.bias("bc", "n_a"), ParameterShape.bias("bo", "n_a")),
            true, "Wy", p -> new LstmCell(p.get("Wf"), p.get("Wi"), p.get("Wc"), p.get("Wo"), p.get("bf"), p.get("bi"),
                    p.get("bc"), p.get("bo")));

    /** [Wf; Wi; Wc; Wo], (4·n_a, n_a + n_x), split into the columns that multiply a_prev and those that multiply xt. */
    private final RealMatrix stackedHidden;

    private final RealMatrix stackedInput;

    /** [bf; bi; bc; bo], (4·n_a, 1). */
    private final RealMatrix stackedBias;

    private final int nA;

    /**
     * @param wf forget-gate weights, (n_a, n_a + n_x)
     * @param wi update-gate weights, (n_a, n_a + n_x)
     * @param wc candidate weights, (n_a, n_a + n_x)
     * @param wo output-gate weights, (n_a, n_a + n_x)
     * @param bf forget-gate bias, (n_a, 1)
     * @param bi update-gate bias, (n_a, 1)
     * @param bc candidate bias, (n_a, 1)
     * @param bo output-gate bias, (n_a, 1)
     */
    public LstmCell(RealMatrix wf, RealMatrix wi, RealMatrix wc, RealMatrix wo, RealMatrix bf, RealMatrix bi,
            RealMatrix bc, RealMatrix bo) {
        RealMatrix stacked = stackRows(wf, wi, wc, wo);
        int hidden = wf.getRowDimension();
        this.stackedHidden = Weights.of(columns(stacked, 0, hidden));
        this.stackedInput = Weights.of(columns(stacked, hidden, stacked.getColumnDimension()));
        this.stackedBias = stackRows(bf, bi, bc, bo);
        this.nA = wf.getRowDimension();
    }

    @Override
    public RealMatrix inputWeights() {
        return this.stackedInput;
    }

    @Override
    public Step forward(RealMatrix xt, RealMatrix projection, State prev) {
        RealMatrix cPrev = memory(prev);
        RealMatrix concat = stackRows(prev.a(), xt);
        RealMatrix z = addColumn(multiply(this.stackedHidden, prev.a()).add(projection), this.stackedBias);
        int n = this.nA;
        RealMatrix ft = sigmoid(rows(z, 0, n));
        RealMatrix it = sigmoid(rows(z, n, 2 * n));
        RealMatrix cct = tanh(rows(z, 2 * n, 3 * n));
        RealMatrix ot = sigmoid(rows(z, 3 * n, 4 * n));
        RealMatrix cNext = hadamard(ft, cPrev).add(hadamard(it, cct));
        RealMatrix tanhCNext = tanh(cNext);
        RealMatrix aNext = hadamard(ot, tanhCNext);
        return new Step(concat, cPrev, ft, it, cct, ot, cNext, tanhCNext, aNext);
    }

    @Override
    public StepGradients backward(Step step, State dNext) {
        RealMatrix daNext = dNext.a();
        RealMatrix dc = memory(dNext).add(hadamard(daNext, step.ot, tanhDerivative(step.tanhCNext)));
        RealMatrix dzo = hadamard(daNext, step.tanhCNext, sigmoidDerivative(step.ot));
        RealMatrix dzc = hadamard(dc, step.it, tanhDerivative(step.cct));
        RealMatrix dzi = hadamard(dc, step.cct, sigmoidDerivative(step.it));
        RealMatrix dzf = hadamard(dc, step.cPrev, sigmoidDerivative(step.ft));

        RealMatrix dz = stackRows(dzf, dzi, dzc, dzo);
        return new StepGradients(this.stackedInput, dz,
                new State(transposeMultiply(this.stackedHidden, dz), hadamard(dc, step.ft)),
                Map.of("dbf", rowSums(dzf), "dbi", rowSums(dzi), "dbc", rowSums(dzc), "dbo", rowSums(dzo)),
                Map.of("dWf", new OuterProduct(dzf, step.concat), "dWi", new OuterProduct(dzi, step.concat),
                        "dWc", new OuterProduct(dzc, step.concat), "dWo", new OuterProduct(dzo, step.concat)));
    }

    private static RealMatrix memory(State state) {
        RealMatrix c = state.c();
        if (c == null) {
            throw new IllegalArgumentException("an LSTM state needs a cell state c");
        }
        return c;
    }

    /**
     * One forward step of the LSTM.
     *
     * @param concat [a_prev; xt], (n_a + n_x, m)
     * @param cPrev the cell state before the step, (n_a, m)
     * @param ft the forget gate, (n_a, m)
     * @param it the update gate, (n_a, m)
     * @param cct the candidate cell state c̃, (n_a, m)
     * @param ot the output gate, (n_a, m)
     * @param cNext the cell state after the step, (n_a, m)
     * @param tanhCNext tanh(c_next), kept for the backward step
     * @param aNext the hidden state after the step, (n_a, m)
     */
    public record Step(RealMatrix concat, RealMatrix cPrev, RealMatrix ft, RealMatrix it, RealMatrix cct,
            RealMatrix ot, RealMatrix cNext, RealMatrix tanhCNext, RealMatrix aNext) implements Cell.Step {

        @Override
        public State next() {
            return new State(this.aNext, this.cNext);
        }

        @Override
        public Map<String, RealMatrix> gates() {
            return Map.of("ft", this.ft, "it", this.it, "cct", this.cct, "ot", this.ot);
        }
    }
}
