package com.rnnservice.math;

import java.util.List;

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
 * Stacked as W = [Wf; Wi; Wc; Wo] (4·n_a, n_a + n_x): a step adds one recurrent multiply, W[:, :n_a]·a_prev, to the
 * input projection in z, then turns z's four blocks into the gates ft, it, cct, ot in place; tanh(c_next) is kept
 * in a tape for the backward step. Each step's element-wise work runs over the views' rows, one activation to a
 * loop. Shapes: {@code Wf, Wi, Wc, Wo} (n_a, n_a + n_x), {@code bf, bi, bc, bo} (n_a, 1).
 */
public final class LstmCell extends Cell {

    /** The cell over these parameters, stacked in the LSTM's layout; not copied. One tape: tanh(c_next), (n_a, m). */
    public LstmCell(Parameters parameters) {
        super(parameters, List.of(Sum.weights(List.of("Wf", "Wi", "Wc", "Wo"), Sum.DZ, 0, Sum.PREVIOUS)),
                List.of(parameters.hidden()), List.of());
    }

    @Override
    public void forward(Kernel kernel, Forward step) {
        Matrix z = step.z();
        kernel.multiply(this.parameters.hiddenColumns(), step.aPrev(), z, true);
        Matrix cPrev = step.cPrev();
        Matrix c = step.c();
        Matrix a = step.a();
        Matrix tanhC = step.tapes().get(0);
        Matrix b = this.parameters.biases();
        int n = hidden();
        int m = a.cols;
        double[] g = z.data;
        Activations.rows(kernel, n, m, (from, to) -> {
            for (int i = from; i < to; i++) {
                int f = z.offset + i * z.stride;
                int u = f + n * z.stride;
                int cc = u + n * z.stride;
                int o = cc + n * z.stride;
                double bf = b.data[b.offset + i * b.stride];
                double bu = b.data[b.offset + (n + i) * b.stride];
                double bc = b.data[b.offset + (2 * n + i) * b.stride];
                double bo = b.data[b.offset + (3 * n + i) * b.stride];
                int cp = cPrev.offset + i * cPrev.stride;
                int cn = c.offset + i * c.stride;
                int tc = tanhC.offset + i * tanhC.stride;
                int an = a.offset + i * a.stride;
                // one activation to a loop: five calls of exp in one loop body keep too much alive across each call
                for (int j = 0; j < m; j++) {
                    g[f + j] = Activations.sigmoid(g[f + j] + bf);
                }
                for (int j = 0; j < m; j++) {
                    g[u + j] = Activations.sigmoid(g[u + j] + bu);
                }
                for (int j = 0; j < m; j++) {
                    g[cc + j] = Activations.tanh(g[cc + j] + bc);
                }
                for (int j = 0; j < m; j++) {
                    g[o + j] = Activations.sigmoid(g[o + j] + bo);
                }
                for (int j = 0; j < m; j++) {
                    c.data[cn + j] = g[f + j] * cPrev.data[cp + j] + g[u + j] * g[cc + j];
                }
                for (int j = 0; j < m; j++) {
                    tanhC.data[tc + j] = Activations.tanh(c.data[cn + j]);
                }
                for (int j = 0; j < m; j++) {
                    a.data[an + j] = g[o + j] * tanhC.data[tc + j];
                }
            }
        });
    }

    @Override
    public void backward(Kernel kernel, Backward step) {
        Matrix z = step.forward().z();
        Matrix cPrev = step.forward().cPrev();
        Matrix tanhC = step.forward().tapes().get(0);
        Matrix da = step.da();
        Matrix dc = step.dc();
        Matrix dz = step.dz();
        Matrix dcPrev = step.dcPrev();
        int n = hidden();
        int m = da.cols;
        double[] g = z.data;
        double[] d = dz.data;
        Activations.rows(kernel, n, m, (from, to) -> {
            for (int i = from; i < to; i++) {
                int f = z.offset + i * z.stride;
                int u = f + n * z.stride;
                int cc = u + n * z.stride;
                int o = cc + n * z.stride;
                int dzf = dz.offset + i * dz.stride;
                int dzi = dzf + n * dz.stride;
                int dzc = dzi + n * dz.stride;
                int dzo = dzc + n * dz.stride;
                int dai = da.offset + i * da.stride;
                int dci = dc.offset + i * dc.stride;
                int cp = cPrev.offset + i * cPrev.stride;
                int tc = tanhC.offset + i * tanhC.stride;
                int dcp = dcPrev.offset + i * dcPrev.stride;
                for (int j = 0; j < m; j++) {
                    double daj = da.data[dai + j];
                    double t = tanhC.data[tc + j];
                    double oj = g[o + j];
                    double uj = g[u + j];
                    double ccj = g[cc + j];
                    double fj = g[f + j];
                    // every gradient that reaches c_next: through a_next = ot ⊙ tanh(c_next), and from the step after
                    double dcj = dc.data[dci + j] + daj * oj * (1 - t * t);
                    d[dzo + j] = daj * t * (oj * (1 - oj));
                    d[dzc + j] = dcj * uj * (1 - ccj * ccj);
                    d[dzi + j] = dcj * ccj * (uj * (1 - uj));
                    d[dzf + j] = dcj * cPrev.data[cp + j] * (fj * (1 - fj));
                    dcPrev.data[dcp + j] = dcj * fj;
                }
            }
        });
        kernel.transposeMultiply(this.parameters.hiddenColumns(), dz, step.daPrev(), true);
    }
}
