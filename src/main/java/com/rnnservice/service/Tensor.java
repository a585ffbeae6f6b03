package com.rnnservice.service;

import java.util.Arrays;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

import com.rnnservice.math.Matrix;
import com.rnnservice.math.Steps;

/**
 * A tensor at the service's boundary, both ways: a shape, and its entries in an array where entry (i0, i1, …) lies
 * at {@code offset + Σ ik·strides[k]}. Read from a request, a (rows, m, T_x) tensor is laid out as the maths reads
 * its time steps, step t in columns [t·m, (t + 1)·m) of a (rows, T_x·m) matrix ({@link #steps()}), and a (rows,
 * cols) one row-major ({@link #matrix()}): both views, no copy. An answer's tensors are the maths' own arrays, read
 * through the strides of the view they are.
 *
 * <p>When the request's value was not a usable tensor (ragged, not finite), the tensor carries the reason instead,
 * so that one answer can list every problem of a request.
 */
public final class Tensor {

    private final int[] shape;

    private final double[] data;

    private final int offset;

    private final int[] strides;

    private final @Nullable String problem;

    private Tensor(int[] shape, double[] data, int offset, int[] strides, @Nullable String problem) {
        this.shape = shape;
        this.data = data;
        this.offset = offset;
        this.strides = strides;
        this.problem = problem;
    }

    /**
     * A tensor whose entries are {@code values} in NumPy's row-major (C) order; not copied.
     *
     * @param shape the size of each axis, outermost first
     */
    public static Tensor of(int[] shape, double[] values) {
        int[] strides = new int[shape.length];
        long size = 1;
        for (int k = shape.length - 1; k >= 0; k--) {
            strides[k] = (int) Math.min(size, Integer.MAX_VALUE);
            size *= shape[k];
        }
        if (size != values.length) {
            throw new IllegalArgumentException("a tensor of shape " + shapeText(shape) + " has " + size + " entries, not "
                    + values.length);
        }
        return new Tensor(shape.clone(), values, 0, strides, null);
    }

    /**
     * A tensor laid out as the maths reads time steps: entry (i, j, t) of the (rows, m, T) tensor at
     * {@code i·T·m + t·m + j} of {@code values}; not copied.
     */
    public static Tensor ofSteps(int rows, int m, int count, double[] values) {
        if ((long) rows * m * count != values.length) {
            throw new IllegalArgumentException("a tensor of shape " + shapeText(new int[] { rows, m, count }) + " has "
                    + (long) rows * m * count + " entries, not " + values.length);
        }
        return new Tensor(new int[] { rows, m, count }, values, 0, new int[] { count * m, 1, m }, null);
    }

    /**
     * A tensor whose entry (i0, i1, …) is {@code data[offset + Σ ik·strides[k]]}; not copied. Strides of zero repeat
     * an entry along an axis, as NumPy's {@code broadcast_to} does.
     *
     * @throws IllegalArgumentException if some entry would lie outside {@code data}
     */
    public static Tensor strided(int[] shape, double[] data, int offset, int[] strides) {
        long last = offset;
        boolean empty = false;
        for (int k = 0; k < shape.length; k++) {
            last += (long) (shape[k] - 1) * strides[k];
            empty |= shape[k] == 0;
        }
        if (shape.length != strides.length || offset < 0 || !empty && last >= data.length) {
            throw new IllegalArgumentException("a tensor of shape " + shapeText(shape) + " with strides "
                    + Arrays.toString(strides) + " from " + offset + " does not lie within " + data.length + " entries");
        }
        return new Tensor(shape.clone(), data, offset, strides.clone(), null);
    }

    /** A (rows, cols) matrix as a tensor, sharing its array. */
    public static Tensor of(Matrix matrix) {
        return new Tensor(new int[] { matrix.getRowDimension(), matrix.getColumnDimension() }, matrix.array(),
                matrix.offset(), new int[] { matrix.stride(), 1 }, null);
    }

