package com.rnnservice.math;

import java.util.Arrays;

import org.apache.commons.math3.linear.AbstractRealMatrix;
import org.apache.commons.math3.linear.RealMatrix;

/**
 * A (rows, cols) matrix over a row-major {@code double[]}: entry (i, j) is {@code data[offset + i·stride + j]}.
 * It is the one layout of the service. The BLAS reads it where it lies (as the column-major transpose, with
 * {@code stride} as its leading dimension); a time step of a sequence is a view of the sequence's array
 * ({@link Steps}); a named parameter is a view of its cell's stacked weights ({@link Parameters}).
 *
 * <p>It is a Commons Math {@link RealMatrix}, so that a library user meets the usual interface, and every view
 * shares its array: writing through a view writes the matrix it was taken from.
 */
public final class Matrix extends AbstractRealMatrix {

    final double[] data;

    final int offset;

    final int rows;

    final int cols;

    /** The distance between the starts of two consecutive rows, at least {@code cols}. */
    final int stride;

    private Matrix(double[] data, int offset, int rows, int cols, int stride) {
        this.data = data;
        this.offset = offset;
        this.rows = rows;
        this.cols = cols;
        this.stride = stride;
    }

    /**
     * A new (rows, cols) matrix of zeros. Its array holds one row more than the matrix: dev.ludovic.netlib checks a
     * BLAS operand's bounds as if its every row ran a whole stride, so a view that starts partway into a row and
     * takes the last one needs that row after it ({@link Kernel} copies an operand that lacks it).
     */
    public Matrix(int rows, int cols) {
        this(new double[checkedSize(rows + 1, cols)], 0, rows, cols, cols);
    }

    /**
     * The (rows, cols) matrix whose entries are {@code data} in row-major order; not copied.
     *
     * @throws IllegalArgumentException if {@code data} does not have rows · cols entries
     */
    public static Matrix wrap(double[] data, int rows, int cols) {
        if (data.length != rows * (long) cols || rows < 0 || cols < 0) {
            throw new IllegalArgumentException("a (" + rows + ", " + cols + ") matrix needs " + (long) rows * cols
                    + " entries, got " + data.length);
        }
        return new Matrix(data, 0, rows, cols, cols);
    }

    /**
     * The (rows, cols) matrix of {@code data} from {@code offset}, rows {@code stride} apart; not copied.
     *
     * @throws IllegalArgumentException if the matrix does not lie within {@code data}
     */
    public static Matrix view(double[] data, int offset, int rows, int cols, int stride) {
        if (rows < 0 || cols < 0 || offset < 0 || stride < cols
                || rows > 0 && cols > 0 && offset + (long) (rows - 1) * stride + cols > data.length) {
            throw new IllegalArgumentException("a (" + rows + ", " + cols + ") view from " + offset + " with rows "
                    + stride + " apart does not lie within " + data.length + " entries");
        }
        return new Matrix(data, offset, rows, cols, stride);
    }

    /** {@code matrix} itself if it is a Matrix, else a copy of its entries. */
    public static Matrix of(RealMatrix matrix) {
        return matrix instanceof Matrix own ? own : copyOf(matrix);
    }

    /** A new matrix with the entries of {@code matrix}. */
    public static Matrix copyOf(RealMatrix matrix) {
        Matrix copy = new Matrix(matrix.getRowDimension(), matrix.getColumnDimension());
        if (matrix instanceof Matrix own) {
            copy.assign(own);
        }
        else {
            for (int i = 0; i < copy.rows; i++) {
                for (int j = 0; j < copy.cols; j++) {
                    copy.data[i * copy.cols + j] = matrix.getEntry(i, j);
                }
            }
        }
        return copy;
    }

    /** The (rows, cols) matrix of these rows of numbers, copied: {@code Matrix.of(new double[][] {{1, 2}, {3, 4}})}. */
    public static Matrix of(double[][] entries) {
        int cols = entries.length == 0 ? 0 : entries[0].length;
        Matrix m = new Matrix(entries.length, cols);
        for (int i = 0; i < entries.length; i++) {
            if (entries[i].length != cols) {
                throw new IllegalArgumentException("row " + i + " has " + entries[i].length + " entries, row 0 has " + cols);
            }
            System.arraycopy(entries[i], 0, m.data, i * cols, cols);
        }
        return m;
    }

    private static int checkedSize(int rows, int cols) {
        if (rows < 0 || cols < 0 || (long) rows * cols > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("a (" + rows + ", " + cols + ") matrix cannot be one array");
        }
        return rows * cols;
    }

    /**
     * Whether the BLAS reads this matrix where it lies, and {@code extra} entries past its last row's stride: the
     * bounds dev.ludovic.netlib checks.
     */
    boolean blasReadable(int extra) {
        return this.offset + (long) this.rows * this.stride + extra <= this.data.length;
    }

    // ---------------------------------------------------------------- views

    /** Rows [row, row + count) and columns [col, col + width) of this matrix, sharing its array. */
    public Matrix view(int row, int count, int col, int width) {
        if (row < 0 || count < 0 || row + count > this.rows || col < 0 || width < 0 || col + width > this.cols) {
            throw new IllegalArgumentException("rows [" + row + ", " + (row + count) + ") and columns [" + col + ", "
                    + (col + width) + ") are not within a " + shape() + " matrix");
        }
        return new Matrix(this.data, this.offset + row * this.stride + col, count, width, this.stride);
    }

    /** Rows [from, to), sharing this matrix's array. */
    public Matrix rows(int from, int to) {
        return view(from, to - from, 0, this.cols);
    }

    /** Columns [from, to), sharing this matrix's array. */
    public Matrix columns(int from, int to) {
        return view(0, this.rows, from, to - from);
    }

