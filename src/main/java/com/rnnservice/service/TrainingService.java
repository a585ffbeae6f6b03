package com.rnnservice.service;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;

import com.rnnservice.math.Cell;
import com.rnnservice.math.CellType;
import com.rnnservice.math.Dimension;
import com.rnnservice.math.GradientCheck;
import com.rnnservice.math.Kernel;
import com.rnnservice.math.Matrix;
import com.rnnservice.math.Optimizer;
import com.rnnservice.math.OptimizerState;
import com.rnnservice.math.OutputLayer;
import com.rnnservice.math.Parameters;
import com.rnnservice.math.Sequence;
import com.rnnservice.math.SequenceGradients;
import com.rnnservice.math.SequenceLoss;
import com.rnnservice.math.State;
import com.rnnservice.math.Steps;
import com.rnnservice.math.Symbol;
import com.rnnservice.math.Training;

/**
 * The next steps of the course on top of the passes: a softmax cross-entropy loss with every gradient, optimizer
 * steps, and a gradient check against central differences.
 */
@Service
public class TrainingService {

    private static final double SUM_TOLERANCE = 1e-9;

    private final Limits limits;

    private final Sequence sequence;

    public TrainingService(Limits limits, Kernel kernel) {
        this.limits = limits;
        this.sequence = new Sequence(kernel);
    }

    /** What a loss needs, checked: the cell's parameters and the output layer as views of the request's tensors. */
    private record Problem(Steps x, State initial, Map<String, Matrix> parameters, OutputLayer output,
            @Nullable Steps targets, @Nullable Matrix mask) {
    }

    /** Softmax cross-entropy of the predictions against the labels, with every gradient. */
    public Answer loss(CellType type, LossInputs in) {
        WorkEstimate.check(this.limits, type, in.x(), in.a0(), in.parameters(), 3, true);
        ShapeCheck check = new ShapeCheck();
        Problem problem = read(type, in, check);
        check.throwIfInvalid();

        SequenceLoss.Result result = SequenceLoss.evaluate(this.sequence, type.create(problem.parameters()),
                problem.output(), problem.x(), problem.initial(), targets(problem), problem.mask());
        Answer answer = new Answer().put("loss", result.loss());
        Answer gradients = answer.object("gradients");
        gradients.put("dx", result.sequence().dx()).put("da0", result.sequence().dInitial().a());
        if (result.sequence().dInitial().c() != null) {
            gradients.put("dc0", result.sequence().dInitial().c());
        }
        result.sequence().parameters().forEach(gradients::put);
        gradients.put("d" + type.outputWeights(), result.dWy()).put("d" + CellType.OUTPUT_BIAS, result.dby());
        answer.throwIfNotFinite();
        return answer;
    }

    /** Optimizer steps on one batch, continuing from an earlier answer's state if one is given. */
    public Answer train(CellType type, LossInputs in, TrainSettings settings) {
        int requested = requestedSteps(settings);
        WorkEstimate.check(this.limits, type, in.x(), in.a0(), in.parameters(), 3.0 * Math.max(requested, 1), true);
        ShapeCheck check = new ShapeCheck();
        Problem problem = read(type, in, check);
        Map<String, Matrix> named = new LinkedHashMap<>(problem.parameters());
        named.put(type.outputWeights(), problem.output().wy());
        named.put(CellType.OUTPUT_BIAS, problem.output().by());
        Plan plan = plan(check, settings, named);
        check.throwIfInvalid();

        Parameters parameters = Parameters.of(type, problem.parameters());
        double[] losses = Training.train(this.sequence, parameters, problem.output(), problem.x(), problem.initial(),
                targets(problem), problem.mask(), plan.settings(), plan.state());
        Answer answer = new Answer();
        Answer trained = answer.object("parameters");
        Training.named(parameters, problem.output()).forEach(trained::put);
        answer.put("losses", losses);
        state(answer, plan.state());
        answer.throwIfNotFinite();
        return answer;
    }

    /** The optimizer's state under {@code state}: the step count, and Adam's moments when it keeps any. */
    static void state(Answer answer, OptimizerState state) {
        Answer out = answer.object("state").put("step", state.step());
        if (!state.firstMoments().isEmpty()) {
            Answer m = out.object("m");
            state.firstMoments().forEach(m::put);
        }
        if (!state.secondMoments().isEmpty()) {
            Answer v = out.object("v");
            state.secondMoments().forEach(v::put);
        }
    }

