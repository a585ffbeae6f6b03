package com.rnnservice.math;

import java.util.Map;

/** A rule that turns parameters and their gradients into new parameters, in place. */
public sealed interface Optimizer permits Optimizer.Sgd, Optimizer.Adam {

    /**
     * One update.
     *
     * @param parameters the parameters by name; modified
     * @param gradients ∂L/∂ each parameter, by the parameter's name; not modified
     * @param state the optimizer's memory, advanced by one step; modified
     */
    void update(Map<String, Matrix> parameters, Map<String, Matrix> gradients, OptimizerState state);

    /** Plain gradient descent: θ ← θ − η·g. */
    record Sgd(double learningRate) implements Optimizer {

        @Override
        public void update(Map<String, Matrix> parameters, Map<String, Matrix> gradients, OptimizerState state) {
            state.advance();
            parameters.forEach((name, theta) -> {
                Matrix g = gradients.get(name);
                Check.sameShape("the gradient of " + name, g, name, theta);
                for (int i = 0; i < theta.rows; i++) {
                    int t = theta.offset + i * theta.stride;
                    int d = g.offset + i * g.stride;
                    for (int j = 0; j < theta.cols; j++) {
                        theta.data[t + j] = theta.data[t + j] - g.data[d + j] * this.learningRate;
                    }
                }
            });
        }
    }

    /**
     * Adam (Kingma and Ba, 2015), with bias correction: with t the step count after this step,
     * m ← β1·m + (1 − β1)·g,  v ← β2·v + (1 − β2)·g²,  θ ← θ − η·m̂ / (√v̂ + ε) where
     * m̂ = m / (1 − β1^t) and v̂ = v / (1 − β2^t).
     */
    record Adam(double learningRate, double beta1, double beta2, double epsilon) implements Optimizer {

        @Override
        public void update(Map<String, Matrix> parameters, Map<String, Matrix> gradients, OptimizerState state) {
            int t = state.advance();
            double correction1 = 1 - Math.pow(this.beta1, t);
            double correction2 = 1 - Math.pow(this.beta2, t);
            parameters.forEach((name, theta) -> {
                Matrix g = gradients.get(name);
                Check.sameShape("the gradient of " + name, g, name, theta);
                Matrix m = state.firstMoment(name, theta);
                Matrix v = state.secondMoment(name, theta);
                for (int i = 0; i < theta.rows; i++) {
                    for (int j = 0; j < theta.cols; j++) {
                        double gij = g.data[g.offset + i * g.stride + j];
                        int mi = m.offset + i * m.stride + j;
                        int vi = v.offset + i * v.stride + j;
                        m.data[mi] = this.beta1 * m.data[mi] + (1 - this.beta1) * gij;
                        v.data[vi] = this.beta2 * v.data[vi] + (1 - this.beta2) * gij * gij;
                        double mHat = m.data[mi] / correction1;
                        double vHat = v.data[vi] / correction2;
                        theta.data[theta.offset + i * theta.stride + j] -= this.learningRate * mHat / (Math.sqrt(vHat) + this.epsilon);
                    }
                }
            });
        }
    }
}
