package com.rnnservice.math;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.RealMatrix;

import dev.ludovic.netlib.blas.BLAS;

/**
 * The matrix multiplies under every cell, in two interchangeable implementations: Commons Math's own
 * {@link RealMatrix#multiply}, and a BLAS {@code dgemm} (dev.ludovic.netlib: the system's native BLAS,
 * such as OpenBLAS, where {@code libblas.so.3} is installed, its pure-Java paths otherwise). The
 * matrices stay Commons Math's at every API; only the arithmetic underneath changes. The BLAS is the
 * default, chosen by measurement (BENCHMARKS.md); {@link #use} switches, and the tests check that both
 * agree to 1e-12.
 */
public enum Kernel {

    /** {@link RealMatrix#multiply} and {@link RealMatrix#transpose}. */
    COMMONS_MATH {

        @Override
        RealMatrix multiply(RealMatrix a, RealMatrix b) {
            return a.multiply(b);
        }

        @Override
        RealMatrix transposeMultiply(RealMatrix a, RealMatrix b) {
            return a.transpose().multiply(b);
        }

        @Override
        RealMatrix multiplyTranspose(RealMatrix a, RealMatrix b) {
            return a.multiply(b.transpose());
        }
    },

    /**
     * {@code dgemm} on row-major copies, read as the transposed column-major matrices BLAS expects; below
     * {@link #SMALL} multiply-adds a plain loop, where a call into native code would cost more than the work.
     */
    BLAS_DGEMM {

        @Override
        RealMatrix multiply(RealMatrix a, RealMatrix b) {
            int m = a.getRowDimension();
            int k = a.getColumnDimension();
            int n = b.getColumnDimension();
            if ((long) m * k * n < SMALL) {
                return small(Matrices.data(a), Matrices.data(b), m, k, n);
            }
            return multiply(a, flat(b)).toMatrix();
        }

        @Override
        RealMatrix transposeMultiply(RealMatrix a, RealMatrix b) {
            int k = a.getRowDimension();
            int m = a.getColumnDimension();
            int n = b.getColumnDimension();
            if ((long) m * k * n < SMALL) {
                return smallTransposeMultiply(Matrices.data(a), Matrices.data(b), m, n);
            }
            return transposeMultiply(a, flat(b)).toMatrix();
        }

        @Override
        RealMatrix multiplyTranspose(RealMatrix a, RealMatrix b) {
            int m = a.getRowDimension();
            int k = a.getColumnDimension();
            int n = b.getRowDimension();
            if ((long) m * k * n < SMALL) {
                return smallMultiplyTranspose(Matrices.data(a), Matrices.data(b), m, k, n);
            }
            return multiplyTranspose(flat(a), 0, m, flat(b));
        }

        @Override
        Flat multiply(RealMatrix a, Flat b) {
            // C = A·B  ⇔  Cᵀ = Bᵀ·Aᵀ, and a row-major X is the column-major Xᵀ
            int m = a.getRowDimension();
            int k = a.getColumnDimension();
            int n = b.cols();
            if ((long) m * k * n < SMALL) {
                return small(Matrices.data(a), b, m, k);
            }
            return new Flat(gemm("N", "N", n, m, k, b.data(), n, flat(a).data(), 0, k), m, n);
        }

        @Override
        Flat transposeMultiply(RealMatrix a, Flat b) {
            // C = Aᵀ·B with A (k, m), B (k, n)  ⇔  Cᵀ = Bᵀ·A
            int k = a.getRowDimension();
            int m = a.getColumnDimension();
            int n = b.cols();
            if ((long) m * k * n < SMALL) {
                return smallTransposeMultiply(Matrices.data(a), b, m);
            }
            if (splits((long) m * k * n)) {
                // Aᵀ row-major is the column-major A: a block of its columns is contiguous, so the multiply splits
                return new Flat(gemm("N", "N", n, m, k, b.data(), n, flatTransposed(a), 0, k), m, n);
            }
            return new Flat(gemm("N", "T", n, m, k, b.data(), n, flat(a).data(), 0, m), m, n);
        }

        @Override
        RealMatrix multiplyTranspose(Flat a, int from, int to, Flat b) {
            // C = A[from:to]·Bᵀ with A (·, k), B (n, k)  ⇔  Cᵀ = B·A[from:to]ᵀ, A's rows read where they lie
            int m = to - from;
            int k = a.cols();
            int n = b.rows();
            if ((long) m * k * n < SMALL) {
                return smallMultiplyTranspose(a, from, to, b);
            }
            return new Flat(gemm("T", "N", n, m, k, b.data(), k, a.data(), from * k, k), m, n).toMatrix();
        }
    };

