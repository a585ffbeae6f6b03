package com.rnnservice.api;

import static com.rnnservice.api.TensorData.matrix;
import static com.rnnservice.api.TensorData.timeSteps;

import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.commons.math3.linear.RealMatrix;
import org.jspecify.annotations.Nullable;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.rnnservice.math.OptimizerState;
import com.rnnservice.service.LossInputs;
import com.rnnservice.service.SequenceInputs;
import com.rnnservice.service.Tensor;
import com.rnnservice.service.TrainSettings;
import com.rnnservice.service.TrainingService;

import io.swagger.v3.oas.annotations.media.Schema;

/** The bodies of the loss, training and gradient-check endpoints, shared by every cell family. */
final class TrainingMessages {

    private TrainingMessages() {
    }

    private static @Nullable Map<String, @Nullable Tensor> named(@Nullable CellParameters parameters) {
        return parameters == null ? null : parameters.byName();
    }

    @Schema(description = "A sequence, the network's parameters (output layer included) and the labels to score its predictions against.")
    record LossRequest<P extends CellParameters>(
            @Schema(description = "Inputs of every step, (n_x, m, T_x)") @Nullable Tensor x,
            @Schema(description = "Initial hidden state, (n_a, m)") @Nullable Tensor a0,
            @Schema(description = "Initial cell state, (n_a, m): LSTM only; zeros when absent") @Nullable Tensor c0,
            @Schema(description = "The cell's parameters and its output layer") @Nullable P parameters,
            @Schema(description = "Class indices, whole numbers in [0, n_y), of shape (m, T_x); or one-hot targets "
                    + "(any distribution over the classes) of shape (n_y, m, T_x)") @Nullable Tensor labels,
            @Schema(description = "Optional (m, T_x) of 0 and 1: 0 leaves that example's step out of the loss "
                    + "(padding of variable-length sequences); the divisor stays m") @Nullable Tensor mask) {

        LossInputs inputs() {
            return new LossInputs(this.x, this.a0, this.c0, named(this.parameters), this.labels, this.mask);
        }
    }

    @Schema(description = "The loss, (1/m) Σ_t Σ_j mask · −log softmax(Wy·a⟨t⟩ + by)[label], and its gradient with "
            + "respect to the inputs, the initial states and every parameter, the output layer's included.")
    record LossResponse(
            @Schema(description = "Softmax cross-entropy summed over time steps, averaged over the batch") double loss,
            @Schema(description = "dx (n_x, m, T_x), da0 (n_a, m), dc0 (LSTM), then d<name> for every parameter "
                    + "(dWax, ..., dWya, dby), each of its parameter's shape") Map<String, Object> gradients) {

        static LossResponse of(TrainingService.LossOutcome outcome) {
            Map<String, Object> gradients = new LinkedHashMap<>();
            gradients.put("dx", timeSteps(outcome.gradients().dx()));
            gradients.put("da0", matrix(outcome.gradients().dInitial().a()));
            RealMatrix dc0 = outcome.gradients().dInitial().c();
            if (dc0 != null) {
                gradients.put("dc0", matrix(dc0));
            }
            outcome.parameters().forEach((name, g) -> gradients.put(name, matrix(g)));
            return new LossResponse(outcome.loss(), gradients);
        }
    }

    @Schema(description = "The optimizer: sgd (θ ← θ − η·g) or adam (Kingma & Ba, with bias correction).")
    record OptimizerSpec(
            @Schema(description = "\"sgd\" or \"adam\"", example = "adam") @Nullable String name,
            @JsonProperty("learning_rate") @Schema(description = "η, required", example = "0.05") @Nullable Double learningRate,
            @Schema(description = "Adam's β1, default 0.9") @Nullable Double beta1,
            @Schema(description = "Adam's β2, default 0.999") @Nullable Double beta2,
            @Schema(description = "Adam's ε, default 1e-8") @Nullable Double epsilon) {
    }

    @Schema(description = "An optimizer state, exactly as an earlier answer returned it.")
    record StateSpec(
            @Schema(description = "Steps taken so far") @Nullable Integer step,
            @Schema(description = "Adam's first moments by parameter name") @Nullable Map<String, @Nullable Tensor> m,
            @Schema(description = "Adam's second moments by parameter name") @Nullable Map<String, @Nullable Tensor> v) {
    }

    @Schema(description = "A loss request plus how to train: optimizer steps on this one batch.")
    record TrainRequest<P extends CellParameters>(
            @Schema(description = "Inputs of every step, (n_x, m, T_x)") @Nullable Tensor x,
            @Schema(description = "Initial hidden state, (n_a, m)") @Nullable Tensor a0,
            @Schema(description = "Initial cell state, (n_a, m): LSTM only; zeros when absent") @Nullable Tensor c0,
            @Schema(description = "The parameters to start from, output layer included") @Nullable P parameters,
            @Schema(description = "Class indices (m, T_x) or one-hot targets (n_y, m, T_x)") @Nullable Tensor labels,
            @Schema(description = "Optional (m, T_x) of 0 and 1") @Nullable Tensor mask,
            @Schema(description = "Optimizer steps, default 1") @Nullable Integer steps,
            @Schema(description = "The optimizer") @Nullable OptimizerSpec optimizer,
            @JsonProperty("clip_value") @Schema(description = "Clip every gradient entry to [−v, v] (the course's clip); applied first") @Nullable Double clipValue,
            @JsonProperty("clip_norm") @Schema(description = "Scale all gradients by min(1, clip_norm / (‖g‖ + 1e-6)), ‖g‖ the "
                    + "global L2 norm, as PyTorch's clip_grad_norm_; applied after clip_value") @Nullable Double clipNorm,
            @Schema(description = "The state of an earlier answer, to continue exactly where it stopped") @Nullable StateSpec state) {

        LossInputs inputs() {
            return new LossInputs(this.x, this.a0, this.c0, named(this.parameters), this.labels, this.mask);
        }

        TrainSettings settings() {
            return TrainingMessages.settings(this.steps, this.optimizer, this.clipValue, this.clipNorm, this.state);
        }
    }

