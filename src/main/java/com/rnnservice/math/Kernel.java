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
            // C = A·B  ⇔  Cᵀ = Bᵀ·Aᵀ, and a row-major X is the column-major Xᵀ
            int m = a.getRowDimension();
            int k = a.getColumnDimension();
            int n = b.getColumnDimension();
            if ((long) m * k * n < SMALL) {
                return small(Matrices.data(a), Matrices.data(b), m, k, n);
            }
            double[] c = new double[m * n];
            blas().dgemm("N", "N", n, m, k, 1.0, flat(b), n, flat(a), k, 0.0, c, n);
            return rows(c, m, n);
        }

        @Override
        RealMatrix transposeMultiply(RealMatrix a, RealMatrix b) {
            // C = Aᵀ·B with A (k, m), B (k, n)  ⇔  Cᵀ = Bᵀ·A
            int k = a.getRowDimension();
            int m = a.getColumnDimension();
            int n = b.getColumnDimension();
            if ((long) m * k * n < SMALL) {
                return small(Matrices.data(a.transpose()), Matrices.data(b), m, k, n);
            }
            double[] c = new double[m * n];
            blas().dgemm("N", "T", n, m, k, 1.0, flat(b), n, flat(a), m, 0.0, c, n);
            return rows(c, m, n);
        }

        @Override
        RealMatrix multiplyTranspose(RealMatrix a, RealMatrix b) {
            // C = A·Bᵀ with A (m, k), B (n, k)  ⇔  Cᵀ = B·Aᵀ
            int m = a.getRowDimension();
            int k = a.getColumnDimension();
            int n = b.getRowDimension();
            if ((long) m * k * n < SMALL) {
                return small(Matrices.data(a), Matrices.data(b.transpose()), m, k, n);
            }
            double[] c = new double[m * n];
            blas().dgemm("T", "N", n, m, k, 1.0, flat(b), k, flat(a), k, 0.0, c, n);
            return rows(c, m, n);
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

    private static BLAS blas() {
        return Holder.BLAS;
    }

    /** C = A·B by rows, i-k-j, for small matrices. */
    private static RealMatrix small(double[][] a, double[][] b, int m, int k, int n) {
        double[][] c = new double[m][n];
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

    private static double[] flat(RealMatrix matrix) {
        if (matrix instanceof Weights weights) {
            return weights.flat;
        }
        double[][] data = Matrices.data(matrix);
        int cols = matrix.getColumnDimension();
        double[] flat = new double[data.length * cols];
        for (int i = 0; i < data.length; i++) {
            System.arraycopy(data[i], 0, flat, i * cols, cols);
        }
        return flat;
    }

    private static RealMatrix rows(double[] flat, int rows, int cols) {
        double[][] data = new double[rows][cols];
        for (int i = 0; i < rows; i++) {
            System.arraycopy(flat, i * cols, data[i], 0, cols);
        }
        return new Array2DRowRealMatrix(data, false);
    }

    /** Loaded on first use, so that choosing Commons Math never touches the BLAS. */
    private static final class Holder {

        static final BLAS BLAS = dev.ludovic.netlib.blas.BLAS.getInstance();
    }
}
