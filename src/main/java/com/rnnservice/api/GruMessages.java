package com.rnnservice.api;

import static com.rnnservice.api.TensorData.matrix;
import static com.rnnservice.api.TensorData.timeSteps;

import java.util.List;
import java.util.Map;

import org.apache.commons.math3.linear.RealMatrix;
import org.jspecify.annotations.Nullable;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.rnnservice.math.SequenceGradients;
import com.rnnservice.math.StepGradients;
import com.rnnservice.service.CellForward;
import com.rnnservice.service.CellInputs;
import com.rnnservice.service.SequenceForward;
import com.rnnservice.service.SequenceInputs;
import com.rnnservice.service.Tensor;

import io.swagger.v3.oas.annotations.media.Schema;

/** The GRU endpoints' request and response bodies. */
final class GruMessages {

    private GruMessages() {
    }

    private static @Nullable Map<String, @Nullable Tensor> named(@Nullable GruParameters parameters) {
        return parameters == null ? null : parameters.byName();
    }

    /** dWr, dWu, dWc, dbr, dbu, dbc, in that order. */
    private static List<double[][]> parameterGradients(Map<String, RealMatrix> gradients) {
        return List.of("dWr", "dWu", "dWc", "dbr", "dbu", "dbc").stream().map(name -> matrix(gradients.get(name))).toList();
    }

    @Schema(description = "One GRU step: the input at this step and the hidden state before it.")
    record GruCellForwardRequest(
            @Schema(description = "Input at this step, (n_x, m)") @Nullable Tensor xt,
            @JsonProperty("a_prev") @Schema(description = "Hidden state before the step, (n_a, m)") @Nullable Tensor aPrev,
            @Schema(description = "Wr, br, Wu, bu, Wc, bc, Wy, by") @Nullable GruParameters parameters) {

        CellInputs inputs() {
            return new CellInputs(this.xt, this.aPrev, null, named(this.parameters), null, null);
        }
    }

    @Schema(description = "The gate activations of one step, each (n_a, m).")
    record GruGates(
            @Schema(description = "Relevance gate σ(Wr·concat + br)") double[][] rt,
            @Schema(description = "Update gate σ(Wu·concat + bu)") double[][] ut,
            @Schema(description = "Candidate tanh(Wc·[rt ⊙ a_prev; xt] + bc)") double[][] cct) {
    }

    @Schema(description = "The next hidden state, the prediction and the gates.")
    record GruCellForwardResponse(
            @JsonProperty("a_next") @Schema(description = "ut ⊙ cct + (1 − ut) ⊙ a_prev, (n_a, m)") double[][] aNext,
            @JsonProperty("yt_pred") @Schema(description = "softmax(Wy·a_next + by) over each column, (n_y, m)") double[][] ytPred,
            @Schema(description = "The gates, with concat = [a_prev; xt]") GruGates gates) {

        static GruCellForwardResponse of(CellForward result) {
            Map<String, RealMatrix> g = result.gates();
            return new GruCellForwardResponse(matrix(result.aNext()), matrix(result.ytPred()),
                    new GruGates(matrix(g.get("rt")), matrix(g.get("ut")), matrix(g.get("cct"))));
        }
    }

    @Schema(description = "One GRU step backward: the forward step's inputs and the gradient of the loss with respect to a_next.")
    record GruCellBackwardRequest(
            @Schema(description = "Input at this step, (n_x, m)") @Nullable Tensor xt,
            @JsonProperty("a_prev") @Schema(description = "Hidden state before the step, (n_a, m)") @Nullable Tensor aPrev,
            @Schema(description = "Wr, br, Wu, bu, Wc, bc (Wy, by optional and unused)") @Nullable GruParameters parameters,
            @JsonProperty("da_next") @Schema(description = "∂L/∂a_next, (n_a, m)") @Nullable Tensor daNext) {

        CellInputs inputs() {
            return new CellInputs(this.xt, this.aPrev, null, named(this.parameters), this.daNext, null);
        }
    }

    @Schema(description = "Gradients of the loss with respect to the step's input, previous state and parameters.")
    record GruCellBackwardResponse(
            @Schema(description = "∂L/∂xt, (n_x, m)") double[][] dxt,
            @JsonProperty("da_prev") @Schema(description = "∂L/∂a_prev, (n_a, m)") double[][] daPrev,
            @JsonProperty("dWr") @Schema(description = "∂L/∂Wr, (n_a, n_a + n_x)") double[][] dWr,
            @JsonProperty("dWu") @Schema(description = "∂L/∂Wu, (n_a, n_a + n_x)") double[][] dWu,
            @JsonProperty("dWc") @Schema(description = "∂L/∂Wc, (n_a, n_a + n_x)") double[][] dWc,
            @JsonProperty("dbr") @Schema(description = "∂L/∂br, (n_a, 1)") double[][] dbr,
            @JsonProperty("dbu") @Schema(description = "∂L/∂bu, (n_a, 1)") double[][] dbu,
            @JsonProperty("dbc") @Schema(description = "∂L/∂bc, (n_a, 1)") double[][] dbc) {

        static GruCellBackwardResponse of(StepGradients g) {
            List<double[][]> p = parameterGradients(g.parameters());
            return new GruCellBackwardResponse(matrix(g.dxt()), matrix(g.dPrev().a()), p.get(0), p.get(1), p.get(2),
                    p.get(3), p.get(4), p.get(5));
        }
    }

