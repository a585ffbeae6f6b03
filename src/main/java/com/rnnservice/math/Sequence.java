package com.rnnservice.math;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.apache.commons.math3.linear.RealMatrix;

/**
 * The time loop and backpropagation through time, written once for every {@link Cell}.
 */
public final class Sequence {

    private Sequence() {
    }

    /**
     * Runs {@code cell} over every step of {@code x}, each step starting from the state the one before
     * produced.
     *
     * @param x the inputs x[:, :, t] for t = 0 … T_x − 1, each (n_x, m); at least one; not modified
     * @param initial the state before the first step (a0, and c0 for a cell with memory); not modified
     * @return the steps in time order
     */
    public static <S extends Cell.Step> List<S> forward(Cell<S> cell, List<RealMatrix> x, State initial) {
        List<S> steps = new ArrayList<>(x.size());
        // every step's input projection in one multiply: inputWeights·[x_0 … x_T]
        List<RealMatrix> projections = Kernel.current()
            .multiply(cell.inputWeights(), Flat.sideBySide(x))
            .splitColumns(x.get(0).getColumnDimension());
        State state = initial;
        for (int t = 0; t < x.size(); t++) {
            RealMatrix xt = x.get(t);
            S step = cell.forward(xt, projections.get(t), state);
            steps.add(step);
            state = step.next();
        }
        return steps;
    }

    /**
     * Backpropagation through time of L = Σ_t sum(a_t ⊙ da_t), for steps a forward pass of the same
     * cell produced. At step t the hidden-state gradient is da_t plus what flows back from step t + 1;
     * a memory's gradient flows back alone, starting from zero after the last step. Parameter gradients
     * are summed over all steps.
     *
     * @param steps what {@link #forward} returned; not modified
     * @param da the upstream gradients da[:, :, t] of the hidden states, one per step, each (n_a, m); not modified
     */
    public static <S extends Cell.Step> SequenceGradients backward(Cell<S> cell, List<S> steps, List<RealMatrix> da) {
        return sums(cell, List.of(timeLoop(cell, steps, da)), da.get(0).getColumnDimension());
    }

    /**
     * A forward pass over {@code x} from {@code initial}, then {@link #backward} from {@code da}: every
     * gradient of L = Σ_t sum(a_t ⊙ da_t). Takes any cell, whatever its step type. The batch is split
     * across cores as {@link #pass} says.
     */
    public static SequenceGradients gradients(Cell<?> cell, List<RealMatrix> x, State initial, List<RealMatrix> da) {
        return backward(pass(cell, x, initial), da);
    }

    /**
     * A forward pass kept for {@link #backward(Pass, List)}.
     *
     * The examples of a batch never meet on the way through time: only the parameter gradients sum over
     * them, and those are formed after the loop. So where the work is large enough ({@link #batchBlocks})
     * the batch's columns are cut into one block per core, and each block runs its own forward pass, and
     * later its own time loop, on its own core; the sums over steps then read every block's columns in the
     * batch's own order. The answer is the one a single pass over the whole batch gives up to rounding: a
     * step's multiply of fewer columns may take another of the BLAS's code paths and round differently in
     * the last bits (a few units in the last place, CellContractTest).
     *
     * @param x the inputs x[:, :, t] for t = 0 … T_x − 1, each (n_x, m); at least one; not modified
     * @param initial the state before the first step; not modified
     */
    public static <S extends Cell.Step> Pass<S> pass(Cell<S> cell, List<RealMatrix> x, State initial) {
        int m = initial.a().getColumnDimension();
        int count = batchBlocks(cell, initial.a().getRowDimension(), m, x.size());
        if (count == 1) {
            return new Pass<>(cell, List.of(forward(cell, x, initial)), m);
        }
        List<List<S>> blocks = new ArrayList<>(Collections.nCopies(count, null));
        Parallel.rows(count, true, (first, last) -> {
            for (int b = first; b < last; b++) {
                int from = Pass.from(m, count, b);
                int to = Pass.from(m, count, b + 1);
                blocks.set(b, forward(cell, columns(x, from, to), columns(initial, from, to)));
            }
        });
        return new Pass<>(cell, blocks, m);
    }

