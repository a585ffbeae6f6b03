package com.rnnservice.math;

import java.util.ArrayList;
import java.util.List;

import org.apache.commons.math3.linear.RealMatrix;

/**
 * The time steps of a (rows, m, T_x) tensor, T_x matrices (rows, m) side by side in one (rows, T_x·m) {@link Matrix}:
 * step t is columns [t·m, (t + 1)·m). In this layout a multiply over every step at once ({@code W·[x_0 … x_T]}, or
 * a gradient summed over time, {@code [dz_0 … dz_T]·[x_0 … x_T]ᵀ}) reads the steps where they lie, and each step is
 * a view of the whole.
 *
 * @param all every step side by side, (rows, T_x·m)
 * @param m the columns of one step (the batch size)
 */
public record Steps(Matrix all, int m) {

    public Steps {
        if (m <= 0 || all.cols % m != 0) {
            throw new IllegalArgumentException("a (rows, T_x·m) matrix of time steps needs a width that m divides; got "
                    + all.shape() + " with m = " + m);
        }
    }

    /** Zeros: {@code count} steps of (rows, m). */
    public static Steps zeros(int rows, int m, int count) {
        return new Steps(new Matrix(rows, count * m), m);
    }

    /** The steps of a list, copied side by side; every one of the same shape. */
    public static Steps of(List<? extends RealMatrix> steps) {
        if (steps.isEmpty()) {
            throw new IllegalArgumentException("a sequence needs at least one step");
        }
        RealMatrix first = steps.get(0);
        int m = first.getColumnDimension();
        Steps out = zeros(first.getRowDimension(), m, steps.size());
        for (int t = 0; t < steps.size(); t++) {
            Check.sameShape("step " + t, steps.get(t), "step 0", first);
            out.step(t).assign(Matrix.of(steps.get(t)));
        }
        return out;
    }

    /** The number of steps, T_x. */
    public int count() {
        return this.all.cols / this.m;
    }

    /** The rows of one step. */
    public int rows() {
        return this.all.rows;
    }

    /** Step t, (rows, m), a view. */
    public Matrix step(int t) {
        return this.all.view(0, this.all.rows, t * this.m, this.m);
    }

    /** Steps [from, to) side by side, (rows, (to − from)·m), a view. */
    public Matrix range(int from, int to) {
        return this.all.view(0, this.all.rows, from * this.m, (to - from) * this.m);
    }

    /** Rows [from, to) of every step, a view. */
    public Steps rows(int from, int to) {
        return new Steps(this.all.rows(from, to), this.m);
    }

    /** Every step as a matrix of its own (views). */
    public List<Matrix> toList() {
        List<Matrix> out = new ArrayList<>(count());
        for (int t = 0; t < count(); t++) {
            out.add(step(t));
        }
        return out;
    }

    /** A copy in an array of its own. */
    public Steps copy() {
        return new Steps(this.all.copy(), this.m);
    }
}
