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
     * @param x the inputs of every step, each (n_x, m); not modified
     * @param initial the initial state; not modified
     * @param targets the target distribution of every step, each (n_y, m), every column summing to one
     *        (one-hot for class labels); not modified
     * @param weights the weight of every step and example, weights[t][j] (1 to count, 0 to leave out); not modified
     */
    public static <S extends Cell.Step> Result evaluate(Cell<S> cell, OutputLayer output, List<RealMatrix> x,
            State initial, List<RealMatrix> targets, double[][] weights) {
        List<S> steps = Sequence.forward(cell, x, initial);
        int m = x.get(0).getColumnDimension();
        int nY = output.wy().getRowDimension();
        RealMatrix dWy = Matrices.zeros(nY, output.wy().getColumnDimension());
        RealMatrix dby = Matrices.zeros(nY, 1);
        List<RealMatrix> da = new ArrayList<>(steps.size());
        double loss = 0;
        for (int t = 0; t < steps.size(); t++) {
            RealMatrix a = steps.get(t).next().a();
            double[][] z = output.logits(a).getData();
            double[][] y = Matrices.data(targets.get(t));
            double[][] dz = new double[nY][m];
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
            RealMatrix dzt = new Array2DRowRealMatrix(dz, false);
            dWy = dWy.add(Matrices.multiplyTranspose(dzt, a));
            dby = dby.add(Matrices.rowSums(dzt));
            da.add(Matrices.transposeMultiply(output.wy(), dzt));
        }
        return new Result(loss / m, Sequence.backward(cell, steps, da), dWy, dby);
    }
}
