package com.rnnservice.math;

import static com.rnnservice.math.Matrices.columns;
import static com.rnnservice.math.Matrices.multiply;
import static com.rnnservice.math.Matrices.rows;
import static com.rnnservice.math.Matrices.stackRows;
import static com.rnnservice.math.Matrices.transposeMultiply;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
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
 * step returns dz, the stacked gradient of the four pre-activations) after the loop. Each step's
 * element-wise work runs over plain arrays, row by row, one activation to a loop.
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

    private static final String[] WEIGHTS = { "dWf", "dWi", "dWc", "dWo" };

    private static final String[] BIASES = { "dbf", "dbi", "dbc", "dbo" };

    /** [Wf; Wi; Wc; Wo], (4·n_a, n_a + n_x), split into the columns that multiply a_prev and those that multiply xt. */
    private final RealMatrix stackedHidden;

    private final RealMatrix stackedInput;

    /** [bf; bi; bc; bo], (4·n_a). */
    private final double[] stackedBias;

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
        this.stackedBias = stackRows(bf, bi, bc, bo).getColumn(0);
        this.nA = hidden;
    }

    @Override
    public RealMatrix inputWeights() {
        return this.stackedInput;
    }

    @Override
    public Step forward(RealMatrix xt, RealMatrix projection, State prev) {
        RealMatrix cPrev = memory(prev);
        // z = [Wf; Wi; Wc; Wo]·[a_prev; xt] + b, then every activation in place: rows ft, it, cct, ot
        RealMatrix gates = multiply(this.stackedHidden, prev.a());
        double[][] g = Matrices.data(gates);
        double[][] p = Matrices.data(projection);
        double[][] c = Matrices.data(cPrev);
        int n = this.nA;
        int m = c.length == 0 ? 0 : c[0].length;
        double[][] cNext = Matrices.zeroRows(n, m);
        double[][] tanhCNext = Matrices.zeroRows(n, m);
        double[][] aNext = Matrices.zeroRows(n, m);
        double[] b = this.stackedBias;
        Parallel.rows(n, Activations.split(n, m), (from, to) -> {
            for (int i = from; i < to; i++) {
                double[] f = g[i];
                double[] u = g[n + i];
                double[] cc = g[2 * n + i];
                double[] o = g[3 * n + i];
                double[] pf = p[i];
                double[] pu = p[n + i];
                double[] pc = p[2 * n + i];
                double[] po = p[3 * n + i];
                double bf = b[i];
                double bu = b[n + i];
                double bc = b[2 * n + i];
                double bo = b[3 * n + i];
                double[] ci = c[i];
                double[] cn = cNext[i];
                double[] tc = tanhCNext[i];
                double[] a = aNext[i];
                // one activation to a loop: five calls of exp in one loop body keep too much alive across each call
                for (int j = 0; j < m; j++) {
                    f[j] = Activations.sigmoid(f[j] + pf[j] + bf);
                }
                for (int j = 0; j < m; j++) {
                    u[j] = Activations.sigmoid(u[j] + pu[j] + bu);
                }
                for (int j = 0; j < m; j++) {
                    cc[j] = Activations.tanh(cc[j] + pc[j] + bc);
                }
                for (int j = 0; j < m; j++) {
                    o[j] = Activations.sigmoid(o[j] + po[j] + bo);
                }
                for (int j = 0; j < m; j++) {
                    cn[j] = f[j] * ci[j] + u[j] * cc[j];
                }
                for (int j = 0; j < m; j++) {
                    tc[j] = Activations.tanh(cn[j]);
                }
                for (int j = 0; j < m; j++) {
                    a[j] = o[j] * tc[j];
                }
            }
        });
        return new Step(xt, prev.a(), cPrev, gates, matrix(cNext), matrix(tanhCNext), matrix(aNext), n);
    }

    @Override
    public StepGradients backward(Step step, State dNext) {
        double[][] daNext = Matrices.data(dNext.a());
        double[][] dcNext = Matrices.data(memory(dNext));
        double[][] g = Matrices.data(step.stackedGates);
        double[][] c = Matrices.data(step.cPrev);
        double[][] tanhC = Matrices.data(step.tanhCNext);
        int n = this.nA;
        int m = c.length == 0 ? 0 : c[0].length;
        double[][] dz = Matrices.zeroRows(4 * n, m);
        double[][] dcPrev = Matrices.zeroRows(n, m);
        Parallel.rows(n, Activations.split(n, m), (from, to) -> {
            for (int i = from; i < to; i++) {
                double[] f = g[i];
                double[] u = g[n + i];
                double[] cc = g[2 * n + i];
                double[] o = g[3 * n + i];
                double[] da = daNext[i];
                double[] dcn = dcNext[i];
                double[] ci = c[i];
                double[] tc = tanhC[i];
                double[] dzf = dz[i];
                double[] dzi = dz[n + i];
                double[] dzc = dz[2 * n + i];
                double[] dzo = dz[3 * n + i];
                double[] dcp = dcPrev[i];
                for (int j = 0; j < m; j++) {
                    // every gradient that reaches c_next: through a_next = ot ⊙ tanh(c_next), and from the step after
                    double dc = dcn[j] + da[j] * o[j] * (1 - tc[j] * tc[j]);
                    dzo[j] = da[j] * tc[j] * (o[j] * (1 - o[j]));
                    dzc[j] = dc * u[j] * (1 - cc[j] * cc[j]);
                    dzi[j] = dc * cc[j] * (u[j] * (1 - u[j]));
                    dzf[j] = dc * ci[j] * (f[j] * (1 - f[j]));
                    dcp[j] = dc * f[j];
                }
            }
        });
        RealMatrix dzMatrix = matrix(dz);
        return new StepGradients(this, step.xt, dzMatrix,
                new State(transposeMultiply(this.stackedHidden, dzMatrix), matrix(dcPrev)),
                List.of(new StepGradients.HiddenFactor(0, 4 * n, step.aPrev)));
    }

    @Override
    public Map<String, RealMatrix> parameterGradients(RealMatrix dHidden, RealMatrix dInput, RealMatrix dBias) {
        Map<String, RealMatrix> gradients = new LinkedHashMap<>();
        int n = this.nA;
        for (int k = 0; k < 4; k++) {
            gradients.put(WEIGHTS[k], Matrices.sideBySide(rows(dHidden, k * n, (k + 1) * n), rows(dInput, k * n, (k + 1) * n)));
        }
        for (int k = 0; k < 4; k++) {
            gradients.put(BIASES[k], rows(dBias, k * n, (k + 1) * n));
        }
        return gradients;
    }

    private static RealMatrix matrix(double[][] data) {
        return new Array2DRowRealMatrix(data, false);
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
     * @param xt the step's input, (n_x, m)
     * @param aPrev the hidden state before the step, (n_a, m)
     * @param cPrev the cell state before the step, (n_a, m)
     * @param stackedGates the gates stacked, [ft; it; cct; ot], (4·n_a, m)
     * @param cNext the cell state after the step, (n_a, m)
     * @param tanhCNext tanh(c_next), kept for the backward step
     * @param aNext the hidden state after the step, (n_a, m)
     * @param hidden n_a
     */
    public record Step(RealMatrix xt, RealMatrix aPrev, RealMatrix cPrev, RealMatrix stackedGates, RealMatrix cNext,
            RealMatrix tanhCNext, RealMatrix aNext, int hidden) implements Cell.Step {

        @Override
        public State next() {
            return new State(this.aNext, this.cNext);
        }

        @Override
        public Map<String, RealMatrix> gates() {
            int n = this.hidden;
            Map<String, RealMatrix> named = new LinkedHashMap<>();
            named.put("ft", rows(this.stackedGates, 0, n));
            named.put("it", rows(this.stackedGates, n, 2 * n));
            named.put("cct", rows(this.stackedGates, 2 * n, 3 * n));
            named.put("ot", rows(this.stackedGates, 3 * n, 4 * n));
            return named;
        }
    }
}
