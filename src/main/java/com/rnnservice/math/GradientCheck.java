package com.rnnservice.math;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.DoubleSupplier;

/**
 * Analytic gradients against central differences, the course's gradient check: for every input x,
 * g_num[x] = (L(x + ε) − L(x − ε)) / 2ε entry by entry, and the relative difference
 * ‖g − g_num‖ / (‖g‖ + ‖g_num‖), with 0/0 counted as 0.
 */
public final class GradientCheck {

    private GradientCheck() {
    }

    /**
     * The relative difference of each variable's analytic gradient from central differences of {@code loss}.
     *
     * @param variables every variable by name; its entries are perturbed in place, one at a time, and restored
     * @param analytic the analytic gradient of each variable, same names and shapes; not modified
     * @param loss the loss at the variables as they are when it is called
     * @param epsilon the step ε
     * @return the relative difference of each variable, in the order of {@code variables}
     */
    public static Map<String, Double> relativeDifferences(Map<String, Matrix> variables, Map<String, Matrix> analytic,
            DoubleSupplier loss, double epsilon) {
        Map<String, Double> differences = new LinkedHashMap<>();
        variables.forEach((name, matrix) -> {
            Matrix g = analytic.get(name);
            Check.sameShape("the gradient of " + name, g, name, matrix);
            Matrix numeric = new Matrix(matrix.rows, matrix.cols);
            for (int i = 0; i < matrix.rows; i++) {
                for (int j = 0; j < matrix.cols; j++) {
                    int at = matrix.offset + i * matrix.stride + j;
                    double original = matrix.data[at];
                    matrix.data[at] = original + epsilon;
                    double plus = loss.getAsDouble();
                    matrix.data[at] = original - epsilon;
                    double minus = loss.getAsDouble();
                    matrix.data[at] = original;
                    numeric.data[i * numeric.cols + j] = (plus - minus) / (2 * epsilon);
                }
            }
            differences.put(name, relativeDifference(g, numeric));
        });
        return differences;
    }

    /** ‖g − g_num‖ / (‖g‖ + ‖g_num‖), 0 when both are zero. */
    public static double relativeDifference(Matrix g, Matrix gNum) {
        Check.sameShape("g", g, "g_num", gNum);
        double diff = 0;
        double normG = 0;
        double normNum = 0;
        for (int i = 0; i < g.rows; i++) {
            for (int j = 0; j < g.cols; j++) {
                double a = g.data[g.offset + i * g.stride + j];
                double b = gNum.data[gNum.offset + i * gNum.stride + j];
                diff += (a - b) * (a - b);
                normG += a * a;
                normNum += b * b;
            }
        }
        double denominator = Math.sqrt(normG) + Math.sqrt(normNum);
        return denominator == 0 ? 0 : Math.sqrt(diff) / denominator;
    }
}
