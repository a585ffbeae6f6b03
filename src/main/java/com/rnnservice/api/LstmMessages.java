package com.rnnservice.api;

import static com.rnnservice.api.TensorData.matrix;
import static com.rnnservice.api.TensorData.timeSteps;

import java.util.List;
import java.util.Map;
import java.util.Objects;

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

/** The LSTM endpoints' request and response bodies. */
final class LstmMessages {

    private LstmMessages() {
    }

    private static @Nullable Map<String, @Nullable Tensor> named(@Nullable LstmParameters parameters) {
        return parameters == null ? null : parameters.byName();
    }

    /** The memory part of an LSTM result, which an LSTM always has. */
    private static <T> T memory(@Nullable T value) {
        return Objects.requireNonNull(value, "an LSTM result without its memory part");
    }

    @Schema(description = "One LSTM step: the input at this step and the hidden and cell states before it.")
    record LstmCellForwardRequest(
            @Schema(description = "Input at this step, (n_x, m)") @Nullable Tensor xt,
            @JsonProperty("a_prev") @Schema(description = "Hidden state before the step, (n_a, m)") @Nullable Tensor aPrev,
            @JsonProperty("c_prev") @Schema(description = "Cell state before the step, (n_a, m)") @Nullable Tensor cPrev,
            @Schema(description = "Wf, bf, Wi, bi, Wc, bc, Wo, bo, Wy, by") @Nullable LstmParameters parameters) {

        CellInputs inputs() {
            return new CellInputs(this.xt, this.aPrev, this.cPrev, named(this.parameters), null, null);
        }
    }

    @Schema(description = "The gate activations of one step, each (n_a, m).")
    record LstmGates(
            @Schema(description = "Forget gate σ(Wf·concat + bf)") double[][] ft,
            @Schema(description = "Update gate σ(Wi·concat + bi)") double[][] it,
            @Schema(description = "Candidate tanh(Wc·concat + bc)") double[][] cct,
            @Schema(description = "Output gate σ(Wo·concat + bo)") double[][] ot) {
    }

    @Schema(description = "The next hidden and cell states, the prediction and the gates.")
    record LstmCellForwardResponse(
            @JsonProperty("a_next") @Schema(description = "ot ⊙ tanh(c_next), (n_a, m)") double[][] aNext,
            @JsonProperty("c_next") @Schema(description = "ft ⊙ c_prev + it ⊙ cct, (n_a, m)") double[][] cNext,
            @JsonProperty("yt_pred") @Schema(description = "softmax(Wy·a_next + by) over each column, (n_y, m)") double[][] ytPred,
            @Schema(description = "The gates, with concat = [a_prev; xt]") LstmGates gates) {

        static LstmCellForwardResponse of(CellForward result) {
            Map<String, RealMatrix> g = result.gates();
            return new LstmCellForwardResponse(matrix(result.aNext()), matrix(memory(result.cNext())),
                    matrix(result.ytPred()),
                    new LstmGates(matrix(g.get("ft")), matrix(g.get("it")), matrix(g.get("cct")), matrix(g.get("ot"))));
        }
    }

    @Schema(description = "One LSTM step backward: the forward step's inputs and the gradients of the loss with respect to a_next and c_next.")
    record LstmCellBackwardRequest(
            @Schema(description = "Input at this step, (n_x, m)") @Nullable Tensor xt,
            @JsonProperty("a_prev") @Schema(description = "Hidden state before the step, (n_a, m)") @Nullable Tensor aPrev,
            @JsonProperty("c_prev") @Schema(description = "Cell state before the step, (n_a, m)") @Nullable Tensor cPrev,
            @Schema(description = "Wf, bf, Wi, bi, Wc, bc, Wo, bo (Wy, by optional and unused)") @Nullable LstmParameters parameters,
            @JsonProperty("da_next") @Schema(description = "∂L/∂a_next, (n_a, m)") @Nullable Tensor daNext,
            @JsonProperty("dc_next") @Schema(description = "∂L/∂c_next, (n_a, m)") @Nullable Tensor dcNext) {

        CellInputs inputs() {
            return new CellInputs(this.xt, this.aPrev, this.cPrev, named(this.parameters), this.daNext, this.dcNext);
        }
    }

