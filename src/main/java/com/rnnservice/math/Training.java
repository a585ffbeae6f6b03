package com.rnnservice.math;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.apache.commons.math3.linear.RealMatrix;
import org.jspecify.annotations.Nullable;

/**
 * Gradient steps on one batch: the loss and gradients of {@link SequenceLoss}, optional clipping, then
 * an {@link Optimizer} update, repeated.
 */
public final class Training {

    /** PyTorch's {@code clip_grad_norm_} adds this to the norm before dividing. */
    private static final double NORM_EPSILON = 1e-6;

    private Training() {
    }

    /**
     * How to train.
     *
     * @param steps how many updates, at least one
     * @param clipValue if set, every gradient entry is first clipped to [−clipValue, clipValue] (the course's {@code clip})
     * @param clipNorm if set, all gradients are then scaled by min(1, clipNorm / (‖g‖ + 1e-6)), ‖g‖ the L2
     *        norm over every parameter gradient together, as PyTorch's {@code clip_grad_norm_}
     */
    public record Settings(int steps, Optimizer optimizer, @Nullable Double clipValue, @Nullable Double clipNorm) {
    }

    /**
     * What training produced.
     *
     * @param parameters the parameters after the last step, by name
     * @param losses the loss before each step
     */
    public record Outcome(Map<String, RealMatrix> parameters, double[] losses) {
    }

    /**
     * What one evaluation of the objective gives: the loss and every parameter's gradient.
     *
     * @param gradients keyed as the parameters are
     */
    public record Evaluation(double loss, Map<String, RealMatrix> gradients) {
    }

    /**
     * Trains the cell's parameters and the output layer's together on one batch.
     *
     * @param parameters the cell's parameters and {@code type.outputWeights()}, {@code by}; not modified
     * @param targets as {@link SequenceLoss#evaluate}
     * @param weights as {@link SequenceLoss#evaluate}
     * @param state the optimizer's memory; advanced by {@code settings.steps()} steps
     */
    public static Outcome train(CellType type, Map<String, RealMatrix> parameters, List<RealMatrix> x, State initial,
            List<RealMatrix> targets, double[][] weights, Settings settings, OptimizerState state) {
        return train(parameters, current -> {
            SequenceLoss.Result result = evaluate(type, current, x, initial, targets, weights);
            return new Evaluation(result.loss(), parameterGradients(type, result));
        }, settings, state);
    }

    /**
     * Trains a network's parameters, every layer's and direction's, and the output layer's together on
     * one batch; the initial states stay as given.
     *
     * @param output the output layer on the top layer's output
     * @param targets as {@link SequenceLoss#evaluate}
     * @param weights as {@link SequenceLoss#evaluate}
     * @param state the optimizer's memory, keyed by parameter path ({@link NetworkParameters#byPath()},
     *        {@link NetworkParameters#OUTPUT_WEIGHTS}, {@link NetworkParameters#OUTPUT_BIAS})
     * @return the parameters after the last step by path, as the optimizer state keys them
     */
    public static Outcome train(NetworkParameters network, OutputLayer output, List<RealMatrix> x,
            List<RealMatrix> targets, double[][] weights, Settings settings, OptimizerState state) {
        Map<String, RealMatrix> parameters = new LinkedHashMap<>(network.byPath());
        parameters.put(NetworkParameters.OUTPUT_WEIGHTS, output.wy());
        parameters.put(NetworkParameters.OUTPUT_BIAS, output.by());
        return train(parameters, current -> {
            NetworkParameters layers = network.withPaths(current);
            Network.Loss loss = layers.build().loss(new OutputLayer(current.get(NetworkParameters.OUTPUT_WEIGHTS),
                    current.get(NetworkParameters.OUTPUT_BIAS)), x, targets, weights);
            Map<String, RealMatrix> gradients = layers.gradientsByPath(loss.network());
            gradients.put(NetworkParameters.OUTPUT_WEIGHTS, loss.dWy());
            gradients.put(NetworkParameters.OUTPUT_BIAS, loss.dby());
            return new Evaluation(loss.loss(), gradients);
        }, settings, state);
    }

    /**
     * The training loop: evaluate, clip, update, {@code settings.steps()} times.
     *
     * @param parameters by name; not modified
     * @param objective the loss and gradients at given parameters
     */
    public static Outcome train(Map<String, RealMatrix> parameters,
            Function<Map<String, RealMatrix>, Evaluation> objective, Settings settings, OptimizerState state) {
        Map<String, RealMatrix> current = new LinkedHashMap<>(parameters);
        double[] losses = new double[settings.steps()];
        for (int s = 0; s < settings.steps(); s++) {
            Evaluation evaluation = objective.apply(current);
            losses[s] = evaluation.loss();
            Map<String, RealMatrix> gradients = evaluation.gradients();
            if (settings.clipValue() != null) {
                gradients = clipValue(gradients, settings.clipValue());
            }
            if (settings.clipNorm() != null) {
                gradients = clipNorm(gradients, settings.clipNorm());
            }
            current = settings.optimizer().update(current, gradients, state);
        }
        return new Outcome(current, losses);
    }

    /** The loss and gradients of the network these parameters (cell and output layer) describe. */
    public static SequenceLoss.Result evaluate(CellType type, Map<String, RealMatrix> parameters, List<RealMatrix> x,
            State initial, List<RealMatrix> targets, double[][] weights) {
        OutputLayer output = new OutputLayer(parameters.get(type.outputWeights()), parameters.get(CellType.OUTPUT_BIAS));
        return evaluate(type.create(parameters), output, x, initial, targets, weights);
    }

    private static <S extends Cell.Step> SequenceLoss.Result evaluate(Cell<S> cell, OutputLayer output,
            List<RealMatrix> x, State initial, List<RealMatrix> targets, double[][] weights) {
        return SequenceLoss.evaluate(cell, output, x, initial, targets, weights);
    }

    /** Every parameter's gradient, the output layer's included, keyed by the parameter's name (Wax, not dWax). */
    public static Map<String, RealMatrix> parameterGradients(CellType type, SequenceLoss.Result result) {
        Map<String, RealMatrix> gradients = new LinkedHashMap<>();
        for (ParameterShape shape : type.parameters()) {
            gradients.put(shape.name(), result.sequence().parameters().get(shape.gradientName()));
        }
        gradients.put(type.outputWeights(), result.dWy());
        gradients.put(CellType.OUTPUT_BIAS, result.dby());
        return gradients;
    }

    /** Every entry clipped to [−limit, limit]. */
    static Map<String, RealMatrix> clipValue(Map<String, RealMatrix> gradients, double limit) {
        Map<String, RealMatrix> clipped = new LinkedHashMap<>();
        gradients.forEach((name, g) -> clipped.put(name, Matrices.map(g, v -> Math.max(-limit, Math.min(limit, v)))));
        return clipped;
    }

    /** All gradients scaled by min(1, maxNorm / (‖g‖ + 1e-6)), ‖g‖ the norm of the per-parameter norms. */
    static Map<String, RealMatrix> clipNorm(Map<String, RealMatrix> gradients, double maxNorm) {
        double squares = 0;
        for (RealMatrix g : gradients.values()) {
            double norm = g.getFrobeniusNorm();
            squares += norm * norm;
        }
        double scale = Math.min(1.0, maxNorm / (Math.sqrt(squares) + NORM_EPSILON));
        Map<String, RealMatrix> scaled = new LinkedHashMap<>();
        gradients.forEach((name, g) -> scaled.put(name, g.scalarMultiply(scale)));
        return scaled;
    }
}
