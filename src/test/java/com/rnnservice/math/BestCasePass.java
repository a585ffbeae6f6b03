package com.rnnservice.math;



import dev.ludovic.netlib.blas.BLAS;

/**
 * A measuring stick, not the service's maths: the RNN's and the LSTM's sequence forward + backward written
 * the shortest way this machine allows, to learn how close to the performance issue's mid-size target any
 * restructuring of the cells could come. {@link BestCaseBenchmark} times it beside {@link Sequence}, and
 * {@link BestCasePassTest} holds it to {@link Sequence}'s answers at 1e-12. The driver has since taken up its
 * layout (views of one array per buffer, the recurrent multiply added into the projection, no copies), keeping its
 * Commons Math face and one time loop for every cell.
 *
 * What the service's design adds and this leaves out: no {@code RealMatrix} anywhere, no per-step objects
 * or copies between layouts, every operand laid out once in the column-major order the BLAS reads (an
 * example's entries contiguous, a step's examples side by side), the recurrent multiply added into the
 * step's slice of the input projections, the activations written in place, the gates kept where they were
 * computed, the weights stacked as the request sends them ([hidden | input] columns, read by the BLAS
 * through offsets and leading dimensions, never copied out). What it keeps, because a request needs it:
 * reading the request's (rows, m, T_x) tensors into that layout and writing dx, da0 and dc0 back into the
 * request's, and each block of the batch's columns on its own core, as the service splits it at mid.
 */
final class BestCasePass {

    /**
     * The gradients, in the request's layouts: dx (n_x, m, T_x), da0 and dc0 (n_a, m), row-major; dW the
     * gradients of the stacked weights, (gates · n_a, n_a + n_x) row-major, hidden columns first; db
     * (gates · n_a).
     */
    record Gradients(double[] dx, double[] da0, double[] dc0, double[] dW, double[] db) {
    }

    private final boolean lstm;

    private final int nX;

    private final int nA;

    private final int rows;

    private final int width;

    /**
     * The stacked weights, row-major, and n_a entries more: the BLAS reads the input columns from offset
     * n_a, and dev.ludovic.netlib checks an operand's bounds as a whole leading dimension per column.
     */
    private final double[] w;

    private final double[] b;

    private final BLAS blas = BLAS.getInstance();

    /** Every core of the machine, as the service's kernel is given them. */
    static final Parallel PARALLEL = Parallel.ofMachine();

    private BestCasePass(boolean lstm, int nX, int nA, double[] w, double[] b) {
        this.lstm = lstm;
        this.nX = nX;
        this.nA = nA;
        this.rows = (lstm ? 4 : 1) * nA;
        this.width = nA + nX;
        this.w = w;
        this.b = b;
    }

    /** The RNN: Wax (n_a, n_x), Waa (n_a, n_a), ba (n_a), row-major, stacked as [Waa | Wax]. */
    static BestCasePass rnn(int nX, int nA, double[] wax, double[] waa, double[] ba) {
        double[] w = new double[nA * (nA + nX) + nA];
        for (int r = 0; r < nA; r++) {
            System.arraycopy(waa, r * nA, w, r * (nA + nX), nA);
            System.arraycopy(wax, r * nX, w, r * (nA + nX) + nA, nX);
        }
        return new BestCasePass(false, nX, nA, w, ba.clone());
    }

    /** The LSTM: Wf, Wi, Wc, Wo (n_a, n_a + n_x) and bf, bi, bc, bo (n_a), row-major, stacked in that order. */
    static BestCasePass lstm(int nX, int nA, double[][] weights, double[][] biases) {
        int size = nA * (nA + nX);
        double[] w = new double[4 * size + nA];
        double[] b = new double[4 * nA];
        for (int k = 0; k < 4; k++) {
            System.arraycopy(weights[k], 0, w, k * size, size);
            System.arraycopy(biases[k], 0, b, k * nA, nA);
        }
        return new BestCasePass(true, nX, nA, w, b);
    }

