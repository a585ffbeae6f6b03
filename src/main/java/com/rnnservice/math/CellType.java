package com.rnnservice.math;

import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.apache.commons.math3.linear.RealMatrix;

/**
 * A family of cells, declared once: everything a caller needs to build, feed, check and document one, from which
 * the service derives its endpoints, their request and answer bodies, their shape checks, work estimates and
 * documentation. {@link CellTypes} holds the declarations.
 *
 * <p>The parameters are listed in the seed's order, weights before biases. Their order also lays out the stack
 * the cell's steps read ({@link Parameters}): each weight is n_a rows of W (G, n_a + n_x), a new block of rows
 * unless it takes the columns the previous weight left free ((n_a, n_a) beside (n_a, n_x)); the biases are the
 * rows of b in order, the first G of them those of W's blocks, in their order.
 *
 * @param name the family's name, the path of its endpoints: {@code /api/v1/{name}/…}
 * @param title how a heading names it: "LSTM"
 * @param noun how a sentence names one, with its article: "an LSTM", "a GRU"
 * @param summary its equations, for a reader of the documentation
 * @param parameters the cell's own parameters, in the seed's order, weights before biases
 * @param states the states a step carries to the next, each with what it is: the hidden state {@code a} and,
 *        for a cell with a memory, the cell state {@code c}
 * @param gates what a forward step reports besides its states, each (n_a, m) with what it computes, in the order of
 *        the stacked rows that hold them after the step ({@link Cell}); empty for a cell without gates
 * @param outputWeights the name of the output layer's weights, (n_y, n_a); its bias is always {@code by}
 * @param backward the backward step's equations, for a reader of the documentation
 * @param factory builds a cell over parameters stacked in this family's layout
 */
public record CellType(String name, String title, String noun, String summary, List<ParameterShape> parameters,
        List<Named> states, List<Named> gates, String outputWeights, String backward, Function<Parameters, Cell> factory) {

    /** The name of the output layer's bias, (n_y, 1). */
    public static final String OUTPUT_BIAS = "by";

    /**
     * A state or a gate: its name, what it is, and what a step computes it as.
     *
     * @param name {@code a}, {@code c}, {@code ft}, ...
     * @param description what it is, for a reader of the documentation: "Forget gate", "Cell state"
     * @param formula what a step computes it as: "σ(Wf·concat + bf)"
     */
    public record Named(String name, String description, String formula) {
    }

    public CellType {
        parameters = List.copyOf(parameters);
        states = List.copyOf(states);
        gates = List.copyOf(gates);
    }

    /** Whether the cell carries a cell state c beside the hidden state a. */
    public boolean hasMemory() {
        return this.states.size() > 1;
    }

    /** The declared parameter of this name. */
    public ParameterShape parameter(String name) {
        return this.parameters.stream().filter(p -> p.name().equals(name)).findFirst()
            .orElseThrow(() -> new IllegalArgumentException(this.title + " has no parameter " + name));
    }

    /** A cell over these parameters, stacked in this family's layout; not copied. */
    public Cell cell(Parameters parameters) {
        if (parameters.type() != this) {
            throw new IllegalArgumentException("parameters of " + parameters.type().noun() + " cannot build " + this.noun);
        }
        return this.factory.apply(parameters);
    }

    /**
     * A cell with these parameters by name (other entries, such as an output layer's, are left alone), copied once
     * into the stack its steps read; their shapes are checked against the declaration.
     */
    public Cell create(Map<String, ? extends RealMatrix> parameters) {
        return cell(Parameters.of(this, parameters));
    }
}