    /**
     * How a training request trains, checked.
     *
     * @param state the optimizer state to continue from
     */
    record Plan(Training.Settings settings, OptimizerState state) {
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
     * Reads how to train: steps, optimizer, clipping and the state to continue from, whose moments must match
     * {@code parameters} by name and shape.
     */
    static Plan plan(ShapeCheck check, TrainSettings settings, Map<String, Matrix> parameters) {
        int steps = settings.steps() == null ? 1 : settings.steps();
        if (steps < 1) {
            check.reject("steps", "must be at least 1, got " + steps);
        }
        String name = settings.optimizer() == null ? null : settings.optimizer().toLowerCase(Locale.ROOT);
        Optimizer optimizer = optimizer(check, name, settings);
        Double clipValue = positive(check, "clip_value", settings.clipValue(), false);
        Double clipNorm = positive(check, "clip_norm", settings.clipNorm(), false);
        OptimizerState state = state(check, "adam".equals(name), parameters, settings);
        return new Plan(new Training.Settings(Math.max(steps, 1), optimizer, clipValue, clipNorm), state);
    }

    /**
     * The course's gradient check of a sequence backward pass: for every input, initial state and cell parameter,
     * ‖g − g_num‖ / (‖g‖ + ‖g_num‖) against central differences of L = Σ_t sum(a⟨t⟩ ⊙ da[:, :, t]).
     */
    public Answer gradientCheck(CellType type, SequenceInputs in, @Nullable Double epsilon, @Nullable Double threshold,
            @Nullable Integer maxEntries) {
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
        Double checkedEpsilon = epsilon == null ? null : positive(check, "epsilon", epsilon, true);
        Double checkedThreshold = threshold == null ? null : positive(check, "threshold", threshold, true);
        double eps = checkedEpsilon == null ? 1e-7 : checkedEpsilon;
        double limit = checkedThreshold == null ? 1e-7 : checkedThreshold;
        if (allowedEntries < 1) {
            check.reject("max_entries", "must be at least 1, got " + allowedEntries);
        }
        check.throwIfInvalid();

        // every variable a view the forward pass reads, perturbed in place: the request's x and initial states, and
        // the stacked parameters the cell reads at every step
        Parameters parameters = Parameters.of(type, read.parameters());
        Cell cell = type.cell(parameters);
        Steps x = read.x();
        State initial = read.initial();
        Map<String, Matrix> variables = new LinkedHashMap<>();
        variables.put("x", x.all());
        variables.put("a0", initial.a());
        if (initial.c() != null) {
            variables.put("c0", initial.c());
        }
        variables.putAll(parameters.named());
        long entries = variables.values().stream()
            .mapToLong(m -> (long) m.getRowDimension() * m.getColumnDimension()).sum();
        if (entries > allowedEntries) {
            throw new LimitExceededException("gradient-check entries", "rnn.limits.gradient-check-max-entries",
                    "The check would perturb " + entries + " entries, two forward passes each; this request allows "
                            + allowedEntries + ". Raise max_entries (up to " + this.limits.gradientCheckMaxEntries()
                            + ", rnn.limits.gradient-check-max-entries) or check a smaller network.");
        }

        SequenceGradients g = this.sequence.gradients(cell, x, initial, read.da());
        Map<String, Matrix> analytic = new LinkedHashMap<>();
        analytic.put("x", g.dx().all());
        analytic.put("a0", g.dInitial().a());
        if (g.dInitial().c() != null) {
            analytic.put("c0", g.dInitial().c());
        }
        parameters.named().keySet().forEach(name -> analytic.put(name, g.parameters().get("d" + name)));
        Map<String, Double> differences = GradientCheck.relativeDifferences(variables, analytic,
                () -> hiddenLoss(this.sequence.forward(cell, x, initial).outputs(), read.da()), eps);
        Answer answer = new Answer().put("passed", differences.values().stream().allMatch(d -> d < limit));
        Answer results = answer.object("results");
        differences.forEach((name, difference) -> results.object("d" + name).put("relative_difference", difference)
            .put("passed", difference < limit));
        answer.throwIfNotFinite();
        return answer;
    }

    /**
     * L = Σ_t sum(a⟨t⟩ ⊙ da[:, :, t]), by Neumaier's compensated sum: central differences divide the loss's rounding
     * error by 2ε, so a plain sum of m·n_a·T_x terms would add noise of the order of the differences being measured.
     */
    private static double hiddenLoss(Steps a, Steps da) {
        double sum = 0;
        double compensation = 0;
        for (int t = 0; t < a.count(); t++) {
            Matrix at = a.step(t);
            Matrix dat = da.step(t);
            for (int i = 0; i < at.getRowDimension(); i++) {
                for (int j = 0; j < at.getColumnDimension(); j++) {
                    double term = at.getEntry(i, j) * dat.getEntry(i, j);
                    double next = sum + term;
                    compensation += Math.abs(sum) >= Math.abs(term) ? (sum - next) + term : (term - next) + sum;
                    sum = next;
                }
            }
        }
        return sum + compensation;
    }

