package com.rnnservice.math;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * One recurrent cell with given parameters: a single time step forward, and the same step backward, which
 * {@link Sequence} runs over time. A cell computes on views of buffers the driver owns, one (rows, m) view per step
 * of each, so that every step of a pass lies side by side and the driver's sums over time read them in place:
 *
 * <ul>
 * <li>{@code z}, (G, m): on entry to the forward step the input projection W[:, n_a:]·xt (the driver computes it
 * for every step in one multiply); the cell adds its recurrent part and leaves what its backward step needs, its
 * gates in the order the declaration lists them, each n_a rows ({@link CellType#gates()});</li>
 * <li>the states a (and c), and the cell's own extra buffers ({@link #forwardTapes()}, {@link #backwardTapes()});</li>
 * <li>{@code dz}, (G, m): the backward step writes ∂L/∂z, the gradient of the rows of z the input projection
 * entered. From it the driver forms, over every step at once, dx = W[:, n_a:]ᵀ·dz, the input columns' gradient
 * dz·xᵀ and the row biases' gradient, the row sums of dz, whatever the cell.</li>
 * </ul>
 *
 * What differs between cells is how the hidden state enters: the gradients of W's hidden columns and of any other
 * bias are the cell's {@link #sums()}, named by the parameters they belong to, which the driver forms after the time
 * loop, each in one multiply over every step.
 *
 * <p>A subclass is the two steps: what it needs besides, its parameters, its sums and its tapes, it hands to the
 * constructor. Implementations read their {@link Parameters} at every step and keep no other state: thread-safe as
 * long as the parameters are not changed during a pass.
 */
public abstract class Cell {

    /** The parameters the steps read, stacked; not copied. */
    protected final Parameters parameters;

    private final List<Sum> sums;

    private final List<Integer> forwardTapes;

    private final List<Integer> backwardTapes;

    /**
     * @param parameters the parameters the steps read, stacked in the family's layout; not copied
     * @param sums the gradients the driver sums after the time loop, beyond the input projection's
     * @param forwardTapes the rows of each extra buffer the forward step writes for the backward step
     * @param backwardTapes the rows of each extra buffer the backward step writes for the sums
     */
    protected Cell(Parameters parameters, List<Sum> sums, List<Integer> forwardTapes, List<Integer> backwardTapes) {
        this.parameters = parameters;
        this.sums = List.copyOf(sums);
        this.forwardTapes = List.copyOf(forwardTapes);
        this.backwardTapes = List.copyOf(backwardTapes);
    }

    /** The parameters the steps read, stacked. */
    public final Parameters parameters() {
        return this.parameters;
    }

    /** The family. */
    public final CellType type() {
        return this.parameters.type();
    }

    /** n_a, the rows of the hidden state. */
    public final int hidden() {
        return this.parameters.hidden();
    }

    /** n_x, the rows of the input. */
    public final int input() {
        return this.parameters.input();
    }

    /** The rows of each extra buffer the forward step writes for the backward step, beyond z and the states. */
    public final List<Integer> forwardTapes() {
        return this.forwardTapes;
    }

    /** The rows of each extra buffer the backward step writes for the sums, beyond dz. */
    public final List<Integer> backwardTapes() {
        return this.backwardTapes;
    }

    /**
     * One forward step. Entry: {@code z} holds the input projection; exit: the states are written and {@code z}
     * holds the gates (and whatever else the backward step reads).
     */
    public abstract void forward(Kernel kernel, Forward step);

    /**
     * One backward step, against the forward step that wrote {@code step}'s buffers. It writes {@code dz} and its
     * backward tapes, adds ∂L/∂a_prev to {@code daPrev} (which holds the upstream gradient of the previous step's
     * state already), and writes ∂L/∂c_prev into {@code dcPrev}.
     */
    public abstract void backward(Kernel kernel, Backward step);

    /** The gradients the backward pass sums over every step after the time loop, beyond the input projection's. */
    public final List<Sum> sums() {
        return this.sums;
    }

    /**
     * What one forward step reads and writes, each a view of a buffer at this step's columns.
     *
     * @param z (G, m): in, the input projection; out, the gates
     * @param aPrev (n_a, m): the hidden state before the step; not modified
     * @param cPrev (n_a, m): the cell state before the step, for a cell with memory; not modified
     * @param a (n_a, m): out, the hidden state after the step
     * @param c (n_a, m): out, the cell state after the step, for a cell with memory
     * @param tapes out, the cell's extra buffers, as {@link #forwardTapes()} sizes them
     */
    public record Forward(Matrix z, Matrix aPrev, @Nullable Matrix cPrev, Matrix a, @Nullable Matrix c, List<Matrix> tapes) {
    }

    /**
     * What one backward step reads and writes, each a view of a buffer at this step's columns.
     *
     * @param forward what the forward step read and wrote; not modified
     * @param da (n_a, m): ∂L/∂a after the step, everything that reaches it; not modified
     * @param dc (n_a, m): ∂L/∂c after the step, for a cell with memory; not modified
     * @param dz (G, m): out, ∂L/∂z
     * @param tapes out, the cell's extra backward buffers, as {@link #backwardTapes()} sizes them
     * @param daPrev (n_a, m): in, the upstream gradient of the previous state; out, plus ∂L/∂a_prev through this step
     * @param dcPrev (n_a, m): out, ∂L/∂c_prev, for a cell with memory
     */
    public record Backward(Forward forward, Matrix da, @Nullable Matrix dc, Matrix dz, List<Matrix> tapes, Matrix daPrev,
            @Nullable Matrix dcPrev) {
    }

    /**
     * A gradient summed over every step after the time loop, in one multiply: the hidden columns of consecutive named
     * weights, Σ_t source_t·operand_tᵀ, or a named bias, Σ_t (source_t summed over the batch). The source is rows of
     * dz or of a backward tape; the operand is the hidden state before each step or a forward tape.
     *
     * @param parameters the weights (consecutive blocks of W, their hidden columns) or the one bias it belongs to
     * @param tape {@link #DZ}, or which backward tape
     * @param row the first row of the source in that tape
     * @param operand {@link #PREVIOUS}, which forward tape, or {@link #NONE} for a bias
     */
    public record Sum(List<String> parameters, int tape, int row, int operand) {

        /** The source is dz. */
        public static final int DZ = -1;

        /** The operand is the hidden state before each step. */
        public static final int PREVIOUS = -1;

        /** A bias: no operand. */
        public static final int NONE = -2;

        /** The hidden columns of the named weights, Σ_t tape_t[row: row + k·n_a]·operand_tᵀ. */
        public static Sum weights(List<String> names, int tape, int row, int operand) {
            return new Sum(List.copyOf(names), tape, row, operand);
        }

        /** A bias, Σ_t tape_t[row: row + n_a] summed over the batch. */
        public static Sum bias(String name, int tape, int row) {
            return new Sum(List.of(name), tape, row, NONE);
        }
    }
}
