package com.rnnservice.math;

import java.util.Locale;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.RealMatrix;

import dev.ludovic.netlib.blas.BLAS;

/**
 * The matrix multiplies under every cell, on {@link Matrix} views, written into a given matrix or added to it:
 * C = A·B, C = Aᵀ·B, C = A·Bᵀ (or C += …). Two interchangeable implementations: Commons Math's own
 * {@link RealMatrix#multiply}, and a BLAS {@code dgemm} (dev.ludovic.netlib: the system's native BLAS, such as
 * OpenBLAS, where {@code libblas.so.3} is installed, its pure-Java paths otherwise) that reads the views where
 * they lie. The BLAS is the default, chosen by measurement (BENCHMARKS.md); the tests check that both agree to
 * 1e-12. A kernel is given to whatever multiplies ({@link Sequence}, {@link Network}, ...), with the cores it may
 * split a large multiply across.
 */
public abstract sealed class Kernel {

    /** Multiply-adds below which the BLAS kernel computes in Java rather than call the BLAS. */
    static final long SMALL = 16_384;

    /**
     * Multiply-adds from which a BLAS multiply is split across cores: each part then takes a few hundred µs,
     * against a few µs to hand it over. A time step's own multiplies at the mid size (about 2 million) stay whole.
     */
    static final long PARALLEL = 8_000_000;

    private final Parallel parallel;

    private Kernel(Parallel parallel) {
        this.parallel = parallel;
    }

    /** The BLAS kernel, splitting large multiplies across {@code parallel}'s cores where the BLAS runs on one thread. */
    public static Kernel blas(Parallel parallel) {
        return new Blas(parallel);
    }

    /** Commons Math's multiplies (and {@code parallel} for the cells' element-wise work). */
    public static Kernel commonsMath(Parallel parallel) {
        return new CommonsMath(parallel);
    }

