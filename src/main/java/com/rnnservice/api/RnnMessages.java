package com.rnnservice.api;

import static com.rnnservice.api.TensorData.matrix;
import static com.rnnservice.api.TensorData.timeSteps;

import java.util.Map;

import org.jspecify.annotations.Nullable;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.rnnservice.math.SequenceGradients;
import com.rnnservice.math.StepGradients;
import com.rnnservice.service.CellForward;
import com.rnnservice.service.CellInputs;
import com.rnnservice.service.SequenceForward;
import com.rnnservice.service.SequenceInputs;
import com.rnnservice.service.Tensor;

import io.swagger.v3.oas.annotations.media.Schema;

/** The RNN endpoints' request and response bodies. */
final class RnnMessages {

    private RnnMessages() {
    }

    private static @Nullable Map<String, @Nullable Tensor> named(@Nullable RnnParameters parameters) {
        return parameters == null ? null : parameters.byName();
    }

    @Schema(description = "One RNN step: the input at this step and the hidden state before it.")
    record RnnCellForwardRequest(
            @Schema(description = "Input at this step, (n_x, m)") @Nullable Tensor xt,
            @JsonProperty("a_prev") @Schema(description = "Hidden state before the step, (n_a, m)") @Nullable Tensor aPrev,
            @Schema(description = "Wax, Waa, ba, Wya, by") @Nullable RnnParameters parameters) {

        CellInputs inputs() {
            return new CellInputs(this.xt, this.aPrev, null, named(this.parameters), null, null);
        }
    }

    @Schema(description = "The next hidden state and the prediction.")
    record RnnCellForwardResponse(
            @JsonProperty("a_next") @Schema(description = "tanh(Wax·xt + Waa·a_prev + ba), (n_a, m)") double[][] aNext,
            @JsonProperty("yt_pred") @Schema(description = "softmax(Wya·a_next + by) over each column, (n_y, m)") double[][] ytPred) {

        static RnnCellForwardResponse of(CellForward result) {
            return new RnnCellForwardResponse(matrix(result.aNext()), matrix(result.ytPred()));
        }
    }

    @Schema(description = "One RNN step backward: the forward step's inputs and the gradient of the loss with respect to a_next.")
    record RnnCellBackwardRequest(
            @Schema(description = "Input at this step, (n_x, m)") @Nullable Tensor xt,
            @JsonProperty("a_prev") @Schema(description = "Hidden state before the step, (n_a, m)") @Nullable Tensor aPrev,
            @Schema(description = "Wax, Waa, ba (Wya, by optional and unused)") @Nullable RnnParameters parameters,
            @JsonProperty("da_next") @Schema(description = "∂L/∂a_next, (n_a, m)") @Nullable Tensor daNext) {

        CellInputs inputs() {
            return new CellInputs(this.xt, this.aPrev, null, named(this.parameters), this.daNext, null);
        }
    }

    @Schema(description = "Gradients of the loss with respect to the step's input, previous state and parameters.")
    record RnnCellBackwardResponse(
            @Schema(description = "∂L/∂xt, (n_x, m)") double[][] dxt,
            @JsonProperty("da_prev") @Schema(description = "∂L/∂a_prev, (n_a, m)") double[][] daPrev,
            @JsonProperty("dWax") @Schema(description = "∂L/∂Wax, (n_a, n_x)") double[][] dWax,
            @JsonProperty("dWaa") @Schema(description = "∂L/∂Waa, (n_a, n_a)") double[][] dWaa,
            @JsonProperty("dba") @Schema(description = "∂L/∂ba, (n_a, 1)") double[][] dba) {

        static RnnCellBackwardResponse of(StepGradients g) {
            return new RnnCellBackwardResponse(matrix(g.dxt()), matrix(g.dPrev().a()), matrix(g.parameters().get("dWax")),
                    matrix(g.parameters().get("dWaa")), matrix(g.parameters().get("dba")));
        }
    }

    @Schema(description = "An RNN over a whole sequence: the inputs of every step and the initial hidden state.")
    record RnnSequenceForwardRequest(
            @Schema(description = "Inputs of every step, (n_x, m, T_x)") @Nullable Tensor x,
            @Schema(description = "Initial hidden state, (n_a, m)") @Nullable Tensor a0,
            @Schema(description = "Wax, Waa, ba, Wya, by") @Nullable RnnParameters parameters,
            @JsonProperty("return_gates") @Schema(description = "Accepted for symmetry with the LSTM and GRU: "
                    + "the RNN has no gates, so its answer never carries any", defaultValue = "false") @Nullable Boolean returnGates) {

        SequenceInputs inputs() {
            return new SequenceInputs(this.x, this.a0, null, named(this.parameters), null, false);
        }
    }

    @Schema(description = "The hidden states and predictions of every step.")
    record RnnSequenceForwardResponse(
            @Schema(description = "Hidden states, a[:, :, t] = a⟨t⟩, (n_a, m, T_x)") double[][][] a,
            @JsonProperty("y_pred") @Schema(description = "Predictions, (n_y, m, T_x)") double[][][] yPred) {

        static RnnSequenceForwardResponse of(SequenceForward result) {
            return new RnnSequenceForwardResponse(timeSteps(result.a()), timeSteps(result.yPred()));
        }
    }

    @Schema(description = "Backpropagation through time: the forward pass's inputs and the upstream gradient of every hidden state.")
    record RnnSequenceBackwardRequest(
            @Schema(description = "Inputs of every step, (n_x, m, T_x)") @Nullable Tensor x,
            @Schema(description = "Initial hidden state, (n_a, m)") @Nullable Tensor a0,
            @Schema(description = "Wax, Waa, ba (Wya, by optional and unused)") @Nullable RnnParameters parameters,
            @Schema(description = "∂L/∂a⟨t⟩ from outside the recurrence for every step, (n_a, m, T_x)") @Nullable Tensor da) {

        SequenceInputs inputs() {
            return new SequenceInputs(this.x, this.a0, null, named(this.parameters), this.da, false);
        }
    }

    @Schema(description = "Gradients of the loss with respect to the inputs, the initial state and the parameters (summed over time).")
    record RnnSequenceBackwardResponse(
            @Schema(description = "∂L/∂x, (n_x, m, T_x)") double[][][] dx,
            @Schema(description = "∂L/∂a0, (n_a, m)") double[][] da0,
            @JsonProperty("dWax") @Schema(description = "∂L/∂Wax, (n_a, n_x)") double[][] dWax,
            @JsonProperty("dWaa") @Schema(description = "∂L/∂Waa, (n_a, n_a)") double[][] dWaa,
            @JsonProperty("dba") @Schema(description = "∂L/∂ba, (n_a, 1)") double[][] dba) {

        static RnnSequenceBackwardResponse of(SequenceGradients g) {
            return new RnnSequenceBackwardResponse(timeSteps(g.dx()), matrix(g.dInitial().a()),
                    matrix(g.parameters().get("dWax")), matrix(g.parameters().get("dWaa")),
                    matrix(g.parameters().get("dba")));
        }
    }
}
