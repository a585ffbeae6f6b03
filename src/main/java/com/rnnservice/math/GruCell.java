package com.rnnservice.math;

import java.util.List;

/**
 * The course's "full GRU", with concat = [a_prev; xt]: the relevance gate acts on the state before the candidate's
 * matmul (Keras' {@code reset_after=False}, whose update gate z is 1 − ut here; PyTorch's {@code nn.GRU} applies it
 * after the matmul and is a different function).
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
 * Stacked as W = [Wr; Wu; Wc] (3·n_a, n_a + n_x): a step adds [Wr; Wu]'s hidden columns times a_prev to the input
 * projection's first two blocks, and Wc's times rt ⊙ a_prev, which it keeps in a tape, to the third; z then holds
 * rt, ut and cct. The hidden columns' gradients are two sums: [dzr; dzu]·a_prevᵀ and dzc·(rt ⊙ a_prev)ᵀ.
 * Shapes: {@code Wr, Wu, Wc} (n_a, n_a + n_x), {@code br, bu, bc} (n_a, 1).
 */
public final class GruCell extends Cell {

    /**
     * The cell over these parameters, stacked in the GRU's layout; not copied. One tape: rt ⊙ a_prev, (n_a, m), what
     * Wc's hidden columns multiplied.
     */
    public GruCell(Parameters parameters) {
        super(parameters, List.of(Sum.weights(List.of("Wr", "Wu"), Sum.DZ, 0, Sum.PREVIOUS),
                Sum.weights(List.of("Wc"), Sum.DZ, 2 * parameters.hidden(), 0)), List.of(parameters.hidden()), List.of());
    }

    @Override
    public void forward(Kernel kernel, Forward step) {
        int n = hidden();
        Matrix z = step.z();
        Matrix aPrev = step.aPrev();
        Matrix gated = step.tapes().get(0);
        Matrix a = step.a();
        Matrix hidden = this.parameters.hiddenColumns();
        Matrix b = this.parameters.biases();
        int m = a.cols;
        double[] g = z.data;
        // rows rt, ut = σ([Wr; Wu]·[a_prev; xt] + [br; bu]), in place; then rt ⊙ a_prev
        kernel.multiply(hidden.rows(0, 2 * n), aPrev, z.rows(0, 2 * n), true);
        Activations.rows(kernel, 2 * n, m, (from, to) -> {
            for (int i = from; i < to; i++) {
                int zi = z.offset + i * z.stride;
                double bi = b.data[b.offset + i * b.stride];
                for (int j = 0; j < m; j++) {
                    g[zi + j] = Activations.sigmoid(g[zi + j] + bi);
                }
                if (i < n) {
                    int ai = aPrev.offset + i * aPrev.stride;
                    int gi = gated.offset + i * gated.stride;
                    for (int j = 0; j < m; j++) {
                        gated.data[gi + j] = g[zi + j] * aPrev.data[ai + j];
                    }
                }
            }
        });
        // cct = tanh(Wc·[rt ⊙ a_prev; xt] + bc), in place; a_next = ut ⊙ cct + (1 − ut) ⊙ a_prev
        kernel.multiply(hidden.rows(2 * n, 3 * n), gated, z.rows(2 * n, 3 * n), true);
        Activations.rows(kernel, n, m, (from, to) -> {
            for (int i = from; i < to; i++) {
                int ci = z.offset + (2 * n + i) * z.stride;
                int ui = z.offset + (n + i) * z.stride;
                double bi = b.data[b.offset + (2 * n + i) * b.stride];
                int ai = aPrev.offset + i * aPrev.stride;
                int out = a.offset + i * a.stride;
                for (int j = 0; j < m; j++) {
                    double cc = Activations.tanh(g[ci + j] + bi);
                    g[ci + j] = cc;
                    double u = g[ui + j];
                    a.data[out + j] = u * cc + (1.0 - u) * aPrev.data[ai + j];
                }
            }
        });
    }

    @Override
    public void backward(Kernel kernel, Backward step) {
        int n = hidden();
        Matrix z = step.forward().z();
        Matrix aPrev = step.forward().aPrev();
        Matrix da = step.da();
        Matrix dz = step.dz();
        Matrix daPrev = step.daPrev();
        Matrix hidden = this.parameters.hiddenColumns();
        int m = da.cols;
        double[] g = z.data;
        double[] d = dz.data;
        Activations.rows(kernel, n, m, (from, to) -> {
            for (int i = from; i < to; i++) {
                int ui = z.offset + (n + i) * z.stride;
                int ci = z.offset + (2 * n + i) * z.stride;
                int ai = aPrev.offset + i * aPrev.stride;
                int di = da.offset + i * da.stride;
                int dzu = dz.offset + (n + i) * dz.stride;
                int dzc = dz.offset + (2 * n + i) * dz.stride;
                for (int j = 0; j < m; j++) {
                    double u = g[ui + j];
                    double cc = g[ci + j];
                    double daj = da.data[di + j];
                    d[dzc + j] = daj * u * (1 - cc * cc);
                    d[dzu + j] = daj * (cc - aPrev.data[ai + j]) * (u * (1 - u));
                }
            }
        });
        // dra = ∂L/∂(rt ⊙ a_prev) = Wc's hidden columnsᵀ·dzc; then dzr, then the gates' share of da_prev
        Matrix dra = kernel.transposeMultiply(hidden.rows(2 * n, 3 * n), dz.rows(2 * n, 3 * n));
        Activations.rows(kernel, n, m, (from, to) -> {
            for (int i = from; i < to; i++) {
                int ri = z.offset + i * z.stride;
                int ai = aPrev.offset + i * aPrev.stride;
                int dri = i * dra.stride;
                int dzr = dz.offset + i * dz.stride;
                for (int j = 0; j < m; j++) {
                    double r = g[ri + j];
                    d[dzr + j] = dra.data[dri + j] * aPrev.data[ai + j] * (r * (1 - r));
                }
            }
        });
        kernel.transposeMultiply(hidden.rows(0, 2 * n), dz.rows(0, 2 * n), daPrev, true);
        Activations.rows(kernel, n, m, (from, to) -> {
            for (int i = from; i < to; i++) {
                int ri = z.offset + i * z.stride;
                int ui = z.offset + (n + i) * z.stride;
                int di = da.offset + i * da.stride;
                int dri = i * dra.stride;
                int out = daPrev.offset + i * daPrev.stride;
                for (int j = 0; j < m; j++) {
                    daPrev.data[out + j] += da.data[di + j] * (1.0 - g[ui + j]) + dra.data[dri + j] * g[ri + j];
                }
            }
        });
    }
}