    /** Time steps (rows, m) as a (rows, m, T_x) tensor, sharing their array. */
    public static Tensor of(Steps steps) {
        Matrix all = steps.all();
        return new Tensor(new int[] { steps.rows(), steps.m(), steps.count() }, all.array(), all.offset(),
                new int[] { all.stride(), 1, steps.m() }, null);
    }

    /** A (n,) vector, not copied. */
    public static Tensor vector(double[] values) {
        return new Tensor(new int[] { values.length }, values, 0, new int[] { 1 }, null);
    }

    /** A 0-D tensor: one number. */
    public static Tensor scalar(double value) {
        return new Tensor(new int[0], new double[] { value }, 0, new int[0], null);
    }

    /** A JSON value that is not a usable tensor, with a sentence that says why (it follows the field name). */
    public static Tensor invalid(String problem) {
        return new Tensor(new int[0], new double[0], 0, new int[0], problem);
    }

    /** Why this is not a usable tensor, or {@code null} if it is one. */
    public @Nullable String problem() {
        return this.problem;
    }

    /** The number of axes. */
    public int rank() {
        return this.shape.length;
    }

    /** The size of axis {@code axis}. */
    public int dimension(int axis) {
        return this.shape[axis];
    }

    /** The size of every axis, outermost first (a copy). */
    public int[] shape() {
        return this.shape.clone();
    }

    /** Whether some axis has size zero. */
    public boolean isEmpty() {
        return Arrays.stream(this.shape).anyMatch(d -> d == 0);
    }

    /** The number of entries. */
    public long size() {
        long size = 1;
        for (int d : this.shape) {
            size *= d;
        }
        return size;
    }

    /** The entry at this index, one per axis. */
    public double get(int... index) {
        int at = this.offset;
        for (int k = 0; k < index.length; k++) {
            at += index[k] * this.strides[k];
        }
        return this.data[at];
    }

    /** The array the entries lie in (shared), for a codec that writes them. */
    public double[] array() {
        return this.data;
    }

    /** Where entry (0, …, 0) lies in {@link #array()}. */
    public int offset() {
        return this.offset;
    }

    /** The distance in {@link #array()} between consecutive entries along each axis (a copy). */
    public int[] strides() {
        return this.strides.clone();
    }

    /** The shape as NumPy prints it: {@code (5, 10)}, {@code (5,)}. */
    public String shapeText() {
        return shapeText(this.shape);
    }

    /** A shape as NumPy prints it. */
    static String shapeText(int[] shape) {
        String inner = Arrays.stream(shape).mapToObj(Integer::toString).collect(Collectors.joining(", "));
        return "(" + inner + (shape.length == 1 ? ",)" : ")");
    }

    /** This rank-2 tensor as a (rows, cols) matrix, or a rank-1 tensor as a (rows, 1) column: a view where it can be. */
    Matrix matrix() {
        int rows = this.shape[0];
        int cols = this.shape.length == 1 ? 1 : this.shape[1];
        int rowStride = this.strides[0];
        if ((this.shape.length == 1 || this.strides[1] == 1) && rowStride >= cols) {
            return Matrix.view(this.data, this.offset, rows, cols, rowStride);
        }
        Matrix copy = new Matrix(rows, cols);
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                copy.setEntry(i, j, this.shape.length == 1 ? get(i) : get(i, j));
            }
        }
        return copy;
    }

    /** This rank-3 tensor (rows, m, T) as its T time steps (rows, m): a view in the layout a request is read into. */
    Steps steps() {
        int rows = this.shape[0];
        int m = this.shape[1];
        int count = this.shape[2];
        if (this.strides[1] == 1 && this.strides[2] == m && this.strides[0] >= count * m) {
            return new Steps(Matrix.view(this.data, this.offset, rows, count * m, this.strides[0]), m);
        }
        Steps copy = Steps.zeros(rows, m, count);
        for (int t = 0; t < count; t++) {
            Matrix step = copy.step(t);
            for (int i = 0; i < rows; i++) {
                for (int j = 0; j < m; j++) {
                    step.setEntry(i, j, get(i, j, t));
                }
            }
        }
        return copy;
    }
}
