package com.rnnservice.math;

/** The sizes a shape is written in, as the exercise names them. */
public enum Symbol {

    /** The input size: rows of x. */
    N_X("n_x"),
    /** The hidden size: rows of a. */
    N_A("n_a"),
    /** The output size: classes of the prediction. */
    N_Y("n_y"),
    /** The batch size: columns of a step. */
    M("m"),
    /** The number of time steps. */
    T_X("T_x"),
    /** A network layer's input size: n_x for layer 0, the output size of the layer below otherwise. */
    N_IN("n_in"),
    /** A network's output size: the top layer's n_a, or 2·n_a when it is bidirectional. */
    N_OUT("n_out");

    private final String text;

    Symbol(String text) {
        this.text = text;
    }

    /** The symbol as the exercise writes it: {@code n_a}. */
    @Override
    public String toString() {
        return this.text;
    }
}