    @Schema(description = "A GRU over a whole sequence: the inputs of every step and the initial hidden state.")
    record GruSequenceForwardRequest(
            @Schema(description = "Inputs of every step, (n_x, m, T_x)") @Nullable Tensor x,
            @Schema(description = "Initial hidden state, (n_a, m)") @Nullable Tensor a0,
            @Schema(description = "Wr, br, Wu, bu, Wc, bc, Wy, by") @Nullable GruParameters parameters,
            @JsonProperty("return_gates") @Schema(description = "Also return every gate at every step",
                    defaultValue = "false") @Nullable Boolean returnGates) {

        SequenceInputs inputs() {
            return new SequenceInputs(this.x, this.a0, null, named(this.parameters), null,
                    Boolean.TRUE.equals(this.returnGates));
        }
    }

    @Schema(description = "The gate activations of every step, each (n_a, m, T_x); [:, :, t] is step t's.")
    record GruSequenceGates(
            @Schema(description = "Relevance gates") double[][][] rt,
            @Schema(description = "Update gates") double[][][] ut,
            @Schema(description = "Candidates") double[][][] cct) {

        static @Nullable GruSequenceGates of(@Nullable Map<String, List<RealMatrix>> gates) {
            return gates == null ? null
                    : new GruSequenceGates(timeSteps(gates.get("rt")), timeSteps(gates.get("ut")), timeSteps(gates.get("cct")));
        }
    }

    @Schema(description = "The hidden states and predictions of every step, and the gates if asked for.")
    record GruSequenceForwardResponse(
            @Schema(description = "Hidden states, (n_a, m, T_x)") double[][][] a,
            @JsonProperty("y_pred") @Schema(description = "Predictions, (n_y, m, T_x)") double[][][] yPred,
            @JsonInclude(JsonInclude.Include.NON_NULL) @Schema(description = "Every gate at every step; only when return_gates is true")
            @Nullable GruSequenceGates gates) {

        static GruSequenceForwardResponse of(SequenceForward result) {
            return new GruSequenceForwardResponse(timeSteps(result.a()), timeSteps(result.yPred()),
                    GruSequenceGates.of(result.gates()));
        }
    }

    @Schema(description = "Backpropagation through time: the forward pass's inputs and the upstream gradient of every hidden state.")
    record GruSequenceBackwardRequest(
            @Schema(description = "Inputs of every step, (n_x, m, T_x)") @Nullable Tensor x,
            @Schema(description = "Initial hidden state, (n_a, m)") @Nullable Tensor a0,
            @Schema(description = "Wr, br, Wu, bu, Wc, bc (Wy, by optional and unused)") @Nullable GruParameters parameters,
            @Schema(description = "∂L/∂a⟨t⟩ from outside the recurrence for every step, (n_a, m, T_x)") @Nullable Tensor da) {

        SequenceInputs inputs() {
            return new SequenceInputs(this.x, this.a0, null, named(this.parameters), this.da, false);
        }
    }

    @Schema(description = "Gradients of the loss with respect to the inputs, the initial state and the parameters (summed over time).")
    record GruSequenceBackwardResponse(
            @Schema(description = "∂L/∂x, (n_x, m, T_x)") double[][][] dx,
            @Schema(description = "∂L/∂a0, (n_a, m)") double[][] da0,
            @JsonProperty("dWr") @Schema(description = "∂L/∂Wr, (n_a, n_a + n_x)") double[][] dWr,
            @JsonProperty("dWu") @Schema(description = "∂L/∂Wu, (n_a, n_a + n_x)") double[][] dWu,
            @JsonProperty("dWc") @Schema(description = "∂L/∂Wc, (n_a, n_a + n_x)") double[][] dWc,
            @JsonProperty("dbr") @Schema(description = "∂L/∂br, (n_a, 1)") double[][] dbr,
            @JsonProperty("dbu") @Schema(description = "∂L/∂bu, (n_a, 1)") double[][] dbu,
            @JsonProperty("dbc") @Schema(description = "∂L/∂bc, (n_a, 1)") double[][] dbc) {

        static GruSequenceBackwardResponse of(SequenceGradients g) {
            List<double[][]> p = parameterGradients(g.parameters());
            return new GruSequenceBackwardResponse(timeSteps(g.dx()), matrix(g.dInitial().a()), p.get(0), p.get(1),
                    p.get(2), p.get(3), p.get(4), p.get(5));
        }
    }
}