    @Schema(description = "Gradients of the loss with respect to the step's input, previous states and parameters.")
    record LstmCellBackwardResponse(
            @Schema(description = "∂L/∂xt, (n_x, m)") double[][] dxt,
            @JsonProperty("da_prev") @Schema(description = "∂L/∂a_prev, (n_a, m)") double[][] daPrev,
            @JsonProperty("dc_prev") @Schema(description = "∂L/∂c_prev, (n_a, m)") double[][] dcPrev,
            @JsonProperty("dWf") @Schema(description = "∂L/∂Wf, (n_a, n_a + n_x)") double[][] dWf,
            @JsonProperty("dWi") @Schema(description = "∂L/∂Wi, (n_a, n_a + n_x)") double[][] dWi,
            @JsonProperty("dWc") @Schema(description = "∂L/∂Wc, (n_a, n_a + n_x)") double[][] dWc,
            @JsonProperty("dWo") @Schema(description = "∂L/∂Wo, (n_a, n_a + n_x)") double[][] dWo,
            @JsonProperty("dbf") @Schema(description = "∂L/∂bf, (n_a, 1)") double[][] dbf,
            @JsonProperty("dbi") @Schema(description = "∂L/∂bi, (n_a, 1)") double[][] dbi,
            @JsonProperty("dbc") @Schema(description = "∂L/∂bc, (n_a, 1)") double[][] dbc,
            @JsonProperty("dbo") @Schema(description = "∂L/∂bo, (n_a, 1)") double[][] dbo) {

        static LstmCellBackwardResponse of(StepGradients g) {
            List<double[][]> p = parameterGradients(g.parameters());
            return new LstmCellBackwardResponse(matrix(g.dxt()), matrix(g.dPrev().a()), matrix(memory(g.dPrev().c())),
                    p.get(0), p.get(1), p.get(2), p.get(3), p.get(4), p.get(5), p.get(6), p.get(7));
        }
    }

    @Schema(description = "An LSTM over a whole sequence: the inputs of every step and the initial states.")
    record LstmSequenceForwardRequest(
            @Schema(description = "Inputs of every step, (n_x, m, T_x)") @Nullable Tensor x,
            @Schema(description = "Initial hidden state, (n_a, m)") @Nullable Tensor a0,
            @Schema(description = "Initial cell state, (n_a, m); zeros when absent, as in the seed") @Nullable Tensor c0,
            @Schema(description = "Wf, bf, Wi, bi, Wc, bc, Wo, bo, Wy, by") @Nullable LstmParameters parameters,
            @JsonProperty("return_gates") @Schema(description = "Also return every gate at every step",
                    defaultValue = "false") @Nullable Boolean returnGates) {

        SequenceInputs inputs() {
            return new SequenceInputs(this.x, this.a0, this.c0, named(this.parameters), null,
                    Boolean.TRUE.equals(this.returnGates));
        }
    }

    @Schema(description = "The gate activations of every step, each (n_a, m, T_x); [:, :, t] is step t's.")
    record LstmSequenceGates(
            @Schema(description = "Forget gates") double[][][] ft,
            @Schema(description = "Update gates") double[][][] it,
            @Schema(description = "Candidates") double[][][] cct,
            @Schema(description = "Output gates") double[][][] ot) {

        static @Nullable LstmSequenceGates of(@Nullable Map<String, List<RealMatrix>> gates) {
            return gates == null ? null : new LstmSequenceGates(timeSteps(gates.get("ft")), timeSteps(gates.get("it")),
                    timeSteps(gates.get("cct")), timeSteps(gates.get("ot")));
        }
    }

