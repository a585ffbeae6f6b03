package com.rnnservice.math;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * The time loop and backpropagation through time, written once for every {@link Cell}, on the kernel it is given.
 *
 * <p>Every buffer of a pass holds all its steps side by side ({@link Steps}), and a cell computes on views of them,
 * so that what a step shares with every other step is one multiply over all of them: the input projection
 * W[:, n_a:]·[x_0 … x_T] before the loop, and after the backward loop dx = W[:, n_a:]ᵀ·[dz_0 … dz_T], the input
 * columns' gradient [dz_0 … dz_T]·[x_0 … x_T]ᵀ, the row biases' gradient, and each of the cell's own sums.
 *
 * <p>Where the work is large enough ({@link #batchBlocks}) the batch's columns are cut into one block per core, and
 * each block runs its own time loop on its own core, forward and backward, in its columns of the same buffers: the
 * examples of a batch never meet on the way through time. The answer is the one a single pass gives up to rounding:
 * a step's multiply of fewer columns may take another of the BLAS's code paths and round differently in the last
 * bits.
 */
public final class Sequence {

    /** Multiply-adds of a forward and backward pass from which the batch is split across cores. */
    static final long SPLIT_BATCH = 4_000_000;

    private final Kernel kernel;

    /** A driver on this kernel, splitting work across its cores. */
    public Sequence(Kernel kernel) {
        this.kernel = kernel;
    }

    public Kernel kernel() {
        return this.kernel;
    }

    /**
     * Runs {@code cell} over every step of {@code x}, each step starting from the state the one before produced.
     *
     * @param x the inputs x[:, :, t], (n_x, m) each; not modified
     * @param initial the state before the first step (a0, and c0 for a cell with memory); not modified
     */
    public Run forward(Cell cell, Steps x, State initial) {
        return forward(cell, x, initial, false, null);
    }

    /**
     * Runs {@code cell} over every step of {@code x}, forward in time or, {@code reversed}, from the last step to the
     * first (a bidirectional layer's reverse direction, which starts from {@code initial} after step T_x − 1). Either
     * way the run's buffers hold step t at position t: a reversed run's outputs read in forward time.
     *
     * @param output where the hidden states go, (n_a, T_x·m), or {@code null} for a new buffer; modified
     */
    public Run forward(Cell cell, Steps x, State initial, boolean reversed, @Nullable Steps output) {
        int n = cell.hidden();
        int m = x.m();
        int count = x.count();
        Check.that(x.rows() == cell.input(),
                () -> "x has " + x.rows() + " rows; the cell's weights take n_x = " + cell.input());
        Check.shape("a0", initial.a(), n, m, "(n_a, m)");
        Check.that((initial.c() != null) == cell.type().hasMemory(), () -> cell.type().hasMemory()
                ? "the initial state of " + cell.type().noun() + " needs a cell state c0"
                : cell.type().noun() + " has no cell state; its initial state must have none");
        if (output != null) {
            Check.that(output.rows() == n && output.m() == m && output.count() == count,
                    () -> "the output buffer is " + output.all().shape() + " with m = " + output.m()
                            + "; expected (n_a, T_x·m) = (" + n + ", " + count * m + ")");
        }
        Steps z = Steps.zeros(cell.parameters().rows(), m, count);
        // every step's input projection in one multiply: W[:, n_a:]·[x_0 … x_T]
        this.kernel.multiply(cell.parameters().inputColumns(), x.all(), z.all(), false);
        List<Steps> tapes = new ArrayList<>();
        for (int rows : cell.forwardTapes()) {
            tapes.add(Steps.zeros(rows, m, count));
        }
        Run run = new Run(cell, x, initial, reversed, z, output == null ? Steps.zeros(n, m, count) : output,
                cell.type().hasMemory() ? Steps.zeros(n, m, count) : null, tapes, batchBlocks(cell, m, count));
        inBlocks(run, (from, to) -> {
            for (int k = 0; k < count; k++) {
                cell.forward(this.kernel, run.step(k, from, to));
            }
        });
        return run;
    }

    /** Backpropagation through time of L = Σ_t sum(a⟨t⟩ ⊙ da⟨t⟩), {@link #backward(Run, Steps, State)} with no final gradient. */
    public SequenceGradients backward(Run run, Steps da) {
        return backward(run, da, null);
    }

    /**
     * Backpropagation through time of L = Σ_t sum(a⟨t⟩ ⊙ da⟨t⟩) + sum(a_final ⊙ da_final) + sum(c_final ⊙ dc_final).
     * At step t the hidden-state gradient is da⟨t⟩ plus what flows back from step t + 1; a memory's gradient flows
     * back alone, from dc_final (or zero) after the last step. Parameter gradients are summed over all steps.
     *
     * @param run what {@link #forward} returned; not modified
     * @param da the upstream gradients of the hidden states, (n_a, m) at every step; not modified
     * @param dFinal the gradient of the state after the last step, or {@code null} for none; not modified
     */
    public SequenceGradients backward(Run run, Steps da, @Nullable State dFinal) {
        return loop(run, da, dFinal).sums();
    }

    /** A forward pass over {@code x} from {@code initial}, then {@link #backward(Run, Steps)} from {@code da}. */
    public SequenceGradients gradients(Cell cell, Steps x, State initial, Steps da) {
        return backward(forward(cell, x, initial), da);
    }

    /** The time loop of backpropagation: the sums over steps are left to {@link Backprop#sums}. */
    Backprop loop(Run run, Steps da, @Nullable State dFinal) {
        Cell cell = run.cell;
        int n = cell.hidden();
        int m = run.m();
        int count = run.count();
        Check.that(da.rows() == n && da.m() == m && da.count() == count, () -> "da is " + da.all().shape() + " with m = "
                + da.m() + "; expected (n_a, T_x·m) = (" + n + ", " + count * m + ") with m = " + m);
        boolean memory = cell.type().hasMemory();
        Steps dA = da.copy();
        Steps dC = memory ? Steps.zeros(n, m, count) : null;
        int last = run.position(count - 1);
        if (dFinal != null) {
            Check.shape("the final state's gradient", dFinal.a(), n, m, "(n_a, m)");
            dA.step(last).accumulate(dFinal.a());
            if (dC != null && dFinal.c() != null) {
                Check.shape("the final cell state's gradient", dFinal.c(), n, m, "(n_a, m)");
                dC.step(last).assign(dFinal.c());
            }
        }
        Steps dZ = Steps.zeros(cell.parameters().rows(), m, count);
        List<Steps> dTapes = new ArrayList<>();
        for (int rows : cell.backwardTapes()) {
            dTapes.add(Steps.zeros(rows, m, count));
        }
        State dInitial = State.zeros(n, m, memory);
        inBlocks(run, (from, to) -> {
            for (int k = count - 1; k >= 0; k--) {
                int p = run.position(k);
                int before = k == 0 ? -1 : run.position(k - 1);
                List<Matrix> tapes = new ArrayList<>(dTapes.size());
                for (Steps tape : dTapes) {
                    tapes.add(slice(tape, p, from, to));
                }
                cell.backward(this.kernel, new Cell.Backward(run.step(k, from, to), slice(dA, p, from, to),
                        dC == null ? null : slice(dC, p, from, to), slice(dZ, p, from, to), tapes,
                        before < 0 ? dInitial.a().columns(from, to) : slice(dA, before, from, to),
                        dC == null ? null : before < 0 ? dInitial.c().columns(from, to) : slice(dC, before, from, to)));
            }
        });
        return new Backprop(run, dA, dC, dZ, dTapes, dInitial);
    }

    /** Runs {@code body} over the run's blocks of columns, each block on a core of its own when there are several. */
    private void inBlocks(Run run, Parallel.Rows body) {
        int m = run.m();
        int blocks = run.blocks;
        this.kernel.parallel().rows(blocks, blocks > 1, (first, end) -> {
            for (int b = first; b < end; b++) {
                body.run(m * b / blocks, m * (b + 1) / blocks);
            }
        });
    }

    /** Columns [from, to) of the step at position p. */
    private static Matrix slice(Steps steps, int p, int from, int to) {
        return steps.all().view(0, steps.rows(), p * steps.m() + from, to - from);
    }

    /**
     * How many blocks of columns a batch of m examples runs in: one per core where the whole pass is worth splitting
     * (a few ms of work) and a step's own multiply is too small to be split across the cores by the kernel (below
     * {@link Kernel#PARALLEL}), so that the cores are not asked for twice; else one.
     */
    int batchBlocks(Cell cell, int m, int count) {
        return m >= 2 && worthACore(cell, m, count) ? Math.min(this.kernel.parallel().cores(), m) : 1;
    }

    /**
     * Whether a pass of this cell over (m, T_x) is worth a core of its own: a few ms of work in all
     * ({@link #SPLIT_BATCH}), in steps whose multiplies the kernel does not split across the cores itself.
     */
    boolean worthACore(Cell cell, int m, int count) {
        long rows = cell.parameters().rows();
        long perStep = m * rows * cell.hidden();
        // the recurrent and input multiplies of every step, forward and twice backward
        long work = 3L * count * m * rows * (cell.hidden() + cell.input());
        return perStep < Kernel.PARALLEL && this.kernel.parallel().worthSplitting(work, SPLIT_BATCH);
    }

    /** A forward pass: every step's buffers, kept for the backward pass. */
    public final class Run {

        private final Cell cell;

        private final Steps x;

        private final State initial;

        private final boolean reversed;

        private final Steps z;

        private final Steps a;

        private final @Nullable Steps c;

        private final List<Steps> tapes;

        private final int blocks;

        private Run(Cell cell, Steps x, State initial, boolean reversed, Steps z, Steps a, @Nullable Steps c,
                List<Steps> tapes, int blocks) {
            this.cell = cell;
            this.x = x;
            this.initial = initial;
            this.reversed = reversed;
            this.z = z;
            this.a = a;
            this.c = c;
            this.tapes = tapes;
            this.blocks = blocks;
        }

        public Cell cell() {
            return this.cell;
        }

        /** The hidden state after every step, in forward time: step t's at t. */
        public Steps outputs() {
            return this.a;
        }

        /** The cell state after every step, for a cell with memory. */
        public @Nullable Steps memory() {
            return this.c;
        }

        /** The state after the run's last step (step T_x − 1, or step 0 for a reversed run). */
        public State last() {
            int p = position(count() - 1);
            return new State(this.a.step(p), this.c == null ? null : this.c.step(p));
        }

        /** Every gate at every step by its declared name, (n_a, T_x·m) each: views of the rows the cell left them in. */
        public Map<String, Steps> gates() {
            Map<String, Steps> gates = new LinkedHashMap<>();
            int n = this.cell.hidden();
            List<CellType.Named> declared = this.cell.type().gates();
            for (int k = 0; k < declared.size(); k++) {
                gates.put(declared.get(k).name(), this.z.rows(k * n, (k + 1) * n));
            }
            return gates;
        }

        /** How many blocks of the batch's columns ran, each on a core of its own. */
        public int blocks() {
            return this.blocks;
        }

        int m() {
            return this.x.m();
        }

        int count() {
            return this.x.count();
        }

        /** Where the run's k-th step lies: at k, or at T_x − 1 − k for a reversed run. */
        int position(int k) {
            return this.reversed ? count() - 1 - k : k;
        }

        /** The views of the run's k-th step, columns [from, to). */
        Cell.Forward step(int k, int from, int to) {
            int p = position(k);
            Matrix aPrev;
            Matrix cPrev;
            if (k == 0) {
                aPrev = this.initial.a().columns(from, to);
                cPrev = this.initial.c() == null ? null : this.initial.c().columns(from, to);
            }
            else {
                int before = position(k - 1);
                aPrev = slice(this.a, before, from, to);
                cPrev = this.c == null ? null : slice(this.c, before, from, to);
            }
            List<Matrix> views = new ArrayList<>(this.tapes.size());
            for (Steps tape : this.tapes) {
                views.add(slice(tape, p, from, to));
            }
            return new Cell.Forward(slice(this.z, p, from, to), aPrev, cPrev, slice(this.a, p, from, to),
                    this.c == null ? null : slice(this.c, p, from, to), views);
        }
    }

    /** A backward time loop done: what the sums over every step read. */
    final class Backprop {

        private final Run run;

        private final Steps dA;

        private final @Nullable Steps dC;

        private final Steps dZ;

        private final List<Steps> dTapes;

        private final State dInitial;

        Backprop(Run run, Steps dA, @Nullable Steps dC, Steps dZ, List<Steps> dTapes, State dInitial) {
            this.run = run;
            this.dA = dA;
            this.dC = dC;
            this.dZ = dZ;
            this.dTapes = dTapes;
            this.dInitial = dInitial;
        }

        /**
         * The sums over every step, each one multiply: the input projection's gradients (dx, the input columns',
         * the row biases') and the cell's own.
         */
        SequenceGradients sums() {
            Cell cell = this.run.cell;
            Parameters parameters = cell.parameters();
            Parameters gradients = parameters.zerosLike();
            Kernel k = Sequence.this.kernel;
            Matrix dz = this.dZ.all();
            k.multiplyTranspose(dz, this.run.x.all(), gradients.inputColumns(), true);
            gradients.rowBiases().addRowSums(dz);
            int n = cell.hidden();
            for (Cell.Sum sum : cell.sums()) {
                Steps source = sum.tape() == Cell.Sum.DZ ? this.dZ : this.dTapes.get(sum.tape());
                int rows = sum.operand() == Cell.Sum.NONE ? n : sum.parameters().size() * n;
                Matrix from = source.all().rows(sum.row(), sum.row() + rows);
                if (sum.operand() == Cell.Sum.NONE) {
                    gradients.get(sum.parameters().get(0)).addRowSums(from);
                }
                else if (sum.operand() == Cell.Sum.PREVIOUS) {
                    previous(from, gradients.hiddenRows(sum.parameters()));
                }
                else {
                    k.multiplyTranspose(from, this.run.tapes.get(sum.operand()).all(), gradients.hiddenRows(sum.parameters()),
                            true);
                }
            }
            Steps dx = Steps.zeros(cell.input(), this.run.m(), this.run.count());
            k.transposeMultiply(parameters.inputColumns(), dz, dx.all(), false);
            Map<String, Matrix> named = new LinkedHashMap<>();
            gradients.named().forEach((name, g) -> named.put("d" + name, g));
            return new SequenceGradients(dx, this.dInitial, named, this.dA, this.dC);
        }

        /**
         * Σ_t source_t·a_prev_tᵀ into {@code target}: the run's first step against the initial state, the others
         * against the hidden states one position before (after, for a reversed run), in two multiplies.
         */
        private void previous(Matrix source, Matrix target) {
            Kernel k = Sequence.this.kernel;
            int m = this.run.m();
            int count = this.run.count();
            int first = this.run.position(0);
            k.multiplyTranspose(source.columns(first * m, (first + 1) * m), this.run.initial.a(), target, true);
            if (count > 1) {
                Matrix states = this.run.a.all();
                Matrix later = this.run.reversed ? source.columns(0, (count - 1) * m) : source.columns(m, count * m);
                Matrix before = this.run.reversed ? states.columns(m, count * m) : states.columns(0, (count - 1) * m);
                k.multiplyTranspose(later, before, target, true);
            }
        }
    }
}
