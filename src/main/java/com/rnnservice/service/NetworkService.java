package com.rnnservice.service;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;

import com.rnnservice.math.CellType;
import com.rnnservice.math.Kernel;
import com.rnnservice.math.Matrix;
import com.rnnservice.math.Network;
import com.rnnservice.math.NetworkParameters;
import com.rnnservice.math.OutputLayer;
import com.rnnservice.math.Parameters;
import com.rnnservice.math.SequenceGradients;
import com.rnnservice.math.Steps;
import com.rnnservice.math.Training;

/**
 * Deep and bidirectional networks of any {@link CellType}: forward, backward, loss and training, every layer checked
 * against the one below before anything runs.
 */
@Service
public class NetworkService {

    private final Limits limits;

    private final Kernel kernel;

    private final TrainingService training;

    public NetworkService(Limits limits, Kernel kernel, TrainingService training) {
        this.limits = limits;
        this.kernel = kernel;
        this.training = training;
    }

    /** Every layer over the whole sequence; predictions when an output layer is given. */
    public Answer forward(CellType type, NetworkInputs in, boolean returnLayers) {
        WorkEstimate.checkNetwork(this.limits, type, in.x(), in.layers(), in.output(), 1, false);
        ShapeCheck check = new ShapeCheck();
        Steps x = check.steps("x", in.x(), ShapeCheck.N_X);
        NetworkShapes.Read layers = NetworkShapes.layers(check, type, in.layers());
        OutputLayer output = in.output() == null ? null : NetworkShapes.output(check, in.output(), true);
        check.throwIfInvalid();

        Network network = layers.resolve().build(this.kernel);
        Network.Pass pass = network.forward(x);
        Answer answer = new Answer().put("a", pass.top());
        if (output != null) {
            answer.put("y_pred", output.predict(this.kernel, pass.top()));
        }
        if (returnLayers) {
            for (int l = 0; l < network.layers().size(); l++) {
                answer.add("layers").put("a", pass.output(l));
            }
        }
        answer.throwIfNotFinite();
        return answer;
    }

    /** Backpropagation through every layer and direction of L = Σ_t sum(a_top⟨t⟩ ⊙ da[:, :, t]). */
    public Answer backward(CellType type, NetworkInputs in) {
        WorkEstimate.checkNetwork(this.limits, type, in.x(), in.layers(), null, 3, true);
        ShapeCheck check = new ShapeCheck();
        Steps x = check.steps("x", in.x(), ShapeCheck.N_X);
        NetworkShapes.Read layers = NetworkShapes.layers(check, type, in.layers());
        Steps da = check.steps("da", in.da(), ShapeCheck.N_OUT);
        check.throwIfInvalid();

        Network.Gradients gradients = layers.resolve().build(this.kernel).gradients(x, da);
        Answer answer = new Answer();
        layerGradients(answer, gradients);
        answer.throwIfNotFinite();
        return answer;
    }

    /** Softmax cross-entropy of the output layer on the top layer, with every gradient. */
    public Answer loss(CellType type, NetworkInputs in) {
        WorkEstimate.checkNetwork(this.limits, type, in.x(), in.layers(), in.output(), 3, true);
        ShapeCheck check = new ShapeCheck();
        Problem problem = read(check, type, in);
        check.throwIfInvalid();

        Network.Loss loss = problem.layers().resolve().build(this.kernel).loss(problem.output(), problem.x(),
                problem.targets(), problem.mask());
        Answer answer = new Answer().put("loss", loss.loss());
        Answer gradients = answer.object("gradients");
        layerGradients(gradients, loss.network());
        gradients.object("output").put("dWy", loss.dWy()).put("dby", loss.dby());
        answer.throwIfNotFinite();
        return answer;
    }

