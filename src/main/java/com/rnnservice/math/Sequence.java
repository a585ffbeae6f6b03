package com.rnnservice.math;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
        List<RealMatrix> projections = Matrices.splitColumns(
                Matrices.multiply(cell.inputWeights(), Matrices.stackColumns(x)), x.get(0).getColumnDimension());
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
        return backwardFrom(cell, steps, da);
    }

    /**
     * A forward pass over {@code x} from {@code initial}, then {@link #backward} from {@code da}: every
     * gradient of L = Σ_t sum(a_t ⊙ da_t). Takes any cell, whatever its step type.
     */
    public static SequenceGradients gradients(Cell<?> cell, List<RealMatrix> x, State initial, List<RealMatrix> da) {
        return forwardBackward(cell, x, initial, da);
    }

    private static <S extends Cell.Step> SequenceGradients forwardBackward(Cell<S> cell, List<RealMatrix> x,
            State initial, List<RealMatrix> da) {
        return backwardFrom(cell, forward(cell, x, initial), da);
    }

    private static <S extends Cell.Step> SequenceGradients backwardFrom(Cell<S> cell, List<S> steps,
            List<RealMatrix> da) {
        int timeSteps = steps.size();
        if (timeSteps == 0 || da.size() != timeSteps) {
            throw new IllegalArgumentException(
                    "need one upstream gradient per step and at least one step; got " + da.size() + " for " + timeSteps);
        }
        List<RealMatrix> dzInputs = new ArrayList<>(java.util.Collections.nCopies(timeSteps, (RealMatrix) null));
        Map<String, RealMatrix> parameters = new LinkedHashMap<>();
        Map<String, List<RealMatrix>> lefts = new LinkedHashMap<>();
        Map<String, List<RealMatrix>> rights = new LinkedHashMap<>();
        State dNext = steps.get(timeSteps - 1).next().zerosLike();
        for (int t = timeSteps - 1; t >= 0; t--) {
            StepGradients step = cell.backward(steps.get(t), dNext.plusHidden(da.get(t)));
            dzInputs.set(t, step.dzInput());
            step.direct().forEach((name, gradient) -> parameters.merge(name, gradient, Sequence::addInto));
            step.outer().forEach((name, factors) -> {
                lefts.computeIfAbsent(name, k -> new ArrayList<>()).add(factors.left());
                rights.computeIfAbsent(name, k -> new ArrayList<>()).add(factors.right());
            });
            dNext = step.dPrev();
        }
        // Σ_t dz_t·input_tᵀ as one multiply of every step's factors side by side: [dz_0 … dz_T]·[in_0 … in_T]ᵀ
        lefts.forEach((name, left) -> parameters.put(name,
                Matrices.multiplyTranspose(Matrices.stackColumns(left), Matrices.stackColumns(rights.get(name)))));
        // every step's dx in one multiply: inputWeightsᵀ·[dz_0 … dz_T]
        List<RealMatrix> dx = Matrices.splitColumns(
                Matrices.transposeMultiply(cell.inputWeights(), Matrices.stackColumns(dzInputs)),
                dzInputs.get(0).getColumnDimension());
        return new SequenceGradients(dx, dNext, parameters);
    }

    /**
     * sum + g, written into {@code sum}: the accumulated gradient of a parameter is a matrix this driver
     * owns (the first step's own result), so that summing T steps allocates nothing more.
     */
    private static RealMatrix addInto(RealMatrix sum, RealMatrix g) {
        double[][] into = Matrices.data(sum);
        double[][] add = Matrices.data(g);
        if (!(sum instanceof org.apache.commons.math3.linear.Array2DRowRealMatrix)) {
            return sum.add(g);
        }
        for (int i = 0; i < into.length; i++) {
            double[] row = into[i];
            double[] other = add[i];
            for (int j = 0; j < row.length; j++) {
                row[j] += other[j];
            }
        }
        return sum;
    }
}
