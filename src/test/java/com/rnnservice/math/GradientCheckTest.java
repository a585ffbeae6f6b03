package com.rnnservice.math;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.apache.commons.math3.linear.RealMatrix;
import org.junit.jupiter.api.Test;

/** The gradient check tells our gradients from wrong ones. */
class GradientCheckTest {

    private final Random random = new Random(11);

    @Test
    void ourGradientsDifferByLittleAndAPerturbedOneByMuch() {
        Map<String, RealMatrix> parameters = new LinkedHashMap<>();
        parameters.put("Wax", CellContractTest.random(this.random, 4, 3));
        parameters.put("Waa", CellContractTest.random(this.random, 4, 4));
        parameters.put("ba", CellContractTest.random(this.random, 4, 1));
        List<RealMatrix> x = List.of(CellContractTest.random(this.random, 3, 2), CellContractTest.random(this.random, 3, 2));
        RealMatrix a0 = CellContractTest.random(this.random, 4, 2);
        List<RealMatrix> da = List.of(CellContractTest.random(this.random, 4, 2), CellContractTest.random(this.random, 4, 2));
        Cell<RnnCell.Step> cell = new RnnCell(parameters.get("Wax"), parameters.get("Waa"), parameters.get("ba"));
        SequenceGradients g = Sequence.backward(cell, Sequence.forward(cell, x, State.of(a0)), da);

        Map<String, List<RealMatrix>> variables = new LinkedHashMap<>();
        variables.put("x", x);
        variables.put("a0", List.of(a0));
        parameters.forEach((name, value) -> variables.put(name, List.of(value)));
        Map<String, List<RealMatrix>> analytic = new LinkedHashMap<>();
        analytic.put("x", g.dx());
        analytic.put("a0", List.of(g.dInitial().a()));
        parameters.keySet().forEach(name -> analytic.put(name, List.of(g.parameters().get("d" + name))));
        RealMatrix wrong = g.parameters().get("dWaa").copy();
        wrong.addToEntry(1, 2, 0.05);
        Map<String, List<RealMatrix>> perturbed = new LinkedHashMap<>(analytic);
        perturbed.put("Waa", List.of(wrong));

        Map<String, Double> good = GradientCheck.relativeDifferences(variables, analytic, v -> loss(v, da), 1e-7);
        Map<String, Double> bad = GradientCheck.relativeDifferences(variables, perturbed, v -> loss(v, da), 1e-7);

        assertThat(good).allSatisfy((name, difference) -> assertThat(difference).as(name).isLessThan(1e-7));
        assertThat(bad.get("Waa")).isGreaterThan(1e-3);
        assertThat(bad.get("Wax")).isEqualTo(good.get("Wax"));
    }

    @Test
    void zeroAgainstZeroIsNoDifference() {
        RealMatrix zero = Matrices.zeros(2, 2);
        assertThat(GradientCheck.relativeDifference(List.of(zero), List.of(zero))).isZero();
    }

    private static double loss(Map<String, List<RealMatrix>> v, List<RealMatrix> da) {
        Cell<RnnCell.Step> cell = new RnnCell(v.get("Wax").get(0), v.get("Waa").get(0), v.get("ba").get(0));
        List<RnnCell.Step> steps = Sequence.forward(cell, v.get("x"), State.of(v.get("a0").get(0)));
        double total = 0;
        for (int t = 0; t < steps.size(); t++) {
            RealMatrix a = steps.get(t).aNext();
            for (int i = 0; i < a.getRowDimension(); i++) {
                for (int j = 0; j < a.getColumnDimension(); j++) {
                    total += a.getEntry(i, j) * da.get(t).getEntry(i, j);
                }
            }
        }
        return total;
    }
}
