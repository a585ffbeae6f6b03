package com.rnnservice.math;

import org.apache.commons.math3.linear.RealMatrix;
import org.jspecify.annotations.Nullable;

/**
 * What a cell carries from one time step to the next: the hidden state {@code a}, (n_a, m), and for cells with a
 * memory (the LSTM) the cell state {@code c}, (n_a, m). The same record carries the gradients of a loss with
 * respect to those states in a backward pass.
 *
 * @param a the hidden state (or its gradient)
 * @param c the cell state (or its gradient); {@code null} for cells without one
 */
public record State(Matrix a, @Nullable Matrix c) {

    public State {
        if (c != null) {
            Check.sameShape("the cell state c", c, "the hidden state a", a);
        }
    }

    /** A state of a cell without memory (a Matrix is kept as it is; any other matrix is copied). */
    public static State of(RealMatrix a) {
        return new State(Matrix.of(a), null);
    }

    /** A state with a memory part, or without one if {@code c} is null. */
    public static State of(RealMatrix a, @Nullable RealMatrix c) {
        return new State(Matrix.of(a), c == null ? null : Matrix.of(c));
    }

    /** Zeros of shape (rows, m), with a memory part if {@code memory}. */
    public static State zeros(int rows, int m, boolean memory) {
        return new State(new Matrix(rows, m), memory ? new Matrix(rows, m) : null);
    }

    /** Columns [from, to) of both parts, views. */
    State columns(int from, int to) {
        return new State(this.a.columns(from, to), this.c == null ? null : this.c.columns(from, to));
    }
}
