package com.rnnservice.math;

import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.RealMatrix;

/** A rule that turns parameters and their gradients into new parameters. */
public sealed interface Optimizer permits Optimizer.Sgd, Optimizer.Adam {

    /**
     * One update.
     *
     * @param parameters the parameters by name; not modified
     * @param gradients ∂L/∂ each parameter, by the parameter's name; not modified
     * @param state the optimizer's memory, advanced by one step; modified
     * @return the new parameters
     */
    Map<String, RealMatrix> update(Map<String, RealMatrix> parameters, Map<String, RealMatrix> gradients,
            OptimizerState state);

    /** Plain gradient descent: θ ← θ − η·g. */
    record Sgd(double learningRate) implements Optimizer {

        @Override
        public Map<String, RealMatrix> update(Map<String, RealMatrix> parameters, Map<String, RealMatrix> gradients,
                OptimizerState state) {
            state.advance();
            Map<String, RealMatrix> next = new LinkedHashMap<>();
            parameters.forEach((name, theta) -> next.put(name,
                    theta.subtract(gradients.get(name).scalarMultiply(this.learningRate))));
            return next;
        }
    }

    /**
     * Adam (Kingma and Ba, 2015), with bias correction: with t the step count after this step,
     * m ← β1·m + (1 − β1)·g,  v ← β2·v + (1 − β2)·g²,  θ ← θ − η·m̂ / (√v̂ + ε) where
     * m̂ = m / (1 − β1^t) and v̂ = v / (1 − β2^t).
     */
    record Adam(double learningRate, double beta1, double beta2, double epsilon) implements Optimizer {

        @Override
        public Map<String, RealMatrix> update(Map<String, RealMatrix> parameters, Map<String, RealMatrix> gradients,
                OptimizerState state) {
            int t = state.advance();
            double correction1 = 1 - Math.pow(this.beta1, t);
            double correction2 = 1 - Math.pow(this.beta2, t);
            Map<String, RealMatrix> next = new LinkedHashMap<>();
            parameters.forEach((name, theta) -> {
                double[][] g = Matrices.data(gradients.get(name));
                double[][] m = Matrices.data(state.firstMoment(name, theta));
                double[][] v = Matrices.data(state.secondMoment(name, theta));
                double[][] out = Matrices.copyRows(theta);
                for (int i = 0; i < out.length; i++) {
                    for (int j = 0; j < out[i].length; j++) {
                        m[i][j] = this.beta1 * m[i][j] + (1 - this.beta1) * g[i][j];
                        v[i][j] = this.beta2 * v[i][j] + (1 - this.beta2) * g[i][j] * g[i][j];
                        double mHat = m[i][j] / correction1;
                        double vHat = v[i][j] / correction2;
                        out[i][j] -= this.learningRate * mHat / (Math.sqrt(vHat) + this.epsilon);
                    }
                }
                next.put(name, new Array2DRowRealMatrix(out, false));
            });
            return next;
        }
    }
}