    // ---------------------------------------------------------------- RealMatrix

    @Override
    public int getRowDimension() {
        return this.rows;
    }

    @Override
    public int getColumnDimension() {
        return this.cols;
    }

    @Override
    public double getEntry(int row, int column) {
        return this.data[index(row, column)];
    }

    @Override
    public void setEntry(int row, int column, double value) {
        this.data[index(row, column)] = value;
    }

    @Override
    public void addToEntry(int row, int column, double increment) {
        this.data[index(row, column)] += increment;
    }

    @Override
    public void multiplyEntry(int row, int column, double factor) {
        this.data[index(row, column)] *= factor;
    }

    private int index(int row, int column) {
        if (row < 0 || row >= this.rows || column < 0 || column >= this.cols) {
            throw new IndexOutOfBoundsException("(" + row + ", " + column + ") is not within a " + shape() + " matrix");
        }
        return this.offset + row * this.stride + column;
    }

    @Override
    public Matrix createMatrix(int rowDimension, int columnDimension) {
        return new Matrix(rowDimension, columnDimension);
    }

    /** A new matrix with this one's entries, in an array of its own. */
    @Override
    public Matrix copy() {
        Matrix copy = new Matrix(this.rows, this.cols);
        copy.assign(this);
        return copy;
    }

    @Override
    public double[][] getData() {
        double[][] out = new double[this.rows][];
        for (int i = 0; i < this.rows; i++) {
            int start = this.offset + i * this.stride;
            out[i] = Arrays.copyOfRange(this.data, start, start + this.cols);
        }
        return out;
    }

    // ---------------------------------------------------------------- in place

    /** Copies {@code source}'s entries into this matrix, of the same shape. */
    public void assign(Matrix source) {
        Check.sameShape("the source", source, "the target", this);
        for (int i = 0; i < this.rows; i++) {
            System.arraycopy(source.data, source.offset + i * source.stride, this.data, this.offset + i * this.stride,
                    this.cols);
        }
    }

    /** Adds {@code other}'s entries to this matrix's, of the same shape (in place, unlike {@link #add(RealMatrix)}). */
    public void accumulate(Matrix other) {
        Check.sameShape("the addend", other, "the sum", this);
        for (int i = 0; i < this.rows; i++) {
            int a = this.offset + i * this.stride;
            int b = other.offset + i * other.stride;
            for (int j = 0; j < this.cols; j++) {
                this.data[a + j] += other.data[b + j];
            }
        }
    }

    /**
     * Adds Σ_j source[i, j] to this (rows, 1) column's entry i: NumPy's {@code np.sum(source, axis=1, keepdims=True)}.
     * Each row is summed from j = 0 up, four rows at a time: one running sum waits for each addition before the
     * next, four interleaved do not wait for each other.
     */
    public void addRowSums(Matrix source) {
        Check.that(this.cols == 1 && source.rows == this.rows,
                () -> "the row sums of a " + source.shape() + " matrix are (" + source.rows + ", 1), not " + shape());
        double[] s = source.data;
        int n = source.cols;
        int i = 0;
        for (; i + 4 <= this.rows; i += 4) {
            int r0 = source.offset + i * source.stride;
            int r1 = r0 + source.stride;
            int r2 = r1 + source.stride;
            int r3 = r2 + source.stride;
            double s0 = 0;
            double s1 = 0;
            double s2 = 0;
            double s3 = 0;
            for (int j = 0; j < n; j++) {
                s0 += s[r0 + j];
                s1 += s[r1 + j];
                s2 += s[r2 + j];
                s3 += s[r3 + j];
            }
            this.data[this.offset + i * this.stride] += s0;
            this.data[this.offset + (i + 1) * this.stride] += s1;
            this.data[this.offset + (i + 2) * this.stride] += s2;
            this.data[this.offset + (i + 3) * this.stride] += s3;
        }
        for (; i < this.rows; i++) {
            double sum = 0;
            for (int j = source.offset + i * source.stride, end = j + n; j < end; j++) {
                sum += s[j];
            }
            this.data[this.offset + i * this.stride] += sum;
        }
    }

    /** √(Σ entry²), summed row by row as Commons Math sums it, reading the array directly. */
    @Override
    public double getFrobeniusNorm() {
        double sum = 0;
        for (int i = 0; i < this.rows; i++) {
            int start = this.offset + i * this.stride;
            for (int j = start; j < start + this.cols; j++) {
                sum += this.data[j] * this.data[j];
            }
        }
        return Math.sqrt(sum);
    }

    /** Sets every entry to zero. */
    public void clear() {
        for (int i = 0; i < this.rows; i++) {
            int start = this.offset + i * this.stride;
            Arrays.fill(this.data, start, start + this.cols, 0.0);
        }
    }

    /** Whether every entry is finite (neither NaN nor infinite). */
    public boolean isFinite() {
        for (int i = 0; i < this.rows; i++) {
            int start = this.offset + i * this.stride;
            for (int j = start; j < start + this.cols; j++) {
                if (!Double.isFinite(this.data[j])) {
                    return false;
                }
            }
        }
        return true;
    }

    /** The shape as NumPy prints it: (rows, cols). */
    public String shape() {
        return "(" + this.rows + ", " + this.cols + ")";
    }

    // ---------------------------------------------------------------- the array, for the kernel and the codecs

    /** The array this matrix lies in; shared, not copied. */
    public double[] array() {
        return this.data;
    }

    /** Where entry (0, 0) lies in {@link #array()}. */
    public int offset() {
        return this.offset;
    }

    /** The distance in {@link #array()} between the starts of two consecutive rows. */
    public int stride() {
        return this.stride;
    }
}