    /** Multiply-adds below which {@link #BLAS_DGEMM} computes in Java rather than call the BLAS. */
    static final long SMALL = 16_384;

    private static volatile Kernel current = BLAS_DGEMM;

    /** The kernel the cells use. */
    public static Kernel current() {
        return current;
    }

    /** Makes every cell use {@code kernel} from now on. */
    public static void use(Kernel kernel) {
        current = kernel;
    }

    /** The implementation that runs: "commons-math", or the BLAS class (JNIBLAS is the native one). */
    public String implementation() {
        return this == COMMONS_MATH ? "commons-math" : blas().getClass().getName();
    }

    /** A·B. */
    abstract RealMatrix multiply(RealMatrix a, RealMatrix b);

    /** Aᵀ·B, without forming Aᵀ. */
    abstract RealMatrix transposeMultiply(RealMatrix a, RealMatrix b);

    /** A·Bᵀ, without forming Bᵀ. */
    abstract RealMatrix multiplyTranspose(RealMatrix a, RealMatrix b);

    /** A·B for a flat B, left flat: every step's input projection at once, inputWeights·[x_0 … x_T]. */
    Flat multiply(RealMatrix a, Flat b) {
        return Flat.of(multiply(a, b.toMatrix()));
    }

    /**
     * A[from:to]·Bᵀ for flat operands: a weight gradient summed over every step at once,
     * [dz_0 … dz_T][from:to]·[input_0 … input_T]ᵀ, read where the operands lie.
     */
    RealMatrix multiplyTranspose(Flat a, int from, int to, Flat b) {
        return multiplyTranspose(a.toMatrix(from, to), b.toMatrix());
    }

    /** Aᵀ·B for a flat B, left flat: every step's dx at once, inputWeightsᵀ·[dz_0 … dz_T]. */
    Flat transposeMultiply(RealMatrix a, Flat b) {
        return Flat.of(transposeMultiply(a, b.toMatrix()));
    }

    /**
     * Multiply-adds from which a BLAS multiply is split across cores: each part then takes a few hundred
     * µs, against a few µs to hand it over. A time step's own multiplies at the mid size (about 2 million)
     * stay whole.
     */
    static final long PARALLEL = 8_000_000;

    private static BLAS blas() {
        return Holder.BLAS;
    }

    /**
     * C (column-major rows × cols) = op(X)·op(Y), with op(Y)'s columns, and so C's, split across the cores
     * when the BLAS runs on one thread, the work is large and Y is not transposed: each part is the same
     * call on a block of Y's columns (rows of the row-major matrix behind it) and writes its own block of C.
     */
    private static double[] gemm(String opX, String opY, int rows, int cols, int inner, double[] x, int ldx, double[] y,
            int yOffset, int ldy) {
        double[] c = new double[rows * cols];
        BLAS blas = blas();
        boolean split = "N".equals(opY) && splits((long) rows * cols * inner);
        Parallel.rows(cols, split, (from, to) -> blas.dgemm(opX, opY, rows, to - from, inner, 1.0, x, 0, ldx, y,
                yOffset + ("N".equals(opY) ? from * ldy : from), ldy, 0.0, c, from * rows, rows));
        return c;
    }

    /** Whether a multiply this large is split across cores. */
    private static boolean splits(long work) {
        return Holder.SINGLE_THREADED && Parallel.worthSplitting(work, PARALLEL);
    }

    /** Aᵀ as a row-major flat array: a weight matrix keeps its own, made once. */
    private static double[] flatTransposed(RealMatrix a) {
        return a instanceof Weights weights ? weights.flatTransposed() : Flat.of(a.transpose()).data();
    }

    /** C = A·B by rows, i-k-j, for small matrices. */
    private static RealMatrix small(double[][] a, double[][] b, int m, int k, int n) {
        double[][] c = Matrices.zeroRows(m, n);
        for (int i = 0; i < m; i++) {
            double[] ci = c[i];
            double[] ai = a[i];
            for (int p = 0; p < k; p++) {
                double aip = ai[p];
                double[] bp = b[p];
                for (int j = 0; j < n; j++) {
                    ci[j] += aip * bp[j];
                }
            }
        }
        return new Array2DRowRealMatrix(c, false);
    }

    /** C = Aᵀ·B for small matrices, A (k, m), B (k, n), reading A by rows: no transpose formed. */
    private static RealMatrix smallTransposeMultiply(double[][] a, double[][] b, int m, int n) {
        double[][] c = Matrices.zeroRows(m, n);
        for (int p = 0; p < a.length; p++) {
            double[] ap = a[p];
            double[] bp = b[p];
            for (int i = 0; i < m; i++) {
                double api = ap[i];
                double[] ci = c[i];
                for (int j = 0; j < n; j++) {
                    ci[j] += api * bp[j];
                }
            }
        }
        return new Array2DRowRealMatrix(c, false);
    }