    /** {@link #backward(Cell, List, List)} after a {@link #pass}: each block's time loop on its own core. */
    public static <S extends Cell.Step> SequenceGradients backward(Pass<S> pass, List<RealMatrix> da) {
        int count = pass.blocks.size();
        if (count == 1) {
            return backward(pass.cell, pass.blocks.get(0), da);
        }
        Loop[] loops = new Loop[count];
        Parallel.rows(count, true, (first, last) -> {
            for (int b = first; b < last; b++) {
                loops[b] = timeLoop(pass.cell, pass.blocks.get(b),
                        columns(da, Pass.from(pass.m, count, b), Pass.from(pass.m, count, b + 1)));
            }
        });
        return sums(pass.cell, List.of(loops), pass.m);
    }

    /** A forward pass over a batch: the steps of each block of its columns (one block, or one per core). */
    public static final class Pass<S extends Cell.Step> {

        private final Cell<S> cell;

        private final List<List<S>> blocks;

        private final int m;

        private Pass(Cell<S> cell, List<List<S>> blocks, int m) {
            this.cell = cell;
            this.blocks = blocks;
            this.m = m;
        }

        /** The first column of block b of {@code count} over m columns. */
        static int from(int m, int count, int b) {
            return m * b / count;
        }

        /** How many blocks of columns the pass ran in. */
        public int blocks() {
            return this.blocks.size();
        }

        /** The hidden state after every step, each (n_a, m): the blocks' columns side by side. */
        public List<RealMatrix> outputs() {
            return perStep(step -> step.next().a(), Matrices::stackColumns);
        }

        /** The state after every step (a, and c for a cell with memory), the blocks' columns side by side. */
        public List<State> states() {
            return perStep(Cell.Step::next, Sequence::joined);
        }

        /** Every step's gate activations by name, each (n_a, m), the blocks' columns side by side. */
        public List<Map<String, RealMatrix>> gates() {
            return perStep(Cell.Step::gates, blocks -> {
                Map<String, RealMatrix> joined = new LinkedHashMap<>();
                blocks.get(0).keySet().forEach(name ->
                        joined.put(name, Matrices.stackColumns(blocks.stream().map(gates -> gates.get(name)).toList())));
                return joined;
            });
        }

        /** What {@code of} reads from each step, the blocks' parts put together by {@code join}. */
        private <T> List<T> perStep(Function<S, T> of, Function<List<T>, T> join) {
            int timeSteps = this.blocks.get(0).size();
            List<T> out = new ArrayList<>(timeSteps);
            for (int t = 0; t < timeSteps; t++) {
                int step = t;
                List<T> parts = this.blocks.stream().map(block -> of.apply(block.get(step))).toList();
                out.add(parts.size() == 1 ? parts.get(0) : join.apply(parts));
            }
            return out;
        }
    }

    /** Multiply-adds of a forward and backward pass from which the batch is split across cores. */
    static final long SPLIT_BATCH = 4_000_000;

    /**
     * How many blocks of columns a batch of m examples runs in: one per core where the whole pass is worth
     * splitting (a few ms of work) and a step's own multiply is too small to be split across the cores by
     * the kernel (below {@link Kernel#PARALLEL}), so that the cores are not asked for twice; else one.
     */
    static int batchBlocks(Cell<?> cell, int hidden, int m, int timeSteps) {
        return m >= 2 && worthACore(cell, hidden, m, timeSteps) ? Math.min(Parallel.CORES, m) : 1;
    }

    /**
     * Whether a pass of this cell over (hidden, m, timeSteps) is worth a core of its own: a few ms of work in
     * all ({@link #SPLIT_BATCH}), in steps whose multiplies the kernel does not split across the cores itself
     * (below {@link Kernel#PARALLEL}).
     */
    static boolean worthACore(Cell<?> cell, int hidden, int m, int timeSteps) {
        RealMatrix input = cell.inputWeights();
        long perStep = (long) m * input.getRowDimension() * hidden;
        // the recurrent and input multiplies of every step, forward and twice backward
        long work = 3L * timeSteps * m * input.getRowDimension() * (hidden + input.getColumnDimension());
        return perStep < Kernel.PARALLEL && Parallel.worthSplitting(work, SPLIT_BATCH);
    }

