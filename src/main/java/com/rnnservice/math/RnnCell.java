package com.rnnservice.math;

import java.util.List;

/**
 * The basic RNN cell.
 *
 * <pre>
 * forward:   a_next = tanh(Wax·xt + Waa·a_prev + ba)
 * backward:  dz     = (1 − a_next²) ⊙ da_next
 *            dxt    = Waxᵀ·dz          dWax = dz·xtᵀ
 *            da_prev = Waaᵀ·dz         dWaa = dz·a_prevᵀ
 *            dba    = Σ_columns dz
 * </pre>
 *
 * Stacked as W = [Waa | Wax] (n_a, n_a + n_x), b = ba: the driver computes Wax·xt, and dxt, dWax and dba from dz;
 * the cell adds Waa·a_prev, and names dWaa its sum. Shapes: {@code Wax} (n_a, n_x), {@code Waa} (n_a, n_a),
 * {@code ba} (n_a, 1).
 */
public final class RnnCell extends Cell {

    /** The cell over these parameters, stacked in the RNN's layout; not copied. */
    public RnnCell(Parameters parameters) {
        super(parameters, List.of(Sum.weights(List.of("Waa"), Sum.DZ, 0, Sum.PREVIOUS)), List.of(), List.of());
    }

    @Override
    public void forward(Kernel kernel, Forward step) {
        Matrix z = step.z();
        Matrix a = step.a();
        // z = Wax·xt + Waa·a_prev, then a_next = tanh(z + ba)
        kernel.multiply(this.parameters.get("Waa"), step.aPrev(), z, true);
        Matrix ba = this.parameters.get("ba");
        int m = a.cols;
        Activations.rows(kernel, a.rows, m, (from, to) -> {
            for (int i = from; i < to; i++) {
                double b = ba.data[ba.offset + i * ba.stride];
                int zi = z.offset + i * z.stride;
                int ai = a.offset + i * a.stride;
                for (int j = 0; j < m; j++) {
                    a.data[ai + j] = Activations.tanh(z.data[zi + j] + b);
                }
            }
        });
    }

    @Override
    public void backward(Kernel kernel, Backward step) {
        Matrix a = step.forward().a();
        Matrix da = step.da();
        Matrix dz = step.dz();
        int m = a.cols;
        Activations.rows(kernel, a.rows, m, (from, to) -> {
            for (int i = from; i < to; i++) {
                int ai = a.offset + i * a.stride;
                int di = da.offset + i * da.stride;
                int zi = dz.offset + i * dz.stride;
                for (int j = 0; j < m; j++) {
                    double aij = a.data[ai + j];
                    dz.data[zi + j] = (1 - aij * aij) * da.data[di + j];
                }
            }
        });
        kernel.transposeMultiply(this.parameters.get("Waa"), dz, step.daPrev(), true);
    }
}
