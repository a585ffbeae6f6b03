package com.rnnservice.math;

import static com.rnnservice.math.Matrices.columns;
import static com.rnnservice.math.Matrices.multiply;
import static com.rnnservice.math.Matrices.rows;
import static com.rnnservice.math.Matrices.rowsView;
import static com.rnnservice.math.Matrices.stackRows;
import static com.rnnservice.math.Matrices.transposeMultiply;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
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
 * dx and weight gradients (a backward step returns dz = [dzr; dzu; dzc] and what the hidden columns
 * multiplied: a_prev for r and u, rt ⊙ a_prev for the candidate) in one multiply each. Each step's
 * element-wise work is fused loops over plain arrays.
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

    private static final String[] WEIGHTS = { "dWr", "dWu", "dWc" };

    private static final String[] BIASES = { "dbr", "dbu", "dbc" };

    /** [Wr; Wu]'s columns that multiply a_prev, (2·n_a, n_a): one multiply for both gates. */
    private final RealMatrix gatesHidden;

    /** Wc's columns that multiply rt ⊙ a_prev, (n_a, n_a). */
    private final RealMatrix candidateHidden;

    /** [Wr; Wu; Wc]'s columns that multiply xt, (3·n_a, n_x): every input projection at once. */
    private final RealMatrix stackedInput;

    /** [br; bu; bc], (3·n_a). */
    private final double[] stackedBias;

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
        int hidden = wr.getRowDimension();
        int all = wr.getColumnDimension();
        this.gatesHidden = Weights.of(columns(stackRows(wr, wu), 0, hidden));
        this.candidateHidden = Weights.of(columns(wc, 0, hidden));
        this.stackedInput = Weights.of(columns(stackRows(wr, wu, wc), hidden, all));
        this.stackedBias = stackRows(br, bu, bc).getColumn(0);
        this.nA = hidden;
    }

    @Override
    public RealMatrix inputWeights() {
        return this.stackedInput;
    }

    @Override
    public Step forward(RealMatrix xt, RealMatrix projection, State prev) {
        RealMatrix aPrev = prev.a();
        double[][] a = Matrices.data(aPrev);
        double[][] p = Matrices.data(projection);
        double[] b = this.stackedBias;
        int n = this.nA;
        int m = a.length == 0 ? 0 : a[0].length;
        // rows rt, ut = σ([Wr; Wu]·[a_prev; xt] + [br; bu]), in place; then rt ⊙ a_prev
        RealMatrix gates = multiply(this.gatesHidden, aPrev);
        double[][] g = Matrices.data(gates);
        double[][] gated = Matrices.zeroRows(n, m);
        Parallel.rows(2 * n, Activations.split(2 * n, m), (from, to) -> {
            for (int i = from; i < to; i++) {
                double[] gi = g[i];
                double[] pi = p[i];
                double bi = b[i];
                for (int j = 0; j < m; j++) {
                    gi[j] = Activations.sigmoid(gi[j] + pi[j] + bi);
                }
                if (i < n) {
                    double[] ai = a[i];
                    double[] out = gated[i];
                    for (int j = 0; j < m; j++) {
                        out[j] = gi[j] * ai[j];
                    }
                }
            }
        });
        RealMatrix gatedHidden = new Array2DRowRealMatrix(gated, false);
        // cct = tanh(Wc·[rt ⊙ a_prev; xt] + bc), in place; a_next = ut ⊙ cct + (1 − ut) ⊙ a_prev
        RealMatrix cct = multiply(this.candidateHidden, gatedHidden);
        double[][] c = Matrices.data(cct);
        double[][] next = Matrices.zeroRows(n, m);
        Parallel.rows(n, Activations.split(n, m), (from, to) -> {
            for (int i = from; i < to; i++) {
                double[] ci = c[i];
                double[] pi = p[2 * n + i];
                double bi = b[2 * n + i];
                double[] u = g[n + i];
                double[] ai = a[i];
                double[] out = next[i];
                for (int j = 0; j < m; j++) {
                    ci[j] = Activations.tanh(ci[j] + pi[j] + bi);
                    out[j] = u[j] * ci[j] + (1.0 - u[j]) * ai[j];
                }
            }
        });
        return new Step(xt, aPrev, gates, gatedHidden, cct, new Array2DRowRealMatrix(next, false), n);
    }

    @Override
    public StepGradients backward(Step step, State dNext) {
        double[][] da = Matrices.data(dNext.a());
        double[][] a = Matrices.data(step.aPrev);
        double[][] g = Matrices.data(step.stackedGates);
        double[][] c = Matrices.data(step.cct);
        int n = this.nA;
        int m = a.length == 0 ? 0 : a[0].length;
        double[][] dz = Matrices.zeroRows(3 * n, m);
        Parallel.rows(n, Activations.split(n, m), (from, to) -> {
            for (int i = from; i < to; i++) {
                double[] u = g[n + i];
                double[] ci = c[i];
                double[] ai = a[i];
                double[] dai = da[i];
                double[] dzu = dz[n + i];
                double[] dzc = dz[2 * n + i];
                for (int j = 0; j < m; j++) {
                    dzc[j] = dai[j] * u[j] * (1 - ci[j] * ci[j]);
                    dzu[j] = dai[j] * (ci[j] - ai[j]) * (u[j] * (1 - u[j]));
                }
            }
        });
        RealMatrix dzMatrix = new Array2DRowRealMatrix(dz, false);
        // dra = ∂L/∂(rt ⊙ a_prev) = Wc's hidden columnsᵀ·dzc; then dzr, then the gates' share of da_prev
        double[][] dra = Matrices.data(transposeMultiply(this.candidateHidden, rowsView(dzMatrix, 2 * n, 3 * n)));
        Parallel.rows(n, Activations.split(n, m), (from, to) -> {
            for (int i = from; i < to; i++) {
                double[] r = g[i];
                double[] ai = a[i];
                double[] drai = dra[i];
                double[] dzr = dz[i];
                for (int j = 0; j < m; j++) {
                    dzr[j] = drai[j] * ai[j] * (r[j] * (1 - r[j]));
                }
            }
        });
        double[][] daPrev = Matrices.data(transposeMultiply(this.gatesHidden, rowsView(dzMatrix, 0, 2 * n)));
        Parallel.rows(n, Activations.split(n, m), (from, to) -> {
            for (int i = from; i < to; i++) {
                double[] r = g[i];
                double[] u = g[n + i];
                double[] dai = da[i];
                double[] drai = dra[i];
                double[] out = daPrev[i];
                for (int j = 0; j < m; j++) {
                    out[j] = dai[j] * (1.0 - u[j]) + drai[j] * r[j] + out[j];
                }
            }
        });
        return new StepGradients(this, step.xt, dzMatrix, State.of(new Array2DRowRealMatrix(daPrev, false)),
                List.of(new StepGradients.HiddenFactor(0, 2 * n, step.aPrev),
                        new StepGradients.HiddenFactor(2 * n, 3 * n, step.gatedHidden)));
    }

    @Override
    public Map<String, RealMatrix> parameterGradients(RealMatrix dHidden, RealMatrix dInput, RealMatrix dBias) {
        Map<String, RealMatrix> gradients = new LinkedHashMap<>();
        int n = this.nA;
        for (int k = 0; k < 3; k++) {
            gradients.put(WEIGHTS[k], Matrices.sideBySide(rows(dHidden, k * n, (k + 1) * n), rows(dInput, k * n, (k + 1) * n)));
        }
        for (int k = 0; k < 3; k++) {
            gradients.put(BIASES[k], rows(dBias, k * n, (k + 1) * n));
        }
        return gradients;
    }

    /**
     * One forward step of the GRU.
     *
     * @param xt the step's input, (n_x, m)
     * @param aPrev the hidden state before the step, (n_a, m)
     * @param stackedGates the gates rt and ut stacked, (2·n_a, m)
     * @param gatedHidden rt ⊙ a_prev, what the candidate's hidden columns multiplied, (n_a, m)
     * @param cct the candidate state c̃, (n_a, m)
     * @param aNext the hidden state after the step, (n_a, m)
     * @param hidden n_a
     */
    public record Step(RealMatrix xt, RealMatrix aPrev, RealMatrix stackedGates, RealMatrix gatedHidden, RealMatrix cct,
            RealMatrix aNext, int hidden) implements Cell.Step {

        @Override
        public State next() {
            return State.of(this.aNext);
        }

        @Override
        public Map<String, RealMatrix> gates() {
            Map<String, RealMatrix> named = new LinkedHashMap<>();
            named.put("rt", rows(this.stackedGates, 0, this.hidden));
            named.put("ut", rows(this.stackedGates, this.hidden, 2 * this.hidden));
            named.put("cct", Matrices.copy(this.cct));
            return named;
        }
    }
}
