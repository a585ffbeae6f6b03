package com.rnnservice.math;

import org.jspecify.annotations.Nullable;

/**
 * Softmax cross-entropy of a cell's predictions over a sequence, and its gradients with respect to everything:
 * the inputs, the initial state, the cell's parameters and the output layer.
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
    public record Result(double loss, SequenceGradients sequence, Matrix dWy, Matrix dby) {
    }

    /**
     * The loss of the predictions made from given hidden states, and its gradients with respect to the output layer
     * and to those hidden states.
     *
     * @param da ∂L/∂a⟨t⟩ = Wyᵀ·dz⟨t⟩ at every step: the upstream gradients of a backward pass
     */
    public record Scores(double loss, Steps da, Matrix dWy, Matrix dby) {
    }

    /**
     * A forward pass, its loss, and backpropagation through time.
     *
     * @param x the inputs of every step, (n_x, m) each; not modified
     * @param initial the initial state; not modified
     * @param targets the target distribution of every step, (n_y, m) each, every column summing to one (one-hot for
     *        class labels); not modified
     * @param mask (m, T_x): the weight of every example and step (1 to count, 0 to leave out), or {@code null} to
     *        count all; not modified
     */
    public static Result evaluate(Sequence sequence, Cell cell, OutputLayer output, Steps x, State initial, Steps targets,
            @Nullable Matrix mask) {
        Sequence.Run run = sequence.forward(cell, x, initial);
        Scores scores = score(sequence.kernel(), output, run.outputs(), targets, mask);
        return new Result(scores.loss(), sequence.backward(run, scores.da()), scores.dWy(), scores.dby());
    }

    /**
     * The loss of the output layer's predictions from the hidden states {@code a}, and its gradients.
     *
     * @param a the hidden state of every step, (n_a, m) each; not modified
     * @param targets as {@link #evaluate}
     * @param mask as {@link #evaluate}
     */
    public static Scores score(Kernel kernel, OutputLayer output, Steps a, Steps targets, @Nullable Matrix mask) {
        int m = a.m();
        int count = a.count();
        Check.that(targets.m() == m && targets.count() == count && targets.rows() == output.wy().rows,
                () -> "the targets are " + targets.all().shape() + "; expected (n_y, T_x·m) = (" + output.wy().rows + ", "
                        + count * m + ")");
        if (mask != null) {
            Check.shape("the mask", mask, m, count, "(m, T_x)");
        }
        Matrix z = output.logits(kernel, a).all();
        Matrix y = targets.all();
        Steps dz = Steps.zeros(z.rows, m, count);
        Matrix d = dz.all();
        int nY = z.rows;
        double loss = 0;
        for (int t = 0; t < count; t++) {
            for (int j = 0; j < m; j++) {
                double w = mask == null ? 1 : mask.getEntry(j, t);
                int col = t * m + j;
                double max = Double.NEGATIVE_INFINITY;
                for (int i = 0; i < nY; i++) {
                    max = Math.max(max, z.data[z.offset + i * z.stride + col]);
                }
                double sum = 0;
                for (int i = 0; i < nY; i++) {
                    sum += Math.exp(z.data[z.offset + i * z.stride + col] - max);
                }
                double logSum = max + Math.log(sum);
                for (int i = 0; i < nY; i++) {
                    double logP = z.data[z.offset + i * z.stride + col] - logSum;
                    double yi = y.data[y.offset + i * y.stride + col];
                    if (w != 0 && yi != 0) {
                        loss -= w * yi * logP;
                    }
                    d.data[i * d.stride + col] = (Math.exp(logP) - yi) * w / m;
                }
            }
        }
        // Σ_t dz⟨t⟩·a⟨t⟩ᵀ, Σ_t rowSums(dz⟨t⟩) and every Wyᵀ·dz⟨t⟩, each one multiply over every step side by side
        Matrix dWy = kernel.multiplyTranspose(d, a.all());
        Matrix dby = new Matrix(nY, 1);
        dby.addRowSums(d);
        Steps da = new Steps(kernel.transposeMultiply(output.wy(), d), m);
        return new Scores(loss / m, da, dWy, dby);
    }
}