    /** What the time loop of backpropagation leaves for one block of the batch's columns. */
    private record Loop(StepGradients[] steps, State dInitial) {
    }

    /**
     * The time loop: at step t the hidden-state gradient is da_t plus what flows back from step t + 1;
     * a memory's gradient flows back alone, starting from zero after the last step.
     */
    private static <S extends Cell.Step> Loop timeLoop(Cell<S> cell, List<S> steps, List<RealMatrix> da) {
        int timeSteps = steps.size();
        if (timeSteps == 0 || da.size() != timeSteps) {
            throw new IllegalArgumentException(
                    "need one upstream gradient per step and at least one step; got " + da.size() + " for " + timeSteps);
        }
        StepGradients[] gradients = new StepGradients[timeSteps];
        State dNext = steps.get(timeSteps - 1).next().zerosLike();
        for (int t = timeSteps - 1; t >= 0; t--) {
            gradients[t] = cell.backward(steps.get(t), dNext.plusHidden(da.get(t)));
            dNext = gradients[t].dPrev();
        }
        return new Loop(gradients, dNext);
    }

    /**
     * The sums over steps and examples after the time loop, each one multiply: every step's dz side by side,
     * [dz_0 … dz_T] (step t's columns being those of its blocks in the batch's order), so that
     * Σ_t dz_t·input_tᵀ = [dz_0 … dz_T]·[input_0 … input_T]ᵀ and Σ_t rowSums(dz_t) = rowSums([dz_0 … dz_T]);
     * every step's dx is inputWeightsᵀ·[dz_0 … dz_T], cut back into steps of m columns.
     */
    private static SequenceGradients sums(Cell<?> cell, List<Loop> loops, int m) {
        int timeSteps = loops.get(0).steps().length;
        List<StepGradients.HiddenFactor> blocks = loops.get(0).steps()[0].hidden();
        List<RealMatrix> dzs = new ArrayList<>();
        List<RealMatrix> inputs = new ArrayList<>();
        List<List<RealMatrix>> factors = new ArrayList<>();
        for (int k = 0; k < blocks.size(); k++) {
            factors.add(new ArrayList<>());
        }
        for (int t = 0; t < timeSteps; t++) {
            for (Loop loop : loops) {
                StepGradients g = loop.steps()[t];
                dzs.add(g.dz());
                inputs.add(g.xt());
                for (int k = 0; k < blocks.size(); k++) {
                    factors.get(k).add(g.hidden().get(k).input());
                }
            }
        }
        // each operand laid out once, as the multiplies read it
        Kernel kernel = Kernel.current();
        Flat dz = Flat.sideBySide(dzs);
        RealMatrix[] dHidden = new RealMatrix[blocks.size()];
        for (int k = 0; k < dHidden.length; k++) {
            StepGradients.HiddenFactor block = blocks.get(k);
            dHidden[k] = kernel.multiplyTranspose(dz, block.from(), block.to(), Flat.sideBySide(factors.get(k)));
        }
        Map<String, RealMatrix> parameters = cell.parameterGradients(Matrices.stackRows(dHidden),
                kernel.multiplyTranspose(dz, 0, dz.rows(), Flat.sideBySide(inputs)), dz.rowSums());
        List<RealMatrix> dx = kernel.transposeMultiply(cell.inputWeights(), dz).splitColumns(m);
        return new SequenceGradients(dx, joined(loops.stream().map(Loop::dInitial).toList()), parameters);
    }

    /** Columns [from, to) of every matrix. */
    private static List<RealMatrix> columns(List<RealMatrix> matrices, int from, int to) {
        return matrices.stream().map(a -> Matrices.columns(a, from, to)).toList();
    }

    /** Columns [from, to) of a state. */
    private static State columns(State state, int from, int to) {
        RealMatrix c = state.c();
        return new State(Matrices.columns(state.a(), from, to), c == null ? null : Matrices.columns(c, from, to));
    }

    /** The states of consecutive blocks of columns as one. */
    private static State joined(List<State> states) {
        if (states.size() == 1) {
            return states.get(0);
        }
        RealMatrix a = Matrices.stackColumns(states.stream().map(State::a).toList());
        return new State(a, states.get(0).c() == null ? null : Matrices.stackColumns(states.stream().map(State::c).toList()));
    }
}
