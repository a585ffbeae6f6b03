package com.rnnservice.math;

import static com.rnnservice.math.Matrices.addColumn;
import static com.rnnservice.math.Matrices.columns;
import static com.rnnservice.math.Matrices.hadamard;
import static com.rnnservice.math.Matrices.map;
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
 * The course's "full GRU", with concat = [a_prev; xt]: the relevance gate acts on the state before
 * the candidate's matmul (Keras' {@code reset_after=False}, whose update gate z is 1 − ut here;
 * PyTorch's {@code nn.GRU} applies it after the matmul and is a different function).
 *
 * <pre>
 * forward:   rt  = σ(Wr·concat + br)         ut = σ(Wu·concat + bu)
 *            cct = tanh(Wc·[rt ⊙ a_prev; xt] + bc)
 *            a_next = ut ⊙ cct + (1 − ut) ⊙ a_prev
 *
 * backward:  dzc = da_next ⊙ ut ⊙ (1 − cct²)
 *            dzu = da_next ⊙ (cct − a_prev) ⊙ ut ⊙ (1 − ut)
 *            [dra; dxc] = Wcᵀ·dzc                         (dra = ∂L/∂(rt ⊙ a_prev))
 *            dzr = dra ⊙ a_prev ⊙ rt ⊙ (1 − rt)
 *            [dap; dxg] = Wrᵀ·dzr + Wuᵀ·dzu
 *            da_prev = da_next ⊙ (1 − ut) + dra ⊙ rt + dap
 *            dxt = dxc + dxg
 *            dWr = dzr·concatᵀ,  dWu = dzu·concatᵀ,  dWc = dzc·[rt ⊙ a_prev; xt]ᵀ,  db = Σ_columns dz
 * </pre>
 *
 * The weights are split into the columns that multiply the state (r and u stacked, one multiply) and
 * those that multiply xt (all three stacked): {@link Sequence} computes every step's input projection,
 * dx and weight gradients (a backward step returns their factors) in one multiply each.
 *
 * Shapes: {@code Wr, Wu, Wc} (n_a, n_a + n_x), {@code br, bu, bc} (n_a, 1).
 */
public final class GruCell implements Cell<GruCell.Step> {

    /** The GRU's parameters; its output layer is {@code Wy}, {@code by}. */
    public static final CellType TYPE = new CellType("gru", 3,
            List.of(ParameterShape.matrix("Wr", "n_a", "n_a + n_x"), ParameterShape.matrix("Wu", "n_a", "n_a + n_x"),
                    ParameterShape.matrix("Wc", "n_a", "n_a + n_x"), ParameterShape.bias("br", "n_a"),
                    ParameterShape.bias("bu", "n_a"), ParameterShape.bias("bc", "n_a")),
            false, "Wy", p -> new GruCell(p.get("Wr"), p.get("Wu"), p.get("Wc"), p.get("br"), p.get("bu"), p.get("bc")));

    private final RealMatrix bc;

    /** [Wr; Wu]'s columns that multiply a_prev, (2·n_a, n_a): one multiply for both gates. */
    private final RealMatrix gatesHidden;

    /** Wc's columns that multiply rt ⊙ a_prev, (n_a, n_a). */
    private final RealMatrix candidateHidden;

    /** [Wr; Wu; Wc]'s columns that multiply xt, (3·n_a, n_x): every input projection at once. */
    private final RealMatrix stackedInput;

    /** [br; bu], (2·n_a, 1). */
    private final RealMatrix stackedBias;

    private final int nA;

