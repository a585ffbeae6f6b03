package com.rnnservice.service;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.commons.math3.linear.RealMatrix;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;

import com.rnnservice.math.CellType;
import com.rnnservice.math.Network;
import com.rnnservice.math.NetworkParameters;
import com.rnnservice.math.OutputLayer;
import com.rnnservice.math.SequenceGradients;
import com.rnnservice.math.Training;

/**
 * Deep and bidirectional networks of any {@link CellType}: forward, backward, loss and training, every
 * layer checked against the one below before anything runs.
 */
@Service
public class NetworkService {

    private final Limits limits;

    private final TrainingService training;

    public NetworkService(Limits limits, TrainingService training) {
        this.limits = limits;
        this.training = training;
    }

    /**
     * A forward pass's results.
     *
     * @param a the top layer's output at every step
     * @param yPred the output layer's predictions at every step; {@code null} without an output layer
     * @param layers every layer's output at every step, bottom first; {@code null} unless asked for
     */
    public record Forward(List<RealMatrix> a, @Nullable List<RealMatrix> yPred, @Nullable List<List<RealMatrix>> layers) {
    }

    /**
     * A network's loss and its gradients.
     *
     * @param network dx and every layer's gradients
     * @param dWy ∂L/∂Wy of the output layer
     * @param dby ∂L/∂by
     */
    public record LossOutcome(double loss, Network.Gradients network, RealMatrix dWy, RealMatrix dby) {
    }

    /**
     * What training produced.
     *
     * @param network the trained layers, their initial states as given
     * @param output the trained output layer
     * @param losses the loss before each step
     */
    public record TrainOutcome(NetworkParameters network, OutputLayer output, double[] losses,
            com.rnnservice.math.OptimizerState state, String optimizer) {
    }

    /** Every layer over the whole sequence; predictions when an output layer is given. */
    public Forward forward(CellType type, NetworkInputs in, boolean returnLayers) {
        WorkEstimate.checkNetwork(this.limits, type, in.x(), in.layers(), in.output(), 1, false);
        ShapeCheck check = new ShapeCheck();
        List<RealMatrix> x = check.timeSteps("x", in.x(), "n_x", "m", "T_x");
        NetworkShapes.Read layers = NetworkShapes.layers(check, type, in.layers());
        OutputLayer output = in.output() == null ? null : NetworkShapes.output(check, in.output(), true);
        check.throwIfInvalid();

        Network network = layers.resolve().build();
        Network.Pass pass = network.forward(x);
        Results results = new Results();
        results.addSteps("a", pass.top());
        List<RealMatrix> yPred = output == null ? null : pass.top().stream().map(output::predict).toList();
        if (yPred != null) {
            results.addSteps("y_pred", yPred);
        }
        List<List<RealMatrix>> outputs = null;
        if (returnLayers) {
            outputs = new ArrayList<>();
            for (int l = 0; l < network.layers().size(); l++) {
                results.addSteps("layers[" + l + "].a", pass.output(l));
                outputs.add(pass.output(l));
            }
        }
        results.throwIfNotFinite();
        return new Forward(pass.top(), yPred, outputs);
    }

    /** Backpropagation through every layer and direction of L = Σ_t sum(a_top⟨t⟩ ⊙ da[:, :, t]). */
    public Network.Gradients backward(CellType type, NetworkInputs in) {
        WorkEstimate.checkNetwork(this.limits, type, in.x(), in.layers(), null, 3, true);
        ShapeCheck check = new ShapeCheck();
        List<RealMatrix> x = check.timeSteps("x", in.x(), "n_x", "m", "T_x");
        NetworkShapes.Read layers = NetworkShapes.layers(check, type, in.layers());
        List<RealMatrix> da = check.timeSteps("da", in.da(), "n_out", "m", "T_x");
        check.throwIfInvalid();

        Network.Gradients gradients = layers.resolve().build().gradients(x, da);
        Results results = new Results();
        results.addSteps("dx", gradients.dx());
        addLayers(results, gradients);
        results.throwIfNotFinite();
        return gradients;
    }

