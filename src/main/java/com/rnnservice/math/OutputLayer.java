package com.rnnservice.math;

import org.apache.commons.math3.linear.RealMatrix;

/**
 * The prediction layer on top of the hidden states: y⟨t⟩ = softmax(Wy·a⟨t⟩ + by), softmax over each column. The seed
 * calls the weights {@code Wya} for the plain RNN and {@code Wy} for the LSTM.
 *
 * @param wy the weights, (n_y, n_a)
 * @param by the bias, (n_y, 1)
 */
public record OutputLayer(Matrix wy, Matrix by) {

    public OutputLayer {
        Check.shape("by", by, wy.getRowDimension(), 1, "(n_y, 1)");
    }

    /** The layer of these matrices (a Matrix is kept as it is; any other matrix is copied). */
    public static OutputLayer of(RealMatrix wy, RealMatrix by) {
        return new OutputLayer(Matrix.of(wy), Matrix.of(by));
    }

    /**
     * The scores before the softmax at every step, in one multiply.
     *
     * @param a the hidden states, (n_a, m) at every step; not modified
     * @return Wy·a⟨t⟩ + by, (n_y, m) at every step
     */
    public Steps logits(Kernel kernel, Steps a) {
        Check.that(a.rows() == this.wy.cols,
                () -> "the output layer's Wy is " + this.wy.shape() + " and reads n_a = " + this.wy.cols + " rows; got " + a.rows());
        Steps z = Steps.zeros(this.wy.rows, a.m(), a.count());
        kernel.multiply(this.wy, a.all(), z.all(), false);
        Matrix all = z.all();
        for (int i = 0; i < all.rows; i++) {
            double b = this.by.data[this.by.offset + i * this.by.stride];
            int row = all.offset + i * all.stride;
            for (int j = 0; j < all.cols; j++) {
                all.data[row + j] += b;
            }
        }
        return z;
    }

    /**
     * The predictions at every step.
     *
     * @param a the hidden states, (n_a, m) at every step; not modified
     * @return softmax(Wy·a⟨t⟩ + by), (n_y, m) at every step
     */
    public Steps predict(Kernel kernel, Steps a) {
        Steps z = logits(kernel, a);
        softmaxColumns(z.all());
        return z;
    }

    /**
     * softmax over axis 0, in place: each column j becomes exp(z[:, j] − max z[:, j]) / Σ_i exp(z[i, j] − max z[:, j]).
     * Subtracting each column's own maximum keeps exp from overflowing without changing the result.
     */
    private static void softmaxColumns(Matrix z) {
        double[] d = z.data;
        for (int j = 0; j < z.cols; j++) {
            int top = z.offset + j;
            double max = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < z.rows; i++) {
                max = Math.max(max, d[top + i * z.stride]);
            }
            double sum = 0;
            for (int i = 0; i < z.rows; i++) {
                double e = Math.exp(d[top + i * z.stride] - max);
                d[top + i * z.stride] = e;
                sum += e;
            }
            for (int i = 0; i < z.rows; i++) {
                d[top + i * z.stride] /= sum;
            }
        }
    }
}
