package com.rnnservice.service;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.apache.commons.math3.linear.RealMatrix;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;

import com.rnnservice.math.Cell;
import com.rnnservice.math.CellType;
import com.rnnservice.math.GradientCheck;
import com.rnnservice.math.Matrices;
import com.rnnservice.math.Optimizer;
import com.rnnservice.math.OptimizerState;
import com.rnnservice.math.OutputLayer;
import com.rnnservice.math.ParameterShape;
import com.rnnservice.math.Sequence;
import com.rnnservice.math.SequenceGradients;
import com.rnnservice.math.SequenceLoss;
import com.rnnservice.math.State;
import com.rnnservice.math.Training;

/**
 * The next steps of the course on top of the passes: a softmax cross-entropy loss with every gradient,
 * optimizer steps, and a gradient check against central differences.
 */
@Service
public class TrainingService {

    private static final double SUM_TOLERANCE = 1e-9;

    private final Limits limits;

    public TrainingService(Limits limits) {
        this.limits = limits;
    }

    /**
     * The loss and its gradients.
     *
     * @param loss the loss
     * @param gradients dx and the initial states' gradients (da0, dc0)
     * @param parameters the gradient of every parameter, the output layer's included, by gradient name
     *        ({@code dWax}, ..., {@code dWya}, {@code dby})
     */
    public record LossOutcome(double loss, SequenceGradients gradients, Map<String, RealMatrix> parameters) {
    }

    /**
     * What a training request produced.
     *
     * @param parameters every parameter after the last step, by name
     * @param losses the loss before each step
     * @param state the optimizer's state after the last step
     */
    public record TrainOutcome(Map<String, RealMatrix> parameters, double[] losses, OptimizerState state,
            String optimizer) {
    }

    /**
     * A gradient check's findings.
     *
     * @param relativeDifferences by gradient name ({@code dx}, {@code da0}, {@code dWax}, ...)
     * @param threshold a difference below it passes
     */
    public record CheckOutcome(Map<String, Double> relativeDifferences, double threshold) {
    }

    /** What a loss needs, checked. */
    private record Problem(List<RealMatrix> x, State initial, Map<String, RealMatrix> parameters,
            List<RealMatrix> targets, double[][] weights) {
    }

    /** Softmax cross-entropy of the predictions against the labels, with every gradient. */
    public LossOutcome loss(CellType type, LossInputs in) {
        WorkEstimate.check(this.limits, type, in.x(), in.a0(), in.parameters(), 3, true);
        Problem problem = read(type, in);
        SequenceLoss.Result result = Training.evaluate(type, problem.parameters(), problem.x(), problem.initial(),
                problem.targets(), problem.weights());
        Map<String, RealMatrix> gradients = new LinkedHashMap<>();
        Training.parameterGradients(type, result).forEach((name, g) -> gradients.put("d" + name, g));
        Results results = new Results();
        results.add("loss", result.loss());
        results.addSteps("dx", result.sequence().dx());
        results.addState("da0", "dc0", result.sequence().dInitial());
        results.addAll(gradients);
        results.throwIfNotFinite();
        return new LossOutcome(result.loss(), result.sequence(), gradients);
    }

    /** Optimizer steps on one batch, continuing from an earlier answer's state if one is given. */
    public TrainOutcome train(CellType type, LossInputs in, TrainSettings settings) {
        int requested = requestedSteps(settings);
        WorkEstimate.check(this.limits, type, in.x(), in.a0(), in.parameters(), 3.0 * Math.max(requested, 1), true);
        ShapeCheck check = new ShapeCheck();
        Problem problem = read(type, in, check);
        Plan plan = plan(check, settings, problem.parameters());
        check.throwIfInvalid();

        Training.Outcome outcome = Training.train(type, problem.parameters(), problem.x(), problem.initial(),
                problem.targets(), problem.weights(), plan.settings(), plan.state());
        Results results = new Results();
        for (double loss : outcome.losses()) {
            results.add("losses", loss);
        }
        outcome.parameters().forEach((p, value) -> results.add("parameters." + p, value));
        results.throwIfNotFinite();
        return new TrainOutcome(outcome.parameters(), outcome.losses(), plan.state(), plan.optimizer());
    }