    private static Problem read(CellType type, LossInputs in, ShapeCheck check) {
        Steps x = check.steps("x", in.x(), ShapeCheck.N_X);
        State initial = check.state(type, "a0", in.a0(), "c0", in.c0(), false);
        Map<String, Matrix> parameters = check.cellParameters(type, in.parameters());
        OutputLayer output = check.outputLayer(type, in.parameters());
        Matrix mask = in.mask() == null ? null : check.matrix("mask", in.mask(), ShapeCheck.M, ShapeCheck.T_X);
        Steps targets = targets(check, in.labels());
        checkTargets(check, targets, mask, x);
        return new Problem(x, initial, parameters, output, targets, mask);
    }

    private static Steps targets(Problem problem) {
        if (problem.targets() == null) {
            throw new IllegalStateException("targets are unknown after a passed check");
        }
        return problem.targets();
    }

    /**
     * Labels as the target distribution of every step, (n_y, m) each: class indices become one-hot columns; targets
     * are a view of the request's tensor. {@code null} where they cannot be read (the problem is recorded).
     */
    static @Nullable Steps targets(ShapeCheck check, @Nullable Tensor labels) {
        if (labels != null && labels.problem() == null && labels.rank() != 2 && labels.rank() != 3) {
            check.rejectWithShape("labels", "expected class indices of shape (m, T_x) or targets of shape ",
                    new Dimension[] { ShapeCheck.N_Y, ShapeCheck.M, ShapeCheck.T_X },
                    ", got the " + labels.rank() + "-D shape " + labels.shapeText());
            return null;
        }
        if (labels == null || labels.problem() != null || labels.rank() == 3) {
            return check.steps("labels", labels, ShapeCheck.N_Y);
        }
        Matrix indices = check.matrix("labels", labels, ShapeCheck.M, ShapeCheck.T_X);
        Integer nY = check.size(Symbol.N_Y);
        if (nY == null || indices.getRowDimension() != labels.dimension(0)) {
            return null;
        }
        int m = indices.getRowDimension();
        Steps targets = Steps.zeros(nY, m, indices.getColumnDimension());
        for (int t = 0; t < indices.getColumnDimension(); t++) {
            Matrix step = targets.step(t);
            for (int j = 0; j < m; j++) {
                double index = indices.getEntry(j, t);
                if (index != Math.rint(index) || index < 0 || index >= nY) {
                    check.reject("labels", "labels[" + j + "][" + t + "] = " + index
                            + " is not a class index: class indices are whole numbers in [0, n_y) = [0, " + nY + ")");
                    return null;
                }
                step.setEntry((int) index, j, 1.0);
            }
        }
        return targets;
    }

    /**
     * A mask of zeros and ones, and every target column it counts a distribution: entries at least 0, summing to 1.
     * Checked only where the shapes agree; disagreeing shapes are reported by the shape check.
     */
    static void checkTargets(ShapeCheck check, @Nullable Steps targets, @Nullable Matrix mask, Steps x) {
        int m = x.m();
        int count = x.count();
        boolean maskFits = mask != null && mask.getRowDimension() == m && mask.getColumnDimension() == count;
        if (maskFits) {
            for (int t = 0; t < count; t++) {
                for (int j = 0; j < m; j++) {
                    double w = mask.getEntry(j, t);
                    if (w != 0 && w != 1) {
                        check.reject("mask", "mask[" + j + "][" + t + "] = " + w + ": a mask holds only 0 and 1");
                        return;
                    }
                }
            }
        }
        if (targets == null || targets.m() != m || targets.count() != count) {
            return;
        }
        for (int t = 0; t < count; t++) {
            Matrix y = targets.step(t);
            for (int j = 0; j < m; j++) {
                if (maskFits && mask.getEntry(j, t) == 0) {
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
    private static OptimizerState state(ShapeCheck check, boolean adam, Map<String, Matrix> parameters,
            TrainSettings settings) {
        if (!settings.stateGiven()) {
            return OptimizerState.fresh();
        }
        int step = settings.stateStep() == null ? 0 : settings.stateStep();
        if (step < 0) {
            check.reject("state.step", "must not be negative, got " + step);
        }
        Map<String, Matrix> m = moments(check, "state.m", settings.stateM(), parameters, adam);
        Map<String, Matrix> v = moments(check, "state.v", settings.stateV(), parameters, adam);
        return new OptimizerState(Math.max(step, 0), m, v);
    }

    /** The moments a request sent, checked against the parameters: views of its tensors, which training updates. */
    private static Map<String, Matrix> moments(ShapeCheck check, String field, @Nullable Map<String, @Nullable Tensor> given,
            Map<String, Matrix> parameters, boolean adam) {
        Map<String, Matrix> moments = new LinkedHashMap<>();
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
                moments.put(name, tensor.matrix());
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
