package com.rnnservice.math;

import java.util.ArrayList;
import java.util.List;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.RealMatrix;

/**
 * Softmax cross-entropy of a cell's predictions over a sequence, and its gradients with respect to
 * everything: the inputs, the initial state, the cell's parameters and the output layer.
 *
 * <pre>
 * p⟨t⟩  = softmax(Wy·a⟨t⟩ + by)                       (over each column)
 * L     = (1/m) Σ_t Σ_j w[j, t] · (− Σ_i y[i, j, t] · log p[i, j, t])
 * dz⟨t⟩ = (p⟨t⟩ − y⟨t⟩) ⊙ w[:, t] / m                (each target column sums to one)
 * dWy   = Σ_t dz⟨t⟩·a⟨t⟩ᵀ,   dby = Σ_t Σ_columns dz⟨t⟩,   da⟨t⟩ = Wyᵀ·dz⟨t⟩  → backpropagation through time
 * </pre>
 *
 * The weights w are a 0/1 mask that leaves steps out (variable-length sequences); the divisor stays m.
 */
public final class SequenceLoss {

    private SequenceLoss() {
    }

    /**
     * The loss and every gradient.
     *
     * @param dWy ∂L/∂Wy, (n_y, n_a)
     * @param dby ∂L/∂by, (n_y, 1)
     */
    public record Result(double loss, SequenceGradients sequence, RealMatrix dWy, RealMatrix dby) {
    }

    /**
     * The loss of the predictions made from given hidden states, and its gradients with respect to the
     * output layer and to those hidden states.
     *
     * @param da ∂L/∂a⟨t⟩ = Wyᵀ·dz⟨t⟩ for every step, each (n_a, m): the upstream gradients of a backward pass
     */
    public record Scores(double loss, List<RealMatrix> da, RealMatrix dWy, RealMatrix dby) {
    }

    /**
     * @param x the inputs of every step, each (n_x, m); not modified
     * @param initial the initial state; not modified
     * @param targets the target distribution of every step, each (n_y, m), every column summing to one
     *        (one-hot for class labels); not modified
     * @param weights the weight of every step and example, weights[t][j] (1 to count, 0 to leave out); not modified
     */
    public static <S extends Cell.Step> Result evaluate(Cell<S> cell, OutputLayer output, List<RealMatrix> x,
            State initial, List<RealMatrix> targets, double[][] weights) {
        Sequence.Pass<S> pass = Sequence.pass(cell, x, initial);
        Scores scores = score(output, pass.outputs(), targets, weights);
        return new Result(scores.loss(), Sequence.backward(pass, scores.da()), scores.dWy(), scores.dby());
    }

    /**
     * The loss of the output layer's predictions from the hidden states {@code a}, and its gradients.
     *
     * @param a the hidden state of every step, each (n_a, m); not modified
     * @param targets as {@link #evaluate}
     * @param weights as {@link #evaluate}
     */
    public static Scores score(OutputLayer output, List<RealMatrix> a, List<RealMatrix> targets, double[][] weights) {
        int m = a.get(0).getColumnDimension();
        int nY = output.wy().getRowDimension();
        List<RealMatrix> dzs = new ArrayList<>(a.size());
        double loss = 0;
        for (int t = 0; t < a.size(); t++) {
            double[][] z = Matrices.data(output.logits(a.get(t)));
            double[][] y = Matrices.data(targets.get(t));
            double[][] dz = Matrices.zeroRows(nY, m);
            for (int j = 0; j < m; j++) {
                double w = weights[t][j];
                double max = Double.NEGATIVE_INFINITY;
                for (int i = 0; i < nY; i++) {
                    max = Math.max(max, z[i][j]);
                }
                double sum = 0;
                for (int i = 0; i < nY; i++) {
                    sum += Math.exp(z[i][j] - max);
                }
                double logSum = max + Math.log(sum);
                for (int i = 0; i < nY; i++) {
                    double logP = z[i][j] - logSum;
                    if (w != 0 && y[i][j] != 0) {
                        loss -= w * y[i][j] * logP;
                    }
                    dz[i][j] = (Math.exp(logP) - y[i][j]) * w / m;
                }
            }
            dzs.add(new Array2DRowRealMatrix(dz, false));
        }
        // Σ_t dz⟨t⟩·a⟨t⟩ᵀ, Σ_t rowSums(dz⟨t⟩) and every Wyᵀ·dz⟨t⟩, each as one multiply over all steps side by side
        RealMatrix dz = Matrices.stackColumns(dzs);
        RealMatrix dWy = Matrices.multiplyTranspose(dz, Matrices.stackColumns(a));
        List<RealMatrix> da = Matrices.splitColumns(Matrices.transposeMultiply(output.wy(), dz), m);
        return new Scores(loss / m, da, dWy, Matrices.rowSums(dz));
    }
}