    /**
     * How a training request trains, checked.
     *
     * @param state the optimizer state to continue from
     * @param optimizer the optimizer's name
     */
    record Plan(Training.Settings settings, OptimizerState state, String optimizer) {
    }

    /** The step count a request asks for (1 when absent), refused if over rnn.limits.train-max-steps. */
    int requestedSteps(TrainSettings settings) {
        int requested = settings.steps() == null ? 1 : settings.steps();
        if (requested > this.limits.trainMaxSteps()) {
            throw new LimitExceededException("training steps", "rnn.limits.train-max-steps", "The request asks for "
                    + requested + " steps; at most " + this.limits.trainMaxSteps() + " are allowed (rnn.limits.train-max-steps).");
        }
        return requested;
    }

    /**
     * Reads how to train: steps, optimizer, clipping and the state to continue from, whose moments must
     * match {@code parameters} by name and shape.
     */
    static Plan plan(ShapeCheck check, TrainSettings settings, Map<String, RealMatrix> parameters) {
        int steps = settings.steps() == null ? 1 : settings.steps();
        if (steps < 1) {
            check.reject("steps", "must be at least 1, got " + steps);
        }
        String name = settings.optimizer() == null ? null : settings.optimizer().toLowerCase(Locale.ROOT);
        Optimizer optimizer = optimizer(check, name, settings);
        Double clipValue = positive(check, "clip_value", settings.clipValue(), false);
        Double clipNorm = positive(check, "clip_norm", settings.clipNorm(), false);
        OptimizerState state = state(check, "adam".equals(name), parameters, settings);
        return new Plan(new Training.Settings(Math.max(steps, 1), optimizer, clipValue, clipNorm), state,
                name == null ? "sgd" : name);
    }

    /**
     * The course's gradient check of a sequence backward pass: for every input, initial state and cell
     * parameter, ‖g − g_num‖ / (‖g‖ + ‖g_num‖) against central differences of L = Σ_t sum(a⟨t⟩ ⊙ da[:, :, t]).
     */
    public CheckOutcome gradientCheck(CellType type, SequenceInputs in, @Nullable Double epsilon,
            @Nullable Double threshold, @Nullable Integer maxEntries) {
        int allowedEntries = maxEntries == null ? Limits.GRADIENT_CHECK_DEFAULT_ENTRIES : maxEntries;
        if (allowedEntries > this.limits.gradientCheckMaxEntries()) {
            throw new LimitExceededException("gradient-check entries", "rnn.limits.gradient-check-max-entries",
                    "max_entries may be at most " + this.limits.gradientCheckMaxEntries()
                            + " (rnn.limits.gradient-check-max-entries); got " + allowedEntries + ".");
        }
        WorkEstimate.check(this.limits, type, in.x(), in.a0(), in.parameters(),
                3 + 2.0 * Math.min(Math.max(allowedEntries, 0), this.limits.gradientCheckMaxEntries()), true);
        ShapeCheck check = new ShapeCheck();
        ShapeCheck.SequenceBackward read = check.sequenceBackward(type, in);
        List<RealMatrix> x = read.x();
        State initial = read.initial();
        Map<String, RealMatrix> parameters = read.parameters();
        List<RealMatrix> da = read.da();
        double eps = epsilon == null ? 1e-7 : positive(check, "epsilon", epsilon, true);
        double limit = threshold == null ? 1e-7 : positive(check, "threshold", threshold, true);
        if (allowedEntries < 1) {
            check.reject("max_entries", "must be at least 1, got " + allowedEntries);
        }
        check.throwIfInvalid();

        Map<String, List<RealMatrix>> variables = new LinkedHashMap<>();
        variables.put("x", x);
        variables.put("a0", List.of(initial.a()));
        if (initial.c() != null) {
            variables.put("c0", List.of(initial.c()));
        }
        parameters.forEach((name, value) -> variables.put(name, List.of(value)));
        long entries = variables.values().stream().flatMap(List::stream)
            .mapToLong(m -> (long) m.getRowDimension() * m.getColumnDimension()).sum();
        if (entries > allowedEntries) {
            throw new LimitExceededException("gradient-check entries", "rnn.limits.gradient-check-max-entries",
                    "The check would perturb " + entries + " entries, two forward passes each; this request allows "
                            + allowedEntries + ". Raise max_entries (up to " + this.limits.gradientCheckMaxEntries()
                            + ", rnn.limits.gradient-check-max-entries) or check a smaller network.");
        }

        SequenceGradients g = Sequence.gradients(type.create(parameters), x, initial, da);
        Map<String, List<RealMatrix>> analytic = new LinkedHashMap<>();
        analytic.put("x", g.dx());
        analytic.put("a0", List.of(g.dInitial().a()));
        if (g.dInitial().c() != null) {
            analytic.put("c0", List.of(g.dInitial().c()));
        }
        for (ParameterShape shape : type.parameters()) {
            analytic.put(shape.name(), List.of(g.parameters().get(shape.gradientName())));
        }
        Map<String, Double> differences = new LinkedHashMap<>();
        GradientCheck.relativeDifferences(variables, analytic, v -> hiddenLoss(type, v, da), eps)
            .forEach((name, difference) -> differences.put("d" + name, difference));
        Results results = new Results();
        differences.forEach(results::add);
        results.throwIfNotFinite();
        return new CheckOutcome(differences, limit);
    }

