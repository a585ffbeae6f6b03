package com.rnnservice.math;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;

/** The gradient check tells our gradients from wrong ones. */
class GradientCheckTest {

    private final Random random = new Random(11);

    @Test
    void ourGradientsDifferByLittleAndAPerturbedOneByMuch() {
        Sequence driver = new Sequence(Kernel.blas(new Parallel(1)));
        Parameters parameters = Parameters.of(CellTypes.RNN, FiniteDifferences.parameters(CellTypes.RNN, this.random, 3, 4, 1));
        Cell cell = CellTypes.RNN.cell(parameters);
        Steps x = new Steps(FiniteDifferences.random(this.random, 3, 4, 1), 2);
        Matrix a0 = FiniteDifferences.random(this.random, 4, 2, 1);
        Steps da = new Steps(FiniteDifferences.random(this.random, 4, 4, 1), 2);
        SequenceGradients g = driver.gradients(cell, x, State.of(a0), da);

        Map<String, Matrix> variables = new LinkedHashMap<>();
        variables.put("x", x.all());
        variables.put("a0", a0);
        variables.putAll(parameters.named());
        Map<String, Matrix> analytic = new LinkedHashMap<>();
        analytic.put("x", g.dx().all());
        analytic.put("a0", g.dInitial().a());
        parameters.named().keySet().forEach(name -> analytic.put(name, g.parameters().get("d" + name)));
        Matrix wrong = g.parameters().get("dWaa").copy();
        wrong.addToEntry(1, 2, 0.05);
        Map<String, Matrix> perturbed = new LinkedHashMap<>(analytic);
        perturbed.put("Waa", wrong);

        // the variables are the arrays the forward pass reads: the check perturbs them in place
        java.util.function.DoubleSupplier loss = () -> FiniteDifferences.sum(driver.forward(cell, x, State.of(a0)).outputs().all(),
                da.all());
        Map<String, Double> good = GradientCheck.relativeDifferences(variables, analytic, loss, 1e-7);
        Map<String, Double> bad = GradientCheck.relativeDifferences(variables, perturbed, loss, 1e-7);

        assertThat(good).allSatisfy((name, difference) -> assertThat(difference).as(name).isLessThan(1e-7));
        assertThat(bad.get("Waa")).isGreaterThan(1e-3);
        assertThat(bad.get("Wax")).isEqualTo(good.get("Wax"));
    }

    @Test
    void zeroAgainstZeroIsNoDifference() {
        Matrix zero = new Matrix(2, 2);
        assertThat(GradientCheck.relativeDifference(zero, zero)).isZero();
    }
}
