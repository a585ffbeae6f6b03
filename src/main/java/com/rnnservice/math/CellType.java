package com.rnnservice.math;

import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.apache.commons.math3.linear.RealMatrix;

/**
 * What a caller needs to know to build and feed a kind of cell: its parameters and their shapes,
 * whether it carries a memory, and the name of its output layer's weights.
 *
 * @param name the cell's short name ({@code rnn}, {@code lstm})
 * @param gates how many n_a-row blocks its weights stack: 1 for the RNN, 4 for the LSTM, 3 for the GRU
 *        (their rows times (n_a + n_x) are a step's multiply-adds)
 * @param parameters the parameters the cell itself uses, in the seed's order
 * @param hasMemory whether the cell carries a cell state c beside the hidden state a
 * @param outputWeights the name of the output layer's weights, (n_y, n_a); its bias is always {@code by}
 * @param factory builds a cell from its parameters by name
 */
public record CellType(String name, int gates, List<ParameterShape> parameters, boolean hasMemory, String outputWeights,
        Function<Map<String, RealMatrix>, Cell<?>> factory) {

    /** The name of the output layer's bias, (n_y, 1). */
    public static final String OUTPUT_BIAS = "by";

    /** A cell with these parameters, given by name as {@link #parameters()} lists them. */
    public Cell<?> create(Map<String, RealMatrix> parameters) {
        return this.factory.apply(parameters);
    }
}