    /** L = Σ_t sum(a⟨t⟩ ⊙ da[:, :, t]) for the network the variables describe. */
    private static double hiddenLoss(CellType type, Map<String, List<RealMatrix>> variables, List<RealMatrix> da) {
        Map<String, RealMatrix> parameters = new LinkedHashMap<>();
        type.parameters().forEach(shape -> parameters.put(shape.name(), variables.get(shape.name()).get(0)));
        List<RealMatrix> c0 = variables.get("c0");
        State initial = new State(variables.get("a0").get(0), c0 == null ? null : c0.get(0));
        List<? extends Cell.Step> steps = Sequence.forward(type.create(parameters), variables.get("x"), initial);
        // Neumaier's compensated sum: central differences divide the loss's rounding error by 2ε, so a plain
        // sum of m·n_a·T_x terms would add noise of the order of the differences being measured
        double sum = 0;
        double compensation = 0;
        for (int t = 0; t < steps.size(); t++) {
            double[][] a = Matrices.copyRows(steps.get(t).next().a());
            double[][] w = Matrices.copyRows(da.get(t));
            for (int i = 0; i < a.length; i++) {
                for (int j = 0; j < a[i].length; j++) {
                    double term = a[i][j] * w[i][j];
                    double next = sum + term;
                    compensation += Math.abs(sum) >= Math.abs(term) ? (sum - next) + term : (term - next) + sum;
                    sum = next;
                }
            }
        }
        return sum + compensation;
    }

    private Problem read(CellType type, LossInputs in) {
        ShapeCheck check = new ShapeCheck();
        Problem problem = read(type, in, check);
        check.throwIfInvalid();
        return problem;
    }

    private static Problem read(CellType type, LossInputs in, ShapeCheck check) {
        List<RealMatrix> x = check.timeSteps("x", in.x(), "n_x", "m", "T_x");
        State initial = check.state(type, "a0", in.a0(), "c0", in.c0(), false);
        Map<String, RealMatrix> parameters = check.cellParameters(type, in.parameters());
        OutputLayer output = check.outputLayer(type, in.parameters());
        parameters.put(type.outputWeights(), output.wy());
        parameters.put(CellType.OUTPUT_BIAS, output.by());
        RealMatrix mask = in.mask() == null ? null : check.matrix("mask", in.mask(), "m", "T_x");
        List<RealMatrix> targets = targets(check, in.labels());
        double[][] weights = weights(check, mask, x.size(), x.get(0).getColumnDimension());
        checkTargets(check, targets, weights);
        return new Problem(x, initial, parameters, targets, weights);
    }