    /** The kernel by name: "blas" or "commons-math". */
    public static Kernel named(String name, Parallel parallel) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "blas" -> blas(parallel);
            case "commons-math" -> commonsMath(parallel);
            default -> throw new IllegalArgumentException("a kernel is \"blas\" or \"commons-math\", not \"" + name + "\"");
        };
    }

    /** The BLAS kernel on every core of this machine. */
    public static Kernel ofMachine() {
        return blas(Parallel.ofMachine());
    }

    /** The cores this kernel, and whatever it is given to, may split work across. */
    public Parallel parallel() {
        return this.parallel;
    }

    /** "blas" or "commons-math". */
    public abstract String name();

    /** The implementation that runs: "commons-math", or the BLAS class (JNIBLAS is the native one). */
    public abstract String implementation();

    /** Whether the BLAS runs on one thread, with large multiplies split across cores by this kernel. */
    public abstract boolean splitsAcrossCores();

    // ---------------------------------------------------------------- the three multiplies

    /**
     * C = A·B, or C += A·B.
     *
     * @param a (m, k); not modified
     * @param b (k, n); not modified
     * @param c (m, n); modified; must not share entries with a or b
     */
    public final void multiply(Matrix a, Matrix b, Matrix c, boolean accumulate) {
        check("A·B", a.cols == b.rows, a, b, c, a.rows, b.cols);
        if (!trivial(a.rows, b.cols, a.cols, c, accumulate)) {
            product(a, b, c, accumulate);
        }
    }

    /**
     * C = Aᵀ·B, or C += Aᵀ·B, without forming Aᵀ.
     *
     * @param a (k, m); not modified
     * @param b (k, n); not modified
     * @param c (m, n); modified; must not share entries with a or b
     */
    public final void transposeMultiply(Matrix a, Matrix b, Matrix c, boolean accumulate) {
        check("Aᵀ·B", a.rows == b.rows, a, b, c, a.cols, b.cols);
        if (!trivial(a.cols, b.cols, a.rows, c, accumulate)) {
            transposeProduct(a, b, c, accumulate);
        }
    }

    /**
     * C = A·Bᵀ, or C += A·Bᵀ, without forming Bᵀ.
     *
     * @param a (m, k); not modified
     * @param b (n, k); not modified
     * @param c (m, n); modified; must not share entries with a or b
     */
    public final void multiplyTranspose(Matrix a, Matrix b, Matrix c, boolean accumulate) {
        check("A·Bᵀ", a.cols == b.cols, a, b, c, a.rows, b.rows);
        if (!trivial(a.rows, b.rows, a.cols, c, accumulate)) {
            productTranspose(a, b, c, accumulate);
        }
    }

    /** A·B as a new matrix. */
    public final Matrix multiply(Matrix a, Matrix b) {
        Matrix c = new Matrix(a.rows, b.cols);
        multiply(a, b, c, false);
        return c;
    }

    /** Aᵀ·B as a new matrix. */
    public final Matrix transposeMultiply(Matrix a, Matrix b) {
        Matrix c = new Matrix(a.cols, b.cols);
        transposeMultiply(a, b, c, false);
        return c;
    }

    /** A·Bᵀ as a new matrix. */
    public final Matrix multiplyTranspose(Matrix a, Matrix b) {
        Matrix c = new Matrix(a.rows, b.rows);
        multiplyTranspose(a, b, c, false);
        return c;
    }

    abstract void product(Matrix a, Matrix b, Matrix c, boolean accumulate);

    abstract void transposeProduct(Matrix a, Matrix b, Matrix c, boolean accumulate);

    abstract void productTranspose(Matrix a, Matrix b, Matrix c, boolean accumulate);

    private static void check(String operation, boolean inner, Matrix a, Matrix b, Matrix c, int rows, int cols) {
        if (!inner) {
            throw new IllegalArgumentException(operation + ": A is " + a.shape() + " and B is " + b.shape()
                    + ", whose inner dimensions differ");
        }
        if (c.rows != rows || c.cols != cols) {
            throw new IllegalArgumentException(operation + " of A " + a.shape() + " and B " + b.shape() + " is (" + rows
                    + ", " + cols + "); C is " + c.shape());
        }
    }

    /** Handles the shapes with a zero in them, where there is nothing to multiply: true if nothing remains. */
    private static boolean trivial(int m, int n, int k, Matrix c, boolean accumulate) {
        if (m == 0 || n == 0) {
            return true;
        }
        if (k == 0) {
            if (!accumulate) {
                c.clear();
            }
            return true;
        }
        return false;
    }

    // ---------------------------------------------------------------- Commons Math

    /** {@link RealMatrix#multiply} and {@link RealMatrix#transpose} on copies of the views. */
    private static final class CommonsMath extends Kernel {

        CommonsMath(Parallel parallel) {
            super(parallel);
        }

        @Override
        public String name() {
            return "commons-math";
        }

        @Override
        public String implementation() {
            return "commons-math";
        }

        @Override
        public boolean splitsAcrossCores() {
            return false;
        }

        @Override
        void product(Matrix a, Matrix b, Matrix c, boolean accumulate) {
            store(dense(a).multiply(dense(b)), c, accumulate);
        }

        @Override
        void transposeProduct(Matrix a, Matrix b, Matrix c, boolean accumulate) {
            store(dense(a).transpose().multiply(dense(b)), c, accumulate);
        }

        @Override
        void productTranspose(Matrix a, Matrix b, Matrix c, boolean accumulate) {
            store(dense(a).multiply(dense(b).transpose()), c, accumulate);
        }

        private static RealMatrix dense(Matrix m) {
            return new Array2DRowRealMatrix(m.getData(), false);
        }

        private static void store(RealMatrix result, Matrix c, boolean accumulate) {
            double[][] r = ((Array2DRowRealMatrix) result).getDataRef();
            for (int i = 0; i < c.rows; i++) {
                int at = c.offset + i * c.stride;
                for (int j = 0; j < c.cols; j++) {
                    c.data[at + j] = accumulate ? c.data[at + j] + r[i][j] : r[i][j];
                }
            }
        }
    }

    // ---------------------------------------------------------------- BLAS

    /**
     * {@code dgemm} on the views where they lie, a row-major X read as the column-major Xᵀ that BLAS expects,
     * with the view's stride as its leading dimension; below {@link #SMALL} multiply-adds a plain loop, where a
     * call into native code would cost more than the work. Where the BLAS runs on one thread and the work is
     * over {@link #PARALLEL}, the rows of C are cut into one block per core, each its own call.
     */
    private static final class Blas extends Kernel {

        Blas(Parallel parallel) {
            super(parallel);
        }

        @Override
        public String name() {
            return "blas";
        }

        @Override
        public String implementation() {
            return Holder.BLAS.getClass().getName();
        }

        @Override
        public boolean splitsAcrossCores() {
            return Holder.SINGLE_THREADED;
        }

        @Override
        void product(Matrix x, Matrix y, Matrix c, boolean accumulate) {
            // C = A·B  ⇔  Cᵀ = Bᵀ·Aᵀ, and a row-major X is the column-major Xᵀ
            int m = x.rows;
            int k = x.cols;
            int n = y.cols;
            if ((long) m * k * n < SMALL) {
                Loops.product(x, y, c, accumulate);
                return;
            }
            Matrix a = readable(x, 0);
            Matrix b = readable(y, 0);
            rows(m, (long) m * k * n, (from, to) -> Holder.BLAS.dgemm("N", "N", n, to - from, k, 1.0, b.data, b.offset,
                    b.stride, a.data, a.offset + from * a.stride, a.stride, accumulate ? 1.0 : 0.0, c.data,
                    c.offset + from * c.stride, c.stride));
        }

        @Override
        void transposeProduct(Matrix x, Matrix y, Matrix c, boolean accumulate) {
            // C = Aᵀ·B with A (k, m)  ⇔  Cᵀ = Bᵀ·A; a block of C's rows is a block of A's columns
            int k = x.rows;
            int m = x.cols;
            int n = y.cols;
            if ((long) m * k * n < SMALL) {
                Loops.transposeProduct(x, y, c, accumulate);
                return;
            }
            // a block of A's columns starts up to m entries further into its array
            Matrix a = readable(x, m);
            Matrix b = readable(y, 0);
            rows(m, (long) m * k * n, (from, to) -> Holder.BLAS.dgemm("N", "T", n, to - from, k, 1.0, b.data, b.offset,
                    b.stride, a.data, a.offset + from, a.stride, accumulate ? 1.0 : 0.0, c.data,
                    c.offset + from * c.stride, c.stride));
        }

        @Override
        void productTranspose(Matrix x, Matrix y, Matrix c, boolean accumulate) {
            // C = A·Bᵀ with B (n, k)  ⇔  Cᵀ = B·Aᵀ
            int m = x.rows;
            int k = x.cols;
            int n = y.rows;
            if ((long) m * k * n < SMALL) {
                Loops.productTranspose(x, y, c, accumulate);
                return;
            }
            Matrix a = readable(x, 0);
            Matrix b = readable(y, 0);
            rows(m, (long) m * k * n, (from, to) -> Holder.BLAS.dgemm("T", "N", n, to - from, k, 1.0, b.data, b.offset,
                    b.stride, a.data, a.offset + from * a.stride, a.stride, accumulate ? 1.0 : 0.0, c.data,
                    c.offset + from * c.stride, c.stride));
        }

        /**
         * The operand itself where the BLAS reads it in place, else a copy that it does: dev.ludovic.netlib checks
         * an operand's bounds as if every row ran a whole stride, which a view into an array of the request's (not one
         * this library made, which has a spare row) can fail.
         */
        private static Matrix readable(Matrix operand, int extra) {
            return operand.blasReadable(extra) ? operand : operand.copy();
        }

        /** The rows of C, in one call or in one block per core where the work is worth it. */
        private void rows(int rows, long work, Parallel.Rows call) {
            parallel().rows(rows, Holder.SINGLE_THREADED && parallel().worthSplitting(work, PARALLEL), call);
        }
    }

    /**
     * Loaded on first use, so that choosing Commons Math never touches the BLAS. A native OpenBLAS is set to one
     * thread (through the JNI shim, {@link PlatformLog#blasThreads}): its own threading costs more than it gains
     * on a time step's skinny multiplies, so large multiplies are split across cores by the kernel instead. The
     * pure-Java BLAS is single-threaded anyway. A native BLAS whose threads cannot be set is left alone and never
     * split, so that the cores are not asked for twice.
     */
    private static final class Holder {

        static final BLAS BLAS = dev.ludovic.netlib.blas.BLAS.getInstance();

        static final boolean SINGLE_THREADED = !BLAS.getClass().getSimpleName().equals("JNIBLAS")
                || PlatformLog.blasThreads(1) == 1;
    }

    /** The small multiplies in Java, reading and writing the views where they lie. */
    private static final class Loops {

        private Loops() {
        }

        /** C = A·B (+ C) by rows, i-k-j. */
        static void product(Matrix a, Matrix b, Matrix c, boolean accumulate) {
            if (!accumulate) {
                c.clear();
            }
            double[] ad = a.data;
            double[] bd = b.data;
            double[] cd = c.data;
            int k = a.cols;
            int n = b.cols;
            for (int i = 0; i < a.rows; i++) {
                int ai = a.offset + i * a.stride;
                int ci = c.offset + i * c.stride;
                for (int p = 0; p < k; p++) {
                    double aip = ad[ai + p];
                    int bp = b.offset + p * b.stride;
                    for (int j = 0; j < n; j++) {
                        cd[ci + j] += aip * bd[bp + j];
                    }
                }
            }
        }

        /** C = Aᵀ·B (+ C) for A (k, m), B (k, n), reading A by rows: no transpose formed. */
        static void transposeProduct(Matrix a, Matrix b, Matrix c, boolean accumulate) {
            if (!accumulate) {
                c.clear();
            }
            double[] ad = a.data;
            double[] bd = b.data;
            double[] cd = c.data;
            int m = a.cols;
            int n = b.cols;
            for (int p = 0; p < a.rows; p++) {
                int ap = a.offset + p * a.stride;
                int bp = b.offset + p * b.stride;
                for (int i = 0; i < m; i++) {
                    double api = ad[ap + i];
                    int ci = c.offset + i * c.stride;
                    for (int j = 0; j < n; j++) {
                        cd[ci + j] += api * bd[bp + j];
                    }
                }
            }
        }

        /** C = A·Bᵀ (+ C) for A (m, k), B (n, k): each entry a dot product of two rows. */
        static void productTranspose(Matrix a, Matrix b, Matrix c, boolean accumulate) {
            double[] ad = a.data;
            double[] bd = b.data;
            double[] cd = c.data;
            int k = a.cols;
            for (int i = 0; i < a.rows; i++) {
                int ai = a.offset + i * a.stride;
                int ci = c.offset + i * c.stride;
                for (int j = 0; j < b.rows; j++) {
                    int bj = b.offset + j * b.stride;
                    double sum = 0;
                    for (int p = 0; p < k; p++) {
                        sum += ad[ai + p] * bd[bj + p];
                    }
                    cd[ci + j] = accumulate ? cd[ci + j] + sum : sum;
                }
            }
        }
    }
}
