package com.rnnservice.math;

import static com.rnnservice.math.Matrices.addColumn;
import static com.rnnservice.math.Matrices.hadamard;
import static com.rnnservice.math.Matrices.multiply;
import static com.rnnservice.math.Matrices.rowSums;
import static com.rnnservice.math.Matrices.tanh;
import static com.rnnservice.math.Matrices.tanhDerivative;
import static com.rnnservice.math.Matrices.transposeMultiply;

import java.util.List;
import java.util.Map;

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

    private final RealMatrix ba;

    /**
     * @param wax input weights, (n_a, n_x)
     * @param waa recurrent weights, (n_a, n_a)
     * @param ba bias, (n_a, 1)
     */
    public RnnCell(RealMatrix wax, RealMatrix waa, RealMatrix ba) {
        this.wax = Weights.of(wax);
        this.waa = Weights.of(waa);
        this.ba = ba;
    }

    @Override
    public RealMatrix inputWeights() {
        return this.wax;
    }

    @Override
    public Step forward(RealMatrix xt, RealMatrix projection, State prev) {
        RealMatrix aPrev = prev.a();
        RealMatrix aNext = tanh(addColumn(projection.add(multiply(this.waa, aPrev)), this.ba));
        return new Step(xt, aPrev, aNext);
    }

    @Override
    public StepGradients backward(Step step, State dNext) {
        RealMatrix dz = hadamard(tanhDerivative(step.aNext), dNext.a());
        return new StepGradients(this.wax, dz, State.of(transposeMultiply(this.waa, dz)),
                Map.of("dba", rowSums(dz)),
                Map.of("dWax", new OuterProduct(dz, step.xt), "dWaa", new OuterProduct(dz, step.aPrev)));
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