    /** Labels as one target distribution per step, (n_y, m) each: class indices become one-hot columns. */
    static List<RealMatrix> targets(ShapeCheck check, @Nullable Tensor labels) {
        if (labels != null && labels.problem() == null && labels.rank() != 2 && labels.rank() != 3) {
            check.rejectWithShape("labels", "expected class indices of shape (m, T_x) or targets of shape ",
                    new String[] { "n_y", "m", "T_x" }, ", got the " + labels.rank() + "-D shape " + labels.shapeText());
            return List.of();
        }
        if (labels == null || labels.problem() != null || labels.rank() == 3) {
            return check.timeSteps("labels", labels, "n_y", "m", "T_x");
        }
        RealMatrix indices = check.matrix("labels", labels, "m", "T_x");
        Integer nY = check.size("n_y");
        if (nY == null || indices.getRowDimension() != labels.dimension(0)) {
            return List.of();
        }
        int m = indices.getRowDimension();
        List<RealMatrix> targets = new ArrayList<>();
        for (int t = 0; t < indices.getColumnDimension(); t++) {
            RealMatrix oneHot = Matrices.zeros(nY, m);
            for (int j = 0; j < m; j++) {
                double index = indices.getEntry(j, t);
                if (index != Math.rint(index) || index < 0 || index >= nY) {
                    check.reject("labels", "labels[" + j + "][" + t + "] = " + index
                            + " is not a class index: class indices are whole numbers in [0, n_y) = [0, " + nY + ")");
                    return List.of();
                }
                oneHot.setEntry((int) index, j, 1.0);
            }
            targets.add(oneHot);
        }
        return targets;
    }

    /** weights[t][j]: the mask's 0/1 entry, or 1 for every step when there is no mask. */
    static double[][] weights(ShapeCheck check, @Nullable RealMatrix mask, int steps, int m) {
        double[][] weights = Matrices.zeroRows(steps, m);
        for (int t = 0; t < steps; t++) {
            for (int j = 0; j < m; j++) {
                double w = 1;
                if (mask != null && mask.getRowDimension() == m && mask.getColumnDimension() == steps) {
                    w = mask.getEntry(j, t);
                    if (w != 0 && w != 1) {
                        check.reject("mask", "mask[" + j + "][" + t + "] = " + w + ": a mask holds only 0 and 1");
                        return weights;
                    }
                }
                weights[t][j] = w;
            }
        }
        return weights;
    }

    /** Every target column the loss counts is a distribution: entries at least 0, summing to 1. */
    static void checkTargets(ShapeCheck check, List<RealMatrix> targets, double[][] weights) {
        for (int t = 0; t < targets.size() && t < weights.length; t++) {
            RealMatrix y = targets.get(t);
            for (int j = 0; j < y.getColumnDimension() && j < weights[t].length; j++) {
                if (weights[t][j] == 0) {
                    continue;
                }
                double sum = 0;
                for (int i = 0; i < y.getRowDimension(); i++) {
                    double v = y.getEntry(i, j);
                    if (v < 0) {
                        check.reject("labels", "labels[" + i + "][" + j + "][" + t + "] = " + v
                                + ": targets must not be negative");
                        return;
                    }
                    sum += v;
                }
                if (Math.abs(sum - 1) > SUM_TOLERANCE) {
                    check.reject("labels", "labels[:, " + j + ", " + t + "] sums to " + sum
                            + ": each counted target column must sum to 1 (one-hot, or a distribution); "
                            + "leave padded steps out with the mask");
                    return;
                }
            }
        }
    }

