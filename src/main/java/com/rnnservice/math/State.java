package com.rnnservice.math;

import org.apache.commons.math3.linear.RealMatrix;
import org.jspecify.annotations.Nullable;

/**
 * What a cell carries from one time step to the next: the hidden state {@code a}, (n_a, m), and for
 * cells with a memory (the LSTM) the cell state {@code c}, (n_a, m). The same record carries the
 * gradients of the loss with respect to those states in a backward pass.
 *
 * @param a the hidden state (or its gradient)
 * @param c the cell state (or its gradient); {@code null} for cells without one
 */
public record State(RealMatrix a, @Nullable RealMatrix c) {

    /** A state of a cell without memory. */
    public static State of(RealMatrix a) {
        return new State(a, null);
    }

    /** Zeros of this state's shape, with a memory where this one has one. */
    public State zerosLike() {
        int rows = this.a.getRowDimension();
        int cols = this.a.getColumnDimension();
        return new State(Matrices.zeros(rows, cols), this.c == null ? null : Matrices.zeros(rows, cols));
    }

    /** This state with {@code da} added to its hidden part; the memory part unchanged. */
    public State plusHidden(RealMatrix da) {
        // on the arrays: RealMatrix.add walks the entries one getEntry and setEntry at a time
        return new State(Matrices.add(this.a, da), this.c);
    }
}