    /**
     * Forward and backward over x (n_x, m, T_x) from a0 (and c0, zeros if null) with upstream gradients da
     * (n_a, m, T_x), all row-major as a request holds them; the batch's columns cut into {@code blocks}
     * blocks, run across the cores.
     */
    Gradients run(double[] x, double[] a0, double[] c0, double[] da, int m, int timeSteps, int blocks) {
        double[] dx = new double[x.length];
        double[] da0 = new double[this.nA * m];
        double[] dc0 = this.lstm ? new double[this.nA * m] : null;
        double[][] dW = new double[blocks][];
        double[][] db = new double[blocks][];
        PARALLEL.rows(blocks, blocks > 1, (first, last) -> {
            for (int k = first; k < last; k++) {
                int from = m * k / blocks;
                int to = m * (k + 1) / blocks;
                dW[k] = new double[this.rows * this.width];
                db[k] = new double[this.rows];
                block(new Block(m, timeSteps, from, to), x, a0, c0, da, dx, da0, dc0, dW[k], db[k]);
            }
        });
        for (int k = 1; k < blocks; k++) {
            add(dW[0], dW[k]);
            add(db[0], db[k]);
        }
        return new Gradients(dx, da0, dc0, dW[0], db[0]);
    }

    /** Columns [from, to) of a batch of m over timeSteps steps. */
    private record Block(int m, int timeSteps, int from, int to) {

        int columns() {
            return to - from;
        }

        /** Where entry (row, example j of the block, step t) of a request's (rows, m, T_x) tensor lies. */
        int request(int row, int j, int t) {
            return (row * m + from + j) * timeSteps + t;
        }
    }

    private void block(Block k, double[] x, double[] a0, double[] c0, double[] da, double[] dx, double[] da0,
            double[] dc0, double[] dW, double[] db) {
        int nA = this.nA;
        int g = this.rows;
        int mb = k.columns();
        int steps = k.timeSteps();
        int cols = mb * steps;
        // column-major: an example's entries contiguous, step t's examples at columns [t·mb, (t+1)·mb)
        double[] xs = gather(x, this.nX, k);
        double[] das = gather(da, nA, k);
        // hidden states (and memories): block 0 the initial state, block t + 1 the state after step t
        double[] h = new double[nA * (cols + mb)];
        double[] c = this.lstm ? new double[nA * (cols + mb)] : null;
        double[] tanhC = this.lstm ? new double[nA * cols] : null;
        for (int r = 0; r < nA; r++) {
            for (int j = 0; j < mb; j++) {
                h[j * nA + r] = a0[r * k.m() + k.from() + j];
                if (c != null && c0 != null) {
                    c[j * nA + r] = c0[r * k.m() + k.from() + j];
                }
            }
        }
        // z: every step's input projection, the recurrent multiply then added in, then the gates in place
        double[] z = new double[g * cols];
        this.blas.dgemm("T", "N", g, cols, this.nX, 1.0, this.w, nA, this.width, xs, 0, this.nX, 0.0, z, 0, g);
        for (int t = 0; t < steps; t++) {
            this.blas.dgemm("T", "N", g, mb, nA, 1.0, this.w, 0, this.width, h, t * nA * mb, nA, 1.0, z, t * g * mb, g);
            for (int j = 0; j < mb; j++) {
                int zj = (t * mb + j) * g;
                int prev = (t * mb + j) * nA;
                int next = prev + nA * mb;
                if (this.lstm) {
                    // one activation to a loop, as the cells do: several calls of exp in one body cost more
                    for (int r = 0; r < nA; r++) {
                        z[zj + r] = Activations.sigmoid(z[zj + r] + this.b[r]);
                    }
                    for (int r = nA; r < 2 * nA; r++) {
                        z[zj + r] = Activations.sigmoid(z[zj + r] + this.b[r]);
                    }
                    for (int r = 2 * nA; r < 3 * nA; r++) {
                        z[zj + r] = Activations.tanh(z[zj + r] + this.b[r]);
                    }
                    for (int r = 3 * nA; r < 4 * nA; r++) {
                        z[zj + r] = Activations.sigmoid(z[zj + r] + this.b[r]);
                    }
                    for (int r = 0; r < nA; r++) {
                        c[next + r] = z[zj + r] * c[prev + r] + z[zj + nA + r] * z[zj + 2 * nA + r];
                    }
                    for (int r = 0; r < nA; r++) {
                        double tc = Activations.tanh(c[next + r]);
                        tanhC[prev + r] = tc;
                        h[next + r] = z[zj + 3 * nA + r] * tc;
                    }
                }
                else {
                    for (int r = 0; r < nA; r++) {
                        h[next + r] = Activations.tanh(z[zj + r] + this.b[r]);
                    }
                }
            }
        }
        // backward: dz over z's storage order, step t's gradient of the next state in dA (and dC)
        double[] dz = new double[g * cols];
        double[] dA = new double[nA * mb];
        double[] dC = this.lstm ? new double[nA * mb] : null;
        for (int t = steps - 1; t >= 0; t--) {
            for (int j = 0; j < mb; j++) {
                int zj = (t * mb + j) * g;
                int prev = (t * mb + j) * nA;
                int next = prev + nA * mb;
                int s = j * nA;
                if (this.lstm) {
                    for (int r = 0; r < nA; r++) {
                        double f = z[zj + r];
                        double i = z[zj + nA + r];
                        double cc = z[zj + 2 * nA + r];
                        double o = z[zj + 3 * nA + r];
                        double tc = tanhC[prev + r];
                        double dAr = das[prev + r] + dA[s + r];
                        double dc = dC[s + r] + dAr * o * (1 - tc * tc);
                        dz[zj + r] = dc * c[prev + r] * f * (1 - f);
                        dz[zj + nA + r] = dc * cc * i * (1 - i);
                        dz[zj + 2 * nA + r] = dc * i * (1 - cc * cc);
                        dz[zj + 3 * nA + r] = dAr * tc * o * (1 - o);
                        dC[s + r] = dc * f;
                    }
                }
                else {
                    for (int r = 0; r < nA; r++) {
                        double a = h[next + r];
                        dz[zj + r] = (1 - a * a) * (das[prev + r] + dA[s + r]);
                    }
                }
            }
            this.blas.dgemm("N", "N", nA, mb, g, 1.0, this.w, 0, this.width, dz, t * g * mb, g, 0.0, dA, 0, nA);
        }
        // the sums over steps, each one multiply: dW = dz·[a_prev; x]ᵀ, db = Σ dz, dx = W_inputᵀ·dz
        this.blas.dgemm("N", "T", nA, g, cols, 1.0, h, 0, nA, dz, 0, g, 0.0, dW, 0, this.width);
        this.blas.dgemm("N", "T", this.nX, g, cols, 1.0, xs, 0, this.nX, dz, 0, g, 0.0, dW, nA, this.width);
        for (int col = 0; col < cols; col++) {
            for (int r = 0; r < g; r++) {
                db[r] += dz[col * g + r];
            }
        }
        double[] dxs = new double[this.nX * cols];
        this.blas.dgemm("N", "N", this.nX, cols, g, 1.0, this.w, nA, this.width, dz, 0, g, 0.0, dxs, 0, this.nX);
        scatter(dxs, this.nX, k, dx);
        for (int r = 0; r < nA; r++) {
            for (int j = 0; j < mb; j++) {
                da0[r * k.m() + k.from() + j] = dA[j * nA + r];
                if (dc0 != null) {
                    dc0[r * k.m() + k.from() + j] = dC[j * nA + r];
                }
            }
        }
    }

