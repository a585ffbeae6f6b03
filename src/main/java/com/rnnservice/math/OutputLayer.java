package com.rnnservice.math;

import org.apache.commons.math3.linear.RealMatrix;

/**
 * The prediction layer on top of a hidden state: y = softmax(Wy·a + by), softmax over each column.
 * The seed calls the weights {@code Wya} for the plain RNN and {@code Wy} for the LSTM.
 *
 * @param wy the weights, (n_y, n_a)
 * @param by the bias, (n_y, 1)
 */
public record OutputLayer(RealMatrix wy, RealMatrix by) {

    public OutputLayer {
        wy = Weights.of(wy);
    }

    /**
     * The prediction for a hidden state.
     *
     * @param a the hidden state, (n_a, m); not modified
     * @return softmax(Wy·a + by), (n_y, m)
     */
    public RealMatrix predict(RealMatrix a) {
        return Matrices.softmaxColumns(logits(a));
    }

    /**
     * The scores before the softmax.
     *
     * @param a the hidden state, (n_a, m); not modified
     * @return Wy·a + by, (n_y, m)
     */
    public RealMatrix logits(RealMatrix a) {
        return Matrices.addColumn(Matrices.multiply(this.wy, a), this.by);
    }
}
