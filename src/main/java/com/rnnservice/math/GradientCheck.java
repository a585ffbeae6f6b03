package com.rnnservice.math;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

import org.apache.commons.math3.linear.RealMatrix;

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
     * @param variables each variable as one or more matrices (a sequence's x is one per step), by name;
     *        entries are perturbed in place and restored
     * @param analytic the analytic gradient of each variable, same names and shapes; not modified
     * @param loss the loss as a function of the variables
     * @param epsilon the step ε
     * @return the relative difference of each variable, in the order of {@code variables}
     */
    public static Map<String, Double> relativeDifferences(Map<String, List<RealMatrix>> variables,
            Map<String, List<RealMatrix>> analytic, ToDoubleFunction<Map<String, List<RealMatrix>>> loss,
            double epsilon) {
        Map<String, Double> differences = new LinkedHashMap<>();
        variables.forEach((name, matrices) -> {
            List<RealMatrix> numeric = new ArrayList<>();
            for (RealMatrix matrix : matrices) {
                RealMatrix g = Matrices.zeros(matrix.getRowDimension(), matrix.getColumnDimension());
                for (int i = 0; i < matrix.getRowDimension(); i++) {
                    for (int j = 0; j < matrix.getColumnDimension(); j++) {
                        double original = matrix.getEntry(i, j);
                        matrix.setEntry(i, j, original + epsilon);
                        double plus = loss.applyAsDouble(variables);
                        matrix.setEntry(i, j, original - epsilon);
                        double minus = loss.applyAsDouble(variables);
                        matrix.setEntry(i, j, original);
                        g.setEntry(i, j, (plus - minus) / (2 * epsilon));
                    }
                }
                numeric.add(g);
            }
            differences.put(name, relativeDifference(analytic.get(name), numeric));
        });
        return differences;
    }

    /** ‖g − g_num‖ / (‖g‖ + ‖g_num‖) over all entries of the matrices, 0 when both are zero. */
    public static double relativeDifference(List<RealMatrix> g, List<RealMatrix> gNum) {
        double diff = 0;
        double normG = 0;
        double normNum = 0;
        for (int k = 0; k < g.size(); k++) {
            double d = g.get(k).subtract(gNum.get(k)).getFrobeniusNorm();
            double a = g.get(k).getFrobeniusNorm();
            double b = gNum.get(k).getFrobeniusNorm();
            diff += d * d;
            normG += a * a;
            normNum += b * b;
        }
        double denominator = Math.sqrt(normG) + Math.sqrt(normNum);
        return denominator == 0 ? 0 : Math.sqrt(diff) / denominator;
    }
}
