package com.rnnservice.math;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.ToDoubleFunction;

/** Central finite differences of a scalar loss against analytic gradients, and the tensors the checks draw. */
final class FiniteDifferences {

    /** Step of the central differences (f(v + h) − f(v − h)) / 2h. */
    static final double H = 1e-5;

    /** Allowed gap between analytic and numeric gradients, relative to max(1, |gradient|). */
    static final double TOLERANCE = 1e-7;

    private FiniteDifferences() {
    }

    /**
     * Every entry of every input, perturbed both ways in a copy: the analytic gradient of each must match the central
     * difference of {@code loss}; {@code analytic} has exactly the inputs' names and shapes.
     */
    static void assertMatches(Map<String, Matrix> inputs, Map<String, Matrix> analytic,
            ToDoubleFunction<Map<String, Matrix>> loss) {
        assertThat(analytic.keySet()).containsExactlyInAnyOrderElementsOf(inputs.keySet());
        List<String> failures = new ArrayList<>();
        inputs.forEach((name, value) -> {
            Matrix gradient = analytic.get(name);
            assertThat(gradient.getRowDimension()).as(name + " rows").isEqualTo(value.getRowDimension());
            assertThat(gradient.getColumnDimension()).as(name + " columns").isEqualTo(value.getColumnDimension());
            for (int i = 0; i < value.getRowDimension(); i++) {
                for (int j = 0; j < value.getColumnDimension(); j++) {
                    double numeric = (loss.applyAsDouble(perturbed(inputs, name, i, j, H))
                            - loss.applyAsDouble(perturbed(inputs, name, i, j, -H))) / (2 * H);
                    double exact = gradient.getEntry(i, j);
                    if (Math.abs(exact - numeric) > TOLERANCE * Math.max(1, Math.abs(numeric))) {
                        failures.add(name + "[" + i + "][" + j + "]: analytic " + exact + ", numeric " + numeric);
                    }
                }
            }
        });
        assertThat(failures).isEmpty();
    }

    private static Map<String, Matrix> perturbed(Map<String, Matrix> inputs, String name, int i, int j, double delta) {
        Map<String, Matrix> copy = new LinkedHashMap<>(inputs);
        Matrix changed = inputs.get(name).copy();
        changed.addToEntry(i, j, delta);
        copy.put(name, changed);
        return copy;
    }

    /** A (rows, cols) matrix of standard normal entries times {@code scale}. */
    static Matrix random(Random random, int rows, int cols, double scale) {
        Matrix m = new Matrix(rows, cols);
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                m.setEntry(i, j, random.nextGaussian() * scale);
            }
        }
        return m;
    }

    /** A cell's parameters with random entries times {@code scale}, at the sizes its declared shapes give. */
    static Map<String, Matrix> parameters(CellType type, Random random, int nX, int nA, double scale) {
        Map<Symbol, Integer> sizes = new EnumMap<>(Symbol.class);
        sizes.put(Symbol.N_X, nX);
        sizes.put(Symbol.N_A, nA);
        Map<String, Matrix> parameters = new LinkedHashMap<>();
        for (ParameterShape shape : type.parameters()) {
            parameters.put(shape.name(), random(random, shape.rows().value(sizes), shape.columns().value(sizes), scale));
        }
        return parameters;
    }

    /** sum(a ⊙ weights). */
    static double sum(Matrix a, Matrix weights) {
        double total = 0;
        for (int i = 0; i < a.getRowDimension(); i++) {
            for (int j = 0; j < a.getColumnDimension(); j++) {
                total += a.getEntry(i, j) * weights.getEntry(i, j);
            }
        }
        return total;
    }

    /** Steps x0 … x(T−1) of the named inputs, copied side by side. */
    static Steps steps(Map<String, Matrix> inputs, String prefix, int count) {
        List<Matrix> steps = new ArrayList<>();
        for (int t = 0; t < count; t++) {
            steps.add(inputs.get(prefix + t));
        }
        return Steps.of(steps);
    }
}
