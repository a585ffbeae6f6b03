package com.rnnservice.math;

import java.util.ArrayList;
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
        StepGradients[] gradients = new StepGradients[timeSteps];
        State dNext = steps.get(timeSteps - 1).next().zerosLike();
        for (int t = timeSteps - 1; t >= 0; t--) {
            gradients[t] = cell.backward(steps.get(t), dNext.plusHidden(da.get(t)));
            dNext = gradients[t].dPrev();
        }
        // every step's dz side by side, [dz_0 … dz_T], so that each sum over time is one multiply:
        // Σ_t dz_t·input_tᵀ = [dz_0 … dz_T]·[input_0 … input_T]ᵀ, Σ_t rowSums(dz_t) = rowSums([dz_0 … dz_T])
        List<RealMatrix> dzs = new ArrayList<>(timeSteps);
        List<RealMatrix> inputs = new ArrayList<>(timeSteps);
        for (StepGradients g : gradients) {
            dzs.add(g.dz());
            inputs.add(g.xt());
        }
        RealMatrix dz = Matrices.stackColumns(dzs);
        List<StepGradients.HiddenFactor> blocks = gradients[0].hidden();
        RealMatrix[] dHidden = new RealMatrix[blocks.size()];
        for (int k = 0; k < dHidden.length; k++) {
            List<RealMatrix> factors = new ArrayList<>(timeSteps);
            for (StepGradients g : gradients) {
                factors.add(g.hidden().get(k).input());
            }
            StepGradients.HiddenFactor block = blocks.get(k);
            dHidden[k] = Matrices.multiplyTranspose(Matrices.rowsView(dz, block.from(), block.to()),
                    Matrices.stackColumns(factors));
        }
        Map<String, RealMatrix> parameters = cell.parameterGradients(Matrices.stackRows(dHidden),
                Matrices.multiplyTranspose(dz, Matrices.stackColumns(inputs)), Matrices.rowSums(dz));
        // every step's dx in one multiply: inputWeightsᵀ·[dz_0 … dz_T]
        List<RealMatrix> dx = Matrices.splitColumns(Matrices.transposeMultiply(cell.inputWeights(), dz),
                dzs.get(0).getColumnDimension());
        return new SequenceGradients(dx, dNext, parameters);
    }
}