    /** Softmax cross-entropy of the output layer on the top layer, with every gradient. */
    public LossOutcome loss(CellType type, NetworkInputs in) {
        WorkEstimate.checkNetwork(this.limits, type, in.x(), in.layers(), in.output(), 3, true);
        ShapeCheck check = new ShapeCheck();
        Problem problem = read(check, type, in);
        check.throwIfInvalid();

        Network.Loss loss = problem.layers().resolve().build().loss(problem.output(), problem.x(), problem.targets(),
                problem.weights());
        Results results = new Results();
        results.add("loss", loss.loss());
        results.addSteps("gradients.dx", loss.network().dx());
        addLayers(results, loss.network());
        results.add("gradients.output.dWy", loss.dWy());
        results.add("gradients.output.dby", loss.dby());
        results.throwIfNotFinite();
        return new LossOutcome(loss.loss(), loss.network(), loss.dWy(), loss.dby());
    }

    /** Optimizer steps on every layer's and the output layer's parameters; initial states stay as given. */
    public TrainOutcome train(CellType type, NetworkInputs in, TrainSettings settings) {
        int requested = this.training.requestedSteps(settings);
        WorkEstimate.checkNetwork(this.limits, type, in.x(), in.layers(), in.output(), 3.0 * Math.max(requested, 1), true);
        ShapeCheck check = new ShapeCheck();
        Problem problem = read(check, type, in);
        Map<String, RealMatrix> byPath = new java.util.LinkedHashMap<>(problem.layers().byPath());
        byPath.put(NetworkParameters.OUTPUT_WEIGHTS, problem.output().wy());
        byPath.put(NetworkParameters.OUTPUT_BIAS, problem.output().by());
        TrainingService.Plan plan = TrainingService.plan(check, settings, byPath);
        check.throwIfInvalid();

        NetworkParameters network = problem.layers().resolve();
        Training.Outcome outcome = Training.train(network, problem.output(), problem.x(), problem.targets(),
                problem.weights(), plan.settings(), plan.state());
        Results results = new Results();
        for (double loss : outcome.losses()) {
            results.add("losses", loss);
        }
        outcome.parameters().forEach(results::add);
        results.throwIfNotFinite();
        return new TrainOutcome(network.withPaths(outcome.parameters()),
                new OutputLayer(outcome.parameters().get(NetworkParameters.OUTPUT_WEIGHTS),
                        outcome.parameters().get(NetworkParameters.OUTPUT_BIAS)),
                outcome.losses(), plan.state(), plan.optimizer());
    }

    private record Problem(List<RealMatrix> x, NetworkShapes.Read layers, OutputLayer output, List<RealMatrix> targets,
            double[][] weights) {
    }

    private static Problem read(ShapeCheck check, CellType type, NetworkInputs in) {
        List<RealMatrix> x = check.timeSteps("x", in.x(), "n_x", "m", "T_x");
        NetworkShapes.Read layers = NetworkShapes.layers(check, type, in.layers());
        OutputLayer output = NetworkShapes.output(check, in.output(), true);
        RealMatrix mask = in.mask() == null ? null : check.matrix("mask", in.mask(), "m", "T_x");
        List<RealMatrix> targets = TrainingService.targets(check, in.labels());
        double[][] weights = TrainingService.weights(check, mask, x.size(), x.get(0).getColumnDimension());
        TrainingService.checkTargets(check, targets, weights);
        return new Problem(x, layers, output, targets, weights);
    }

    private static void addLayers(Results results, Network.Gradients gradients) {
        for (int l = 0; l < gradients.layers().size(); l++) {
            Network.LayerGradients layer = gradients.layers().get(l);
            String field = "layers[" + l + "]";
            addDirection(results, field + ".forward", field + ".da0", field + ".dc0", layer.forward());
            SequenceGradients backward = layer.backward();
            if (backward != null) {
                addDirection(results, field + ".backward", field + ".da0_backward", field + ".dc0_backward", backward);
            }
        }
    }

    private static void addDirection(Results results, String field, String hidden, String memory, SequenceGradients g) {
        g.parameters().forEach((name, value) -> results.add(field + "." + name, value));
        results.addState(hidden, memory, g.dInitial());
    }
}