    /** How to train, from the fields every training request shares. */
    static TrainSettings settings(@Nullable Integer steps, @Nullable OptimizerSpec optimizer, @Nullable Double clipValue,
            @Nullable Double clipNorm, @Nullable StateSpec state) {
        OptimizerSpec o = optimizer == null ? new OptimizerSpec(null, null, null, null, null) : optimizer;
        StateSpec s = state == null ? new StateSpec(null, null, null) : state;
        return new TrainSettings(steps, o.name(), o.learningRate(), o.beta1(), o.beta2(), o.epsilon(), clipValue, clipNorm,
                s.step(), s.m(), s.v(), state != null);
    }

    @Schema(description = "The optimizer's memory: pass it back to continue training.")
    record StateResponse(
            @Schema(description = "Steps taken so far") int step,
            @JsonInclude(JsonInclude.Include.NON_EMPTY) @Schema(description = "Adam's first moments (adam only)") Map<String, double[][]> m,
            @JsonInclude(JsonInclude.Include.NON_EMPTY) @Schema(description = "Adam's second moments (adam only)") Map<String, double[][]> v) {

        static StateResponse of(OptimizerState state) {
            return new StateResponse(state.step(), arrays(state.firstMoments()), arrays(state.secondMoments()));
        }
    }

    @Schema(description = "The trained parameters, the loss before each step and the optimizer's state.")
    record TrainResponse(
            @Schema(description = "Every parameter after the last step, by name, output layer included") Map<String, double[][]> parameters,
            @Schema(description = "The loss before each step") double[] losses,
            @Schema(description = "Pass it back as 'state' to continue") StateResponse state) {

        static TrainResponse of(TrainingService.TrainOutcome outcome) {
            return new TrainResponse(arrays(outcome.parameters()), outcome.losses(), StateResponse.of(outcome.state()));
        }
    }

    @Schema(description = "A sequence backward request, and how to check its gradients.")
    record GradientCheckRequest<P extends CellParameters>(
            @Schema(description = "Inputs of every step, (n_x, m, T_x)") @Nullable Tensor x,
            @Schema(description = "Initial hidden state, (n_a, m)") @Nullable Tensor a0,
            @Schema(description = "Initial cell state, (n_a, m): LSTM only; zeros when absent") @Nullable Tensor c0,
            @Schema(description = "The cell's parameters (output layer optional and unused)") @Nullable P parameters,
            @Schema(description = "∂L/∂a⟨t⟩ for every step, (n_a, m, T_x): the check differentiates L = Σ_t sum(a⟨t⟩ ⊙ da[:, :, t])") @Nullable Tensor da,
            @Schema(description = "The step ε of the central differences, default 1e-7") @Nullable Double epsilon,
            @Schema(description = "A relative difference below it passes, default 1e-7") @Nullable Double threshold,
            @JsonProperty("max_entries") @Schema(description = "The most entries to perturb (two forward passes each), "
                    + "default 10000, at most rnn.limits.gradient-check-max-entries") @Nullable Integer maxEntries) {

        SequenceInputs inputs() {
            return new SequenceInputs(this.x, this.a0, this.c0, named(this.parameters), this.da, false);
        }
    }

    @Schema(description = "One gradient's check.")
    record CheckResult(
            @JsonProperty("relative_difference") @Schema(description = "‖g − g_num‖ / (‖g‖ + ‖g_num‖), 0 when both are 0") double relativeDifference,
            @Schema(description = "relative_difference < threshold") boolean passed) {
    }

    @Schema(description = "Whether every gradient agrees with central differences, and each one's relative difference.")
    record GradientCheckResponse(
            @Schema(description = "Every gradient passed") boolean passed,
            @Schema(description = "By gradient name: dx, da0, dc0 (LSTM), then every parameter's") Map<String, CheckResult> results) {

        static GradientCheckResponse of(TrainingService.CheckOutcome outcome) {
            Map<String, CheckResult> results = new LinkedHashMap<>();
            outcome.relativeDifferences().forEach((name, difference) ->
                    results.put(name, new CheckResult(difference, difference < outcome.threshold())));
            return new GradientCheckResponse(results.values().stream().allMatch(CheckResult::passed), results);
        }
    }

    static Map<String, double[][]> arrays(Map<String, RealMatrix> matrices) {
        Map<String, double[][]> arrays = new LinkedHashMap<>();
        matrices.forEach((name, value) -> arrays.put(name, matrix(value)));
        return arrays;
    }
}
