package com.rnnservice.math;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.ToDoubleFunction;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.RealMatrix;

/** Central finite differences of a scalar loss against analytic gradients, and the tensors the checks draw. */
final class FiniteDifferences {

    /** Step of the central differences (f(v + h) − f(v − h)) / 2h. */
    static final double H = 1e-5;

    /** Allowed gap between analytic and numeric gradients, relative to max(1, |gradient|). */
    static final double TOLERANCE = 1e-7;

    private FiniteDifferences() {
    }

    /**
     * Every entry of every input, perturbed both ways: the analytic gradient of each must match the
     * central difference of {@code loss}; {@code analytic} has exactly the inputs' names and shapes.
     */
    static void assertMatches(Map<String, RealMatrix> inputs, Map<String, RealMatrix> analytic,
            ToDoubleFunction<Map<String, RealMatrix>> loss) {
        assertThat(analytic.keySet()).containsExactlyInAnyOrderElementsOf(inputs.keySet());
        List<String> failures = new ArrayList<>();
        inputs.forEach((name, value) -> {
            RealMatrix gradient = analytic.get(name);
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

    private static Map<String, RealMatrix> perturbed(Map<String, RealMatrix> inputs, String name, int i, int j,
            double delta) {
        Map<String, RealMatrix> copy = new LinkedHashMap<>(inputs);
        RealMatrix changed = inputs.get(name).copy();
        changed.addToEntry(i, j, delta);
        copy.put(name, changed);
        return copy;
    }

    /** A (rows, cols) matrix of standard normal entries times {@code scale}. */
    static RealMatrix random(Random random, int rows, int cols, double scale) {
        double[][] data = new double[rows][cols];
        for (double[] row : data) {
            for (int j = 0; j < cols; j++) {
                row[j] = random.nextGaussian() * scale;
            }
        }
        return new Array2DRowRealMatrix(data, false);
    }

    /** A cell's parameters with random entries times {@code scale}, at the sizes its symbolic shapes give. */
    static Map<String, RealMatrix> parameters(CellType type, Random random, int nX, int nA, double scale) {
        Map<String, RealMatrix> parameters = new LinkedHashMap<>();
        for (ParameterShape shape : type.parameters()) {
            parameters.put(shape.name(), random(random, size(shape.rows(), nX, nA), size(shape.columns(), nX, nA), scale));
        }
        return parameters;
    }

    /** A symbolic dimension ("n_a + n_x", "n_a", "1") at the given sizes. */
    static int size(String dim, int nX, int nA) {
        int total = 0;
        for (String term : dim.split(" \\+ ")) {
            total += switch (term) {
                case "n_x" -> nX;
                case "n_a" -> nA;
                default -> Integer.parseInt(term);
            };
        }
        return total;
    }

    /** sum(a ⊙ weights). */
    static double sum(RealMatrix a, RealMatrix weights) {
        double total = 0;
        for (int i = 0; i < a.getRowDimension(); i++) {
            for (int j = 0; j < a.getColumnDimension(); j++) {
                total += a.getEntry(i, j) * weights.getEntry(i, j);
            }
        }
        return total;
    }
}