    /** Optimizer steps on every layer's and the output layer's parameters; initial states stay as given. */
    public Answer train(CellType type, NetworkInputs in, TrainSettings settings) {
        int requested = this.training.requestedSteps(settings);
        WorkEstimate.checkNetwork(this.limits, type, in.x(), in.layers(), in.output(), 3.0 * Math.max(requested, 1), true);
        ShapeCheck check = new ShapeCheck();
        Problem problem = read(check, type, in);
        Map<String, Matrix> byPath = new LinkedHashMap<>(problem.layers().byPath());
        byPath.put(NetworkParameters.OUTPUT_WEIGHTS, problem.output().wy());
        byPath.put(NetworkParameters.OUTPUT_BIAS, problem.output().by());
        TrainingService.Plan plan = TrainingService.plan(check, settings, byPath);
        check.throwIfInvalid();

        NetworkParameters network = problem.layers().resolve();
        double[] losses = Training.train(this.kernel, network, problem.output(), problem.x(), problem.targets(),
                problem.mask(), plan.settings(), plan.state());
        Answer answer = new Answer();
        List<NetworkInputs.@Nullable Layer> sent = in.layers();
        for (int l = 0; l < network.layers().size(); l++) {
            NetworkParameters.LayerParameters layer = network.layers().get(l);
            NetworkInputs.Layer given = sent == null ? null : sent.get(l);
            Answer trained = answer.add("layers");
            layer.forward().named().forEach(trained.object("forward")::put);
            Parameters backward = layer.backward();
            if (backward != null) {
                backward.named().forEach(trained.object("backward")::put);
            }
            // the initial states as sent, so that the layers can be sent back as they are: a state is never trained
            if (given != null) {
                echo(trained, "a0", given.a0());
                echo(trained, "c0", given.c0());
                echo(trained, "a0_backward", given.a0Backward());
                echo(trained, "c0_backward", given.c0Backward());
            }
        }
        answer.object("output").put("Wy", problem.output().wy()).put("by", problem.output().by());
        answer.put("losses", losses);
        TrainingService.state(answer, plan.state());
        answer.throwIfNotFinite();
        return answer;
    }

    private static void echo(Answer answer, String name, @Nullable Tensor state) {
        if (state != null) {
            answer.put(name, state);
        }
    }

    private record Problem(Steps x, NetworkShapes.Read layers, OutputLayer output, @Nullable Steps targets,
            @Nullable Matrix mask) {

        @Override
        public Steps targets() {
            if (this.targets == null) {
                throw new IllegalStateException("targets are unknown after a passed check");
            }
            return this.targets;
        }
    }

    private static Problem read(ShapeCheck check, CellType type, NetworkInputs in) {
        Steps x = check.steps("x", in.x(), ShapeCheck.N_X);
        NetworkShapes.Read layers = NetworkShapes.layers(check, type, in.layers());
        OutputLayer output = NetworkShapes.output(check, in.output(), true);
        Matrix mask = in.mask() == null ? null : check.matrix("mask", in.mask(), ShapeCheck.M, ShapeCheck.T_X);
        Steps targets = TrainingService.targets(check, in.labels());
        TrainingService.checkTargets(check, targets, mask, x);
        return new Problem(x, layers, output, targets, mask);
    }

    /** dx, then every layer's gradients: each direction's parameters', and every initial state's. */
    private static void layerGradients(Answer answer, Network.Gradients gradients) {
        answer.put("dx", gradients.dx());
        for (Network.LayerGradients layer : gradients.layers()) {
            Answer out = answer.add("layers");
            layer.forward().parameters().forEach(out.object("forward")::put);
            SequenceGradients backward = layer.backward();
            if (backward != null) {
                backward.parameters().forEach(out.object("backward")::put);
            }
            out.put("da0", layer.forward().dInitial().a());
            Matrix dc0 = layer.forward().dInitial().c();
            if (dc0 != null) {
                out.put("dc0", dc0);
            }
            if (backward != null) {
                out.put("da0_backward", backward.dInitial().a());
                Matrix dc0Backward = backward.dInitial().c();
                if (dc0Backward != null) {
                    out.put("dc0_backward", dc0Backward);
                }
            }
        }
    }
}