    @Schema(description = "The hidden states, cell states and predictions of every step, and the gates if asked for.")
    record LstmSequenceForwardResponse(
            @Schema(description = "Hidden states, (n_a, m, T_x)") double[][][] a,
            @Schema(description = "Cell states, (n_a, m, T_x)") double[][][] c,
            @JsonProperty("y_pred") @Schema(description = "Predictions, (n_y, m, T_x)") double[][][] yPred,
            @JsonInclude(JsonInclude.Include.NON_NULL) @Schema(description = "Every gate at every step; only when return_gates is true")
            @Nullable LstmSequenceGates gates) {

        static LstmSequenceForwardResponse of(SequenceForward result) {
            return new LstmSequenceForwardResponse(timeSteps(result.a()), timeSteps(memory(result.c())),
                    timeSteps(result.yPred()), LstmSequenceGates.of(result.gates()));
        }
    }

    @Schema(description = "Backpropagation through time: the forward pass's inputs and the upstream gradient of every hidden state.")
    record LstmSequenceBackwardRequest(
            @Schema(description = "Inputs of every step, (n_x, m, T_x)") @Nullable Tensor x,
            @Schema(description = "Initial hidden state, (n_a, m)") @Nullable Tensor a0,
            @Schema(description = "Initial cell state, (n_a, m); zeros when absent") @Nullable Tensor c0,
            @Schema(description = "Wf, bf, Wi, bi, Wc, bc, Wo, bo (Wy, by optional and unused)") @Nullable LstmParameters parameters,
            @Schema(description = "∂L/∂a⟨t⟩ from outside the recurrence for every step, (n_a, m, T_x); no gradient enters the last cell state") @Nullable Tensor da) {

        SequenceInputs inputs() {
            return new SequenceInputs(this.x, this.a0, this.c0, named(this.parameters), this.da, false);
        }
    }

    @Schema(description = "Gradients of the loss with respect to the inputs, the initial states and the parameters (summed over time).")
    record LstmSequenceBackwardResponse(
            @Schema(description = "∂L/∂x, (n_x, m, T_x)") double[][][] dx,
            @Schema(description = "∂L/∂a0, (n_a, m)") double[][] da0,
            @Schema(description = "∂L/∂c0, (n_a, m)") double[][] dc0,
            @JsonProperty("dWf") @Schema(description = "∂L/∂Wf, (n_a, n_a + n_x)") double[][] dWf,
            @JsonProperty("dWi") @Schema(description = "∂L/∂Wi, (n_a, n_a + n_x)") double[][] dWi,
            @JsonProperty("dWc") @Schema(description = "∂L/∂Wc, (n_a, n_a + n_x)") double[][] dWc,
            @JsonProperty("dWo") @Schema(description = "∂L/∂Wo, (n_a, n_a + n_x)") double[][] dWo,
            @JsonProperty("dbf") @Schema(description = "∂L/∂bf, (n_a, 1)") double[][] dbf,
            @JsonProperty("dbi") @Schema(description = "∂L/∂bi, (n_a, 1)") double[][] dbi,
            @JsonProperty("dbc") @Schema(description = "∂L/∂bc, (n_a, 1)") double[][] dbc,
            @JsonProperty("dbo") @Schema(description = "∂L/∂bo, (n_a, 1)") double[][] dbo) {

        static LstmSequenceBackwardResponse of(SequenceGradients g) {
            List<double[][]> p = parameterGradients(g.parameters());
            return new LstmSequenceBackwardResponse(timeSteps(g.dx()), matrix(g.dInitial().a()),
                    matrix(memory(g.dInitial().c())), p.get(0), p.get(1), p.get(2), p.get(3), p.get(4), p.get(5),
                    p.get(6), p.get(7));
        }
    }

    /** dWf, dWi, dWc, dWo, dbf, dbi, dbc, dbo, in that order. */
    private static List<double[][]> parameterGradients(Map<String, RealMatrix> gradients) {
        return List.of("dWf", "dWi", "dWc", "dWo", "dbf", "dbi", "dbc", "dbo").stream()
                .map(name -> matrix(gradients.get(name))).toList();
    }
}