    /**
     * @param wr relevance-gate weights, (n_a, n_a + n_x)
     * @param wu update-gate weights, (n_a, n_a + n_x)
     * @param wc candidate weights, (n_a, n_a + n_x)
     * @param br relevance-gate bias, (n_a, 1)
     * @param bu update-gate bias, (n_a, 1)
     * @param bc candidate bias, (n_a, 1)
     */
    public GruCell(RealMatrix wr, RealMatrix wu, RealMatrix wc, RealMatrix br, RealMatrix bu, RealMatrix bc) {
        this.bc = bc;
        int hidden = wr.getRowDimension();
        int all = wr.getColumnDimension();
        this.gatesHidden = Weights.of(columns(stackRows(wr, wu), 0, hidden));
        this.candidateHidden = Weights.of(columns(wc, 0, hidden));
        this.stackedInput = Weights.of(columns(stackRows(wr, wu, wc), hidden, all));
        this.stackedBias = stackRows(br, bu);
        this.nA = wr.getRowDimension();
    }

    @Override
    public RealMatrix inputWeights() {
        return this.stackedInput;
    }

    @Override
    public Step forward(RealMatrix xt, RealMatrix projection, State prev) {
        RealMatrix aPrev = prev.a();
        RealMatrix concat = stackRows(aPrev, xt);
        int n = this.nA;
        RealMatrix z = sigmoid(addColumn(multiply(this.gatesHidden, aPrev).add(rows(projection, 0, 2 * n)),
                this.stackedBias));
        RealMatrix rt = rows(z, 0, n);
        RealMatrix ut = rows(z, n, 2 * n);
        RealMatrix gatedHidden = hadamard(rt, aPrev);
        RealMatrix gatedConcat = stackRows(gatedHidden, xt);
        RealMatrix cct = tanh(addColumn(multiply(this.candidateHidden, gatedHidden).add(rows(projection, 2 * n, 3 * n)),
                this.bc));
        RealMatrix aNext = hadamard(ut, cct).add(hadamard(map(ut, u -> 1.0 - u), aPrev));
        return new Step(concat, gatedConcat, aPrev, rt, ut, cct, aNext);
    }

    @Override
    public StepGradients backward(Step step, State dNext) {
        RealMatrix daNext = dNext.a();
        RealMatrix dzc = hadamard(daNext, step.ut, tanhDerivative(step.cct));
        RealMatrix dzu = hadamard(daNext, step.cct.subtract(step.aPrev), sigmoidDerivative(step.ut));
        RealMatrix dra = transposeMultiply(this.candidateHidden, dzc);
        RealMatrix dzr = hadamard(dra, step.aPrev, sigmoidDerivative(step.rt));
        RealMatrix dHidden = transposeMultiply(this.gatesHidden, stackRows(dzr, dzu));

        RealMatrix daPrev = hadamard(daNext, map(step.ut, u -> 1.0 - u)).add(hadamard(dra, step.rt)).add(dHidden);
        return new StepGradients(this.stackedInput, stackRows(dzr, dzu, dzc), State.of(daPrev),
                Map.of("dbr", rowSums(dzr), "dbu", rowSums(dzu), "dbc", rowSums(dzc)),
                Map.of("dWr", new OuterProduct(dzr, step.concat), "dWu", new OuterProduct(dzu, step.concat),
                        "dWc", new OuterProduct(dzc, step.gatedConcat)));
    }

    /**
     * One forward step of the GRU.
     *
     * @param concat [a_prev; xt], (n_a + n_x, m)
     * @param gatedConcat [rt ⊙ a_prev; xt], the candidate's input, (n_a + n_x, m)
     * @param aPrev the hidden state before the step, (n_a, m)
     * @param rt the relevance gate, (n_a, m)
     * @param ut the update gate, (n_a, m)
     * @param cct the candidate state c̃, (n_a, m)
     * @param aNext the hidden state after the step, (n_a, m)
     */
    public record Step(RealMatrix concat, RealMatrix gatedConcat, RealMatrix aPrev, RealMatrix rt, RealMatrix ut,
            RealMatrix cct, RealMatrix aNext) implements Cell.Step {

        @Override
        public State next() {
            return State.of(this.aNext);
        }

        @Override
        public Map<String, RealMatrix> gates() {
            return Map.of("rt", this.rt, "ut", this.ut, "cct", this.cct);
        }
    }
}