    /** C = A·Bᵀ for small matrices, A (m, k), B (n, k): each entry a dot product of two rows. */
    private static RealMatrix smallMultiplyTranspose(double[][] a, double[][] b, int m, int k, int n) {
        double[][] c = Matrices.zeroRows(m, n);
        for (int i = 0; i < m; i++) {
            double[] ai = a[i];
            double[] ci = c[i];
            for (int j = 0; j < n; j++) {
                double[] bj = b[j];
                double sum = 0;
                for (int p = 0; p < k; p++) {
                    sum += ai[p] * bj[p];
                }
                ci[j] = sum;
            }
        }
        return new Array2DRowRealMatrix(c, false);
    }

    /**
     * C = A·B for a small A and a flat B, left flat: {@link #small}'s additions in its order, reading B and
     * writing C where they lie, so that the sums over every step of a tiny sequence copy nothing back into
     * rows. FlatTest checks the two give the same bits.
     */
    private static Flat small(double[][] a, Flat b, int m, int k) {
        int n = b.cols();
        double[] bd = b.data();
        double[] c = new double[m * n];
        for (int i = 0; i < m; i++) {
            double[] ai = a[i];
            int ci = i * n;
            for (int p = 0; p < k; p++) {
                double aip = ai[p];
                int bp = p * n;
                for (int j = 0; j < n; j++) {
                    c[ci + j] += aip * bd[bp + j];
                }
            }
        }
        return new Flat(c, m, n);
    }

    /** C = Aᵀ·B for a small A (k, m) and a flat B (k, n), left flat: {@link #smallTransposeMultiply}'s order. */
    private static Flat smallTransposeMultiply(double[][] a, Flat b, int m) {
        int n = b.cols();
        double[] bd = b.data();
        double[] c = new double[m * n];
        for (int p = 0; p < a.length; p++) {
            double[] ap = a[p];
            int bp = p * n;
            for (int i = 0; i < m; i++) {
                double api = ap[i];
                int ci = i * n;
                for (int j = 0; j < n; j++) {
                    c[ci + j] += api * bd[bp + j];
                }
            }
        }
        return new Flat(c, m, n);
    }

    /** C = A[from:to]·Bᵀ for small flat A (·, k) and B (n, k): {@link #smallMultiplyTranspose}'s dot products. */
    private static RealMatrix smallMultiplyTranspose(Flat a, int from, int to, Flat b) {
        int k = a.cols();
        int n = b.rows();
        double[] ad = a.data();
        double[] bd = b.data();
        double[][] c = Matrices.zeroRows(to - from, n);
        for (int i = from; i < to; i++) {
            double[] ci = c[i - from];
            int ai = i * k;
            for (int j = 0; j < n; j++) {
                int bj = j * k;
                double sum = 0;
                for (int p = 0; p < k; p++) {
                    sum += ad[ai + p] * bd[bj + p];
                }
                ci[j] = sum;
            }
        }
        return new Array2DRowRealMatrix(c, false);
    }

    /** A matrix as the BLAS reads it: a weight matrix keeps its own, made once; any other is copied. */
    private static Flat flat(RealMatrix matrix) {
        if (matrix instanceof Weights weights) {
            return new Flat(weights.flat, weights.getRowDimension(), weights.getColumnDimension());
        }
        return Flat.of(matrix);
    }

    /**
     * Loaded on first use, so that choosing Commons Math never touches the BLAS. A native OpenBLAS is set
     * to one thread (through the JNI shim, {@link PlatformLog#blasThreads}): its own threading costs more
     * than it gains on a time step's skinny multiplies, so large multiplies are split across cores here
     * instead. The pure-Java BLAS is single-threaded anyway. A native BLAS whose threads cannot be set is
     * left alone and never split, so that the cores are not asked for twice.
     */
    private static final class Holder {

        static final BLAS BLAS = dev.ludovic.netlib.blas.BLAS.getInstance();

        static final boolean SINGLE_THREADED = !BLAS.getClass().getSimpleName().equals("JNIBLAS")
                || PlatformLog.blasThreads(1) == 1;
    }

    /** Whether the BLAS runs on one thread, with large multiplies split across cores by the service. */
    public boolean splitsAcrossCores() {
        return this == BLAS_DGEMM && Holder.SINGLE_THREADED;
    }
}
