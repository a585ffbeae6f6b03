package com.rnnservice.math;

import static com.rnnservice.math.Matrices.multiply;
import static com.rnnservice.math.Matrices.transposeMultiply;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.RealMatrix;

/**
 * The basic RNN cell.
 *
 * <pre>
 * forward:   a_next = tanh(Wax·xt + Waa·a_prev + ba)
 * backward:  dz     = (1 − a_next²) ⊙ da_next
 *            dxt    = Waxᵀ·dz          dWax = dz·xtᵀ
 *            da_prev = Waaᵀ·dz         dWaa = dz·a_prevᵀ
 *            dba    = Σ_columns dz
 * </pre>
 *
 * Shapes: {@code Wax} (n_a, n_x), {@code Waa} (n_a, n_a), {@code ba} (n_a, 1).
 */
public final class RnnCell implements Cell<RnnCell.Step> {

    /** The RNN's parameters; its output layer is {@code Wya}, {@code by}. */
    public static final CellType TYPE = new CellType("rnn", 1,
            List.of(ParameterShape.matrix("Wax", "n_a", "n_x"), ParameterShape.matrix("Waa", "n_a", "n_a"),
                    ParameterShape.bias("ba", "n_a")),
            false, "Wya", p -> new RnnCell(p.get("Wax"), p.get("Waa"), p.get("ba")));

    private final RealMatrix wax;

    private final RealMatrix waa;

    private final double[] ba;

    /**
     * @param wax input weights, (n_a, n_x)
     * @param waa recurrent weights, (n_a, n_a)
     * @param ba bias, (n_a, 1)
     */
    public RnnCell(RealMatrix wax, RealMatrix waa, RealMatrix ba) {
        this.wax = Weights.of(wax);
        this.waa = Weights.of(waa);
        this.ba = ba.getColumn(0);
    }

    @Override
    public RealMatrix inputWeights() {
        return this.wax;
    }

    @Override
    public Step forward(RealMatrix xt, RealMatrix projection, State prev) {
        RealMatrix aPrev = prev.a();
        // a_next = tanh(Wax·xt + Waa·a_prev + ba), in place in the product's fresh storage
        RealMatrix aNext = multiply(this.waa, aPrev);
        double[][] a = Matrices.data(aNext);
        double[][] p = Matrices.data(projection);
        int m = aPrev.getColumnDimension();
        Parallel.rows(a.length, Activations.split(a.length, m), (from, to) -> {
            for (int i = from; i < to; i++) {
                double[] ai = a[i];
                double[] pi = p[i];
                double b = this.ba[i];
                for (int j = 0; j < ai.length; j++) {
                    ai[j] = Activations.tanh(pi[j] + ai[j] + b);
                }
            }
        });
        return new Step(xt, aPrev, aNext);
    }

    @Override
    public StepGradients backward(Step step, State dNext) {
        double[][] a = Matrices.data(step.aNext);
        double[][] da = Matrices.data(dNext.a());
        double[][] dz = new double[a.length][];
        int m = step.aNext.getColumnDimension();
        Parallel.rows(a.length, Activations.split(a.length, m), (from, to) -> {
            for (int i = from; i < to; i++) {
                double[] ai = a[i];
                double[] dai = da[i];
                double[] row = new double[ai.length];
                for (int j = 0; j < ai.length; j++) {
                    row[j] = (1 - ai[j] * ai[j]) * dai[j];
                }
                dz[i] = row;
            }
        });
        RealMatrix dzMatrix = new Array2DRowRealMatrix(dz, false);
        return new StepGradients(this, step.xt, dzMatrix, State.of(transposeMultiply(this.waa, dzMatrix)),
                List.of(new StepGradients.HiddenFactor(0, a.length, step.aPrev)));
    }

    @Override
    public Map<String, RealMatrix> parameterGradients(RealMatrix dHidden, RealMatrix dInput, RealMatrix dBias) {
        Map<String, RealMatrix> gradients = new LinkedHashMap<>();
        gradients.put("dWax", dInput);
        gradients.put("dWaa", dHidden);
        gradients.put("dba", dBias);
        return gradients;
    }

    /**
     * One forward step of the RNN.
     *
     * @param xt the input, (n_x, m)
     * @param aPrev the hidden state before the step, (n_a, m)
     * @param aNext the hidden state after it, (n_a, m)
     */
    public record Step(RealMatrix xt, RealMatrix aPrev, RealMatrix aNext) implements Cell.Step {

        @Override
        public State next() {
            return State.of(this.aNext);
        }

        @Override
        public Map<String, RealMatrix> gates() {
            return Map.of();
        }
    }
}
