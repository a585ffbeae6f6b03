package com.rnnservice.math;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

/**
 * Gradient steps on one batch: the loss and gradients of {@link SequenceLoss}, optional clipping, then an
 * {@link Optimizer} update, repeated. The parameters are trained in place.
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
     * @param clipNorm if set, all gradients are then scaled by min(1, clipNorm / (‖g‖ + 1e-6)), ‖g‖ the L2 norm over
     *        every parameter gradient together, as PyTorch's {@code clip_grad_norm_}
     */
    public record Settings(int steps, Optimizer optimizer, @Nullable Double clipValue, @Nullable Double clipNorm) {

        public Settings {
            Check.that(steps >= 1, () -> "training takes at least one step; got " + steps);
        }
    }

    /**
     * What one evaluation of the objective gives: the loss and every parameter's gradient.
     *
     * @param gradients keyed as the parameters are
     */
    public record Evaluation(double loss, Map<String, Matrix> gradients) {
    }

    /**
     * Trains a cell's parameters and the output layer's together on one batch, in place.
     *
     * @param parameters the cell's parameters; modified
     * @param output the output layer; modified
     * @param targets as {@link SequenceLoss#evaluate}
     * @param mask as {@link SequenceLoss#evaluate}
     * @param state the optimizer's memory, keyed by parameter name; advanced by {@code settings.steps()} steps
     * @return the loss before each step
     */
    public static double[] train(Sequence sequence, Parameters parameters, OutputLayer output, Steps x, State initial,
            Steps targets, @Nullable Matrix mask, Settings settings, OptimizerState state) {
        CellType type = parameters.type();
        return train(named(parameters, output), () -> {
            SequenceLoss.Result result = SequenceLoss.evaluate(sequence, type.cell(parameters), output, x, initial, targets,
                    mask);
            return new Evaluation(result.loss(), parameterGradients(type, result));
        }, settings, state);
    }

    /** A cell's parameters by name, then the output layer's ({@code Wy} or {@code Wya}, and {@code by}): views. */
    public static Map<String, Matrix> named(Parameters parameters, OutputLayer output) {
        Map<String, Matrix> named = new LinkedHashMap<>(parameters.named());
        named.put(parameters.type().outputWeights(), output.wy());
        named.put(CellType.OUTPUT_BIAS, output.by());
        return named;
    }

    /**
     * Trains a network's parameters, every layer's and direction's, and the output layer's together on one batch, in
     * place; the initial states stay as given.
     *
     * @param network the layers; their parameters modified
     * @param output the output layer on the top layer's output; modified
     * @param targets as {@link SequenceLoss#evaluate}
     * @param mask as {@link SequenceLoss#evaluate}
     * @param state the optimizer's memory, keyed by parameter path ({@link NetworkParameters#byPath()},
     *        {@link NetworkParameters#OUTPUT_WEIGHTS}, {@link NetworkParameters#OUTPUT_BIAS})
     * @return the loss before each step
     */
    public static double[] train(Kernel kernel, NetworkParameters network, OutputLayer output, Steps x, Steps targets,
            @Nullable Matrix mask, Settings settings, OptimizerState state) {
        Map<String, Matrix> parameters = new LinkedHashMap<>(network.byPath());
        parameters.put(NetworkParameters.OUTPUT_WEIGHTS, output.wy());
        parameters.put(NetworkParameters.OUTPUT_BIAS, output.by());
        Network built = network.build(kernel);
        return train(parameters, () -> {
            Network.Loss loss = built.loss(output, x, targets, mask);
            Map<String, Matrix> gradients = network.gradientsByPath(loss.network());
            gradients.put(NetworkParameters.OUTPUT_WEIGHTS, loss.dWy());
            gradients.put(NetworkParameters.OUTPUT_BIAS, loss.dby());
            return new Evaluation(loss.loss(), gradients);
        }, settings, state);
    }

    /**
     * The training loop: evaluate, clip, update, {@code settings.steps()} times.
     *
     * @param parameters by name; modified in place by each update
     * @param objective the loss and gradients at the parameters as they are when it is called
     * @return the loss before each step
     */
    public static double[] train(Map<String, Matrix> parameters, Supplier<Evaluation> objective, Settings settings,
            OptimizerState state) {
        double[] losses = new double[settings.steps()];
        for (int s = 0; s < settings.steps(); s++) {
            Evaluation evaluation = objective.get();
            losses[s] = evaluation.loss();
            Map<String, Matrix> gradients = evaluation.gradients();
            if (settings.clipValue() != null) {
                clipValue(gradients, settings.clipValue());
            }
            if (settings.clipNorm() != null) {
                clipNorm(gradients, settings.clipNorm());
            }
            settings.optimizer().update(parameters, gradients, state);
        }
        return losses;
    }

    /** Every parameter's gradient, the output layer's included, keyed by the parameter's name (Wax, not dWax). */
    public static Map<String, Matrix> parameterGradients(CellType type, SequenceLoss.Result result) {
        Map<String, Matrix> gradients = new LinkedHashMap<>();
        for (ParameterShape shape : type.parameters()) {
            gradients.put(shape.name(), result.sequence().parameters().get(shape.gradientName()));
        }
        gradients.put(type.outputWeights(), result.dWy());
        gradients.put(CellType.OUTPUT_BIAS, result.dby());
        return gradients;
    }

    /** Every entry clipped to [−limit, limit], in place. */
    static void clipValue(Map<String, Matrix> gradients, double limit) {
        for (Matrix g : gradients.values()) {
            for (int i = 0; i < g.rows; i++) {
                int row = g.offset + i * g.stride;
                for (int j = row; j < row + g.cols; j++) {
                    g.data[j] = Math.max(-limit, Math.min(limit, g.data[j]));
                }
            }
        }
    }

    /** All gradients scaled by min(1, maxNorm / (‖g‖ + 1e-6)), ‖g‖ the norm of the per-parameter norms, in place. */
    static void clipNorm(Map<String, Matrix> gradients, double maxNorm) {
        double squares = 0;
        for (Matrix g : gradients.values()) {
            double norm = g.getFrobeniusNorm();
            squares += norm * norm;
        }
        double scale = Math.min(1.0, maxNorm / (Math.sqrt(squares) + NORM_EPSILON));
        for (Matrix g : gradients.values()) {
            for (int i = 0; i < g.rows; i++) {
                int row = g.offset + i * g.stride;
                for (int j = row; j < row + g.cols; j++) {
                    g.data[j] *= scale;
                }
            }
        }
    }
}