    private static Optimizer optimizer(ShapeCheck check, @Nullable String name, TrainSettings settings) {
        Double rate = positive(check, "optimizer.learning_rate", settings.learningRate(), true);
        double eta = rate == null ? 1 : rate;
        if (name == null) {
            check.reject("optimizer.name", "is required: \"sgd\" or \"adam\"");
            return new Optimizer.Sgd(eta);
        }
        switch (name) {
            case "sgd" -> {
                Map<String, @Nullable Double> adamOnly = new LinkedHashMap<>();
                adamOnly.put("optimizer.beta1", settings.beta1());
                adamOnly.put("optimizer.beta2", settings.beta2());
                adamOnly.put("optimizer.epsilon", settings.epsilon());
                adamOnly.forEach((field, value) -> {
                    if (value != null) {
                        check.reject(field, "applies to adam only; sgd takes learning_rate alone");
                    }
                });
                return new Optimizer.Sgd(eta);
            }
            case "adam" -> {
                double beta1 = fraction(check, "optimizer.beta1", settings.beta1(), 0.9);
                double beta2 = fraction(check, "optimizer.beta2", settings.beta2(), 0.999);
                Double epsilon = positive(check, "optimizer.epsilon", settings.epsilon(), false);
                return new Optimizer.Adam(eta, beta1, beta2, epsilon == null ? 1e-8 : epsilon);
            }
            default -> {
                check.reject("optimizer.name", "must be \"sgd\" or \"adam\", got \"" + name + "\"");
                return new Optimizer.Sgd(eta);
            }
        }
    }

    /** The optimizer state to continue from: the request's, checked against the parameters, or a fresh one. */
    private static OptimizerState state(ShapeCheck check, boolean adam, Map<String, RealMatrix> parameters,
            TrainSettings settings) {
        if (!settings.stateGiven()) {
            return OptimizerState.fresh();
        }
        int step = settings.stateStep() == null ? 0 : settings.stateStep();
        if (step < 0) {
            check.reject("state.step", "must not be negative, got " + step);
        }
        Map<String, RealMatrix> m = moments(check, "state.m", settings.stateM(), parameters, adam);
        Map<String, RealMatrix> v = moments(check, "state.v", settings.stateV(), parameters, adam);
        return new OptimizerState(Math.max(step, 0), m, v);
    }

    private static Map<String, RealMatrix> moments(ShapeCheck check, String field,
            @Nullable Map<String, @Nullable Tensor> given, Map<String, RealMatrix> parameters, boolean adam) {
        Map<String, RealMatrix> moments = new LinkedHashMap<>();
        if (given == null || given.isEmpty()) {
            return moments;
        }
        if (!adam) {
            check.reject(field, "belongs to adam's state; sgd keeps only the step count");
            return moments;
        }
        given.keySet().stream().filter(name -> !parameters.containsKey(name)).forEach(name -> check.reject(
                field + "." + name, "is not a parameter of this network; expected " + String.join(", ", parameters.keySet())));
        parameters.forEach((name, value) -> {
            Tensor tensor = given.get(name);
            if (tensor == null) {
                check.reject(field + "." + name, "is missing: a state carries a moment for every parameter");
            }
            else if (tensor.problem() != null || tensor.rank() != 2 || tensor.dimension(0) != value.getRowDimension()
                    || tensor.dimension(1) != value.getColumnDimension()) {
                check.reject(field + "." + name, tensor.problem() != null ? tensor.problem()
                        : "expected shape (" + value.getRowDimension() + ", " + value.getColumnDimension()
                                + "), the shape of " + name + ", got " + tensor.shapeText());
            }
            else {
                moments.put(name, tensor.toMatrix());
            }
        });
        return moments;
    }

    private static @Nullable Double positive(ShapeCheck check, String field, @Nullable Double value, boolean required) {
        if (value == null) {
            if (required) {
                check.reject(field, "is required: a positive number");
            }
            return null;
        }
        if (!(value > 0) || Double.isInfinite(value)) {
            check.reject(field, "must be a positive finite number, got " + value);
            return null;
        }
        return value;
    }

    private static double fraction(ShapeCheck check, String field, @Nullable Double value, double fallback) {
        if (value == null) {
            return fallback;
        }
        if (!(value >= 0 && value < 1)) {
            check.reject(field, "must be in [0, 1), got " + value);
            return fallback;
        }
        return value;
    }
}