    /** A request's (rows, m, T_x) tensor's block columns, column-major (rows, mb · T_x). */
    private static double[] gather(double[] tensor, int rows, Block k) {
        int mb = k.columns();
        double[] out = new double[rows * mb * k.timeSteps()];
        for (int r = 0; r < rows; r++) {
            for (int j = 0; j < mb; j++) {
                int from = k.request(r, j, 0);
                for (int t = 0; t < k.timeSteps(); t++) {
                    out[(t * mb + j) * rows + r] = tensor[from + t];
                }
            }
        }
        return out;
    }

    /** The inverse of {@link #gather}, into the block's columns of a request-shaped tensor. */
    private static void scatter(double[] blockMajor, int rows, Block k, double[] tensor) {
        int mb = k.columns();
        for (int r = 0; r < rows; r++) {
            for (int j = 0; j < mb; j++) {
                int to = k.request(r, j, 0);
                for (int t = 0; t < k.timeSteps(); t++) {
                    tensor[to + t] = blockMajor[(t * mb + j) * rows + r];
                }
            }
        }
    }

    /** A row-major array of {@code rows} rows as a matrix (not copied). */
    static Matrix matrix(double[] values, int rows) {
        return Matrix.wrap(values, rows, values.length / rows);
    }

    /** A request's row-major (rows, m, T_x) tensor as the service's time steps, as its reader lays them out. */
    static Steps steps(double[] tensor, int rows, int m, int timeSteps) {
        Steps out = Steps.zeros(rows, m, timeSteps);
        for (int t = 0; t < timeSteps; t++) {
            Matrix step = out.step(t);
            for (int i = 0; i < rows; i++) {
                for (int j = 0; j < m; j++) {
                    step.setEntry(i, j, tensor[(i * m + j) * timeSteps + t]);
                }
            }
        }
        return out;
    }

    private static void add(double[] into, double[] values) {
        for (int i = 0; i < into.length; i++) {
            into[i] += values[i];
        }
    }
}
