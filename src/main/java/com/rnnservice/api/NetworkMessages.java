package com.rnnservice.api;

import static com.rnnservice.api.TensorData.matrix;
import static com.rnnservice.api.TensorData.timeSteps;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.commons.math3.linear.RealMatrix;
import org.jspecify.annotations.Nullable;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.rnnservice.api.TrainingMessages.OptimizerSpec;
import com.rnnservice.api.TrainingMessages.StateResponse;
import com.rnnservice.api.TrainingMessages.StateSpec;
import com.rnnservice.math.CellType;
import com.rnnservice.math.Network;
import com.rnnservice.math.NetworkParameters;
import com.rnnservice.math.ParameterShape;
import com.rnnservice.math.SequenceGradients;
import com.rnnservice.math.State;
import com.rnnservice.service.NetworkInputs;
import com.rnnservice.service.NetworkService;
import com.rnnservice.service.Tensor;
import com.rnnservice.service.TrainSettings;

import io.swagger.v3.oas.annotations.media.Schema;

/** The bodies of the network endpoints, shared by every cell family; P is the family's layer parameters. */
final class NetworkMessages {

    private NetworkMessages() {
    }

    @Schema(description = "One layer: a forward direction and, for a bidirectional layer, a reverse one that reads "
            + "t = T_x − 1 down to 0. The layer's output at step t is a_fwd⟨t⟩, or [a_fwd⟨t⟩; a_bwd⟨t⟩] (2·n_a rows) "
            + "when it is bidirectional. Missing initial states are zeros.")
    record Layer<P extends CellParameters>(
            @Schema(description = "The forward direction's parameters", requiredMode = Schema.RequiredMode.REQUIRED) @Nullable P forward,
            @Schema(description = "The reverse direction's parameters; present makes the layer bidirectional") @Nullable P backward,
            @Schema(description = "The forward direction's initial hidden state, (n_a, m); zeros when absent") @Nullable Tensor a0,
            @Schema(description = "The forward direction's initial cell state, (n_a, m): LSTM only; zeros when absent") @Nullable Tensor c0,
            @JsonProperty("a0_backward") @Schema(description = "The reverse direction's initial hidden state (before "
                    + "t = T_x − 1), (n_a, m); zeros when absent") @Nullable Tensor a0Backward,
            @JsonProperty("c0_backward") @Schema(description = "The reverse direction's initial cell state, (n_a, m): "
                    + "LSTM only; zeros when absent") @Nullable Tensor c0Backward) {

        NetworkInputs.Layer inputs() {
            return new NetworkInputs.Layer(named(this.forward), named(this.backward), this.a0, this.c0, this.a0Backward,
                    this.c0Backward);
        }
    }

    @Schema(name = "NetworkOutput", description = "The output layer on the top layer's output: y_pred⟨t⟩ = softmax(Wy·a⟨t⟩ + by).")
    record Output(
            @JsonProperty("Wy") @Schema(description = "Output weights, (n_y, n_out), n_out the top layer's output size") @Nullable Tensor wy,
            @Schema(description = "Output bias, (n_y, 1) or (n_y,)") @Nullable Tensor by) {

        Map<String, @Nullable Tensor> byName() {
            Map<String, @Nullable Tensor> named = new LinkedHashMap<>();
            named.put("Wy", this.wy);
            named.put("by", this.by);
            return named;
        }
    }

    @Schema(description = "A sequence and a network's layers, bottom first; optionally an output layer.")
    record ForwardRequest<P extends CellParameters>(
            @Schema(description = "Inputs of every step, (n_x, m, T_x)") @Nullable Tensor x,
            @Schema(description = "The layers, bottom first") @Nullable List<@Nullable Layer<P>> layers,
            @Schema(description = "Optional: predictions y_pred at every step") @Nullable Output output,
            @JsonProperty("return_layers") @Schema(description = "Also return every layer's output, default false") @Nullable Boolean returnLayers) {

        NetworkInputs inputs() {
            return new NetworkInputs(this.x, inputsOf(this.layers), this.output == null ? null : this.output.byName(), null,
                    null, null);
        }

        boolean layersWanted() {
            return Boolean.TRUE.equals(this.returnLayers);
        }
    }

    @Schema(name = "NetworkLayerOutput", description = "One layer's output at every step.")
    record LayerOutput(@Schema(description = "(n_a or 2·n_a, m, T_x)") double[][][] a) {
    }

    @Schema(name = "NetworkForwardResponse", description = "The top layer's output, predictions when an output layer was given, every layer's output "
            + "when asked for.")
    record ForwardResponse(
            @Schema(description = "The top layer's output at every step, (n_out, m, T_x)") double[][][] a,
            @JsonProperty("y_pred") @JsonInclude(JsonInclude.Include.NON_NULL) @Schema(description = "softmax(Wy·a⟨t⟩ + by) "
                    + "at every step, (n_y, m, T_x); only with an output layer") double @Nullable [][][] yPred,
            @JsonInclude(JsonInclude.Include.NON_NULL) @Schema(description = "Every layer's output, bottom first; only "
                    + "with return_layers") @Nullable List<LayerOutput> layers) {

        static ForwardResponse of(NetworkService.Forward forward) {
            List<RealMatrix> yPred = forward.yPred();
            List<List<RealMatrix>> layers = forward.layers();
            return new ForwardResponse(timeSteps(forward.a()), yPred == null ? null : timeSteps(yPred),
                    layers == null ? null : layers.stream().map(a -> new LayerOutput(timeSteps(a))).toList());
        }
    }

    @Schema(description = "A sequence, a network's layers and the upstream gradient of its top output.")
    record BackwardRequest<P extends CellParameters>(
            @Schema(description = "Inputs of every step, (n_x, m, T_x)") @Nullable Tensor x,
            @Schema(description = "The layers, bottom first") @Nullable List<@Nullable Layer<P>> layers,
            @Schema(description = "∂L/∂a_top⟨t⟩ for every step, (n_out, m, T_x): the pass differentiates "
                    + "L = Σ_t sum(a_top⟨t⟩ ⊙ da[:, :, t])") @Nullable Tensor da) {

        NetworkInputs inputs() {
            return new NetworkInputs(this.x, inputsOf(this.layers), null, this.da, null, null);
        }
    }

    @Schema(name = "NetworkLayerGradients", description = "One layer's gradients: each direction's parameters (d<name>) and initial states.")
    record LayerGradients(
            @Schema(description = "The forward direction's parameter gradients (dWf, ...)") Map<String, double[][]> forward,
            @JsonInclude(JsonInclude.Include.NON_NULL) @Schema(description = "The reverse direction's; bidirectional layers only") @Nullable Map<String, double[][]> backward,
            @Schema(description = "∂L/∂a0, (n_a, m)") double[][] da0,
            @JsonInclude(JsonInclude.Include.NON_NULL) @Schema(description = "∂L/∂c0 (LSTM)") double @Nullable [][] dc0,
            @JsonProperty("da0_backward") @JsonInclude(JsonInclude.Include.NON_NULL) @Schema(description = "∂L/∂a0_backward; bidirectional layers only") double @Nullable [][] da0Backward,
            @JsonProperty("dc0_backward") @JsonInclude(JsonInclude.Include.NON_NULL) @Schema(description = "∂L/∂c0_backward; bidirectional LSTM layers only") double @Nullable [][] dc0Backward) {

        static List<LayerGradients> of(CellType type, Network.Gradients gradients) {
            List<LayerGradients> layers = new ArrayList<>();
            for (Network.LayerGradients layer : gradients.layers()) {
                SequenceGradients backward = layer.backward();
                State dBackward = backward == null ? null : backward.dInitial();
                layers.add(new LayerGradients(parameters(type, layer.forward()),
                        backward == null ? null : parameters(type, backward), matrix(layer.forward().dInitial().a()),
                        memory(layer.forward().dInitial()), dBackward == null ? null : matrix(dBackward.a()),
                        dBackward == null ? null : memory(dBackward)));
            }
            return layers;
        }

        private static Map<String, double[][]> parameters(CellType type, SequenceGradients g) {
            Map<String, double[][]> named = new LinkedHashMap<>();
            for (ParameterShape shape : type.parameters()) {
                named.put(shape.gradientName(), matrix(g.parameters().get(shape.gradientName())));
            }
            return named;
        }

        private static double @Nullable [][] memory(State state) {
            RealMatrix c = state.c();
            return c == null ? null : matrix(c);
        }
    }

    @Schema(name = "NetworkBackwardResponse", description = "The gradient of the input and of every layer's parameters and initial states.")
    record BackwardResponse(
            @Schema(description = "∂L/∂x, (n_x, m, T_x)") double[][][] dx,
            @Schema(description = "Every layer's gradients, bottom first") List<LayerGradients> layers) {

        static BackwardResponse of(CellType type, Network.Gradients gradients) {
            return new BackwardResponse(timeSteps(gradients.dx()), LayerGradients.of(type, gradients));
        }
    }

    @Schema(description = "A sequence, a network with its output layer, and the labels to score its predictions against.")
    record LossRequest<P extends CellParameters>(
            @Schema(description = "Inputs of every step, (n_x, m, T_x)") @Nullable Tensor x,
            @Schema(description = "The layers, bottom first") @Nullable List<@Nullable Layer<P>> layers,
            @Schema(description = "The output layer, required") @Nullable Output output,
            @Schema(description = "Class indices, whole numbers in [0, n_y), of shape (m, T_x); or one-hot targets "
                    + "(any distribution over the classes) of shape (n_y, m, T_x)") @Nullable Tensor labels,
            @Schema(description = "Optional (m, T_x) of 0 and 1: 0 leaves that example's step out of the loss; the "
                    + "divisor stays m") @Nullable Tensor mask) {

        NetworkInputs inputs() {
            return new NetworkInputs(this.x, inputsOf(this.layers), this.output == null ? null : this.output.byName(), null,
                    this.labels, this.mask);
        }
    }

    @Schema(name = "NetworkOutputGradients", description = "The output layer's gradients.")
    record OutputGradients(@JsonProperty("dWy") double[][] dWy, double[][] dby) {
    }

    @Schema(name = "NetworkLossGradients", description = "Every gradient of the loss.")
    record LossGradients(
            @Schema(description = "∂L/∂x, (n_x, m, T_x)") double[][][] dx,
            @Schema(description = "Every layer's gradients, bottom first") List<LayerGradients> layers,
            @Schema(description = "dWy and dby") OutputGradients output) {
    }

    @Schema(name = "NetworkLossResponse", description = "The loss, (1/m) Σ_t Σ_j mask · −log softmax(Wy·a_top⟨t⟩ + by)[label], and every gradient.")
    record LossResponse(
            @Schema(description = "Softmax cross-entropy summed over time steps, averaged over the batch") double loss,
            @Schema(description = "dx, every layer's, and the output layer's") LossGradients gradients) {

        static LossResponse of(CellType type, NetworkService.LossOutcome outcome) {
            return new LossResponse(outcome.loss(), new LossGradients(timeSteps(outcome.network().dx()),
                    LayerGradients.of(type, outcome.network()),
                    new OutputGradients(matrix(outcome.dWy()), matrix(outcome.dby()))));
        }
    }

    @Schema(description = "A network loss request plus how to train: optimizer steps on this one batch. Every layer's "
            + "and direction's parameters and the output layer train; initial states do not.")
    record TrainRequest<P extends CellParameters>(
            @Schema(description = "Inputs of every step, (n_x, m, T_x)") @Nullable Tensor x,
            @Schema(description = "The layers to start from, bottom first") @Nullable List<@Nullable Layer<P>> layers,
            @Schema(description = "The output layer to start from, required") @Nullable Output output,
            @Schema(description = "Class indices (m, T_x) or one-hot targets (n_y, m, T_x)") @Nullable Tensor labels,
            @Schema(description = "Optional (m, T_x) of 0 and 1") @Nullable Tensor mask,
            @Schema(description = "Optimizer steps, default 1") @Nullable Integer steps,
            @Schema(description = "The optimizer") @Nullable OptimizerSpec optimizer,
            @JsonProperty("clip_value") @Schema(description = "Clip every gradient entry to [−v, v]; applied first") @Nullable Double clipValue,
            @JsonProperty("clip_norm") @Schema(description = "Scale all gradients by min(1, clip_norm / (‖g‖ + 1e-6)), ‖g‖ "
                    + "the global L2 norm over every layer and the output layer; applied after clip_value") @Nullable Double clipNorm,
            @Schema(description = "The state of an earlier answer, to continue exactly where it stopped; its moments are "
                    + "keyed by parameter path (layers[0].forward.Wf, ..., output.Wy, output.by)") @Nullable StateSpec state) {

        NetworkInputs inputs() {
            return new NetworkInputs(this.x, inputsOf(this.layers), this.output == null ? null : this.output.byName(), null,
                    this.labels, this.mask);
        }

        TrainSettings settings() {
            return TrainingMessages.settings(this.steps, this.optimizer, this.clipValue, this.clipNorm, this.state);
        }
    }

    @Schema(name = "NetworkTrainedLayer", description = "A trained layer: each direction's parameters, and the initial states the request sent, "
            + "unchanged, so that the layers can be sent back as they are.")
    record TrainedLayer(
            @Schema(description = "The forward direction's parameters") Map<String, double[][]> forward,
            @JsonInclude(JsonInclude.Include.NON_NULL) @Schema(description = "The reverse direction's; bidirectional layers only") @Nullable Map<String, double[][]> backward,
            @JsonInclude(JsonInclude.Include.NON_NULL) @Schema(description = "As sent") double @Nullable [][] a0,
            @JsonInclude(JsonInclude.Include.NON_NULL) @Schema(description = "As sent") double @Nullable [][] c0,
            @JsonProperty("a0_backward") @JsonInclude(JsonInclude.Include.NON_NULL) @Schema(description = "As sent") double @Nullable [][] a0Backward,
            @JsonProperty("c0_backward") @JsonInclude(JsonInclude.Include.NON_NULL) @Schema(description = "As sent") double @Nullable [][] c0Backward) {
    }

    @Schema(name = "NetworkTrainedOutput", description = "The trained output layer.")
    record TrainedOutput(@JsonProperty("Wy") double[][] wy, double[][] by) {
    }

    @Schema(name = "NetworkTrainResponse", description = "The trained layers and output layer, the loss before each step and the optimizer's state.")
    record TrainResponse(
            @Schema(description = "Every layer after the last step, bottom first") List<TrainedLayer> layers,
            @Schema(description = "The output layer after the last step") TrainedOutput output,
            @Schema(description = "The loss before each step") double[] losses,
            @Schema(description = "Pass it back as 'state' to continue") StateResponse state) {

        static <P extends CellParameters> TrainResponse of(TrainRequest<P> request, NetworkService.TrainOutcome outcome) {
            List<TrainedLayer> layers = new ArrayList<>();
            List<NetworkParameters.LayerParameters> trained = outcome.network().layers();
            List<@Nullable Layer<P>> sent = request.layers();
            for (int l = 0; l < trained.size(); l++) {
                NetworkParameters.LayerParameters layer = trained.get(l);
                Layer<P> given = sent == null ? null : sent.get(l);
                Map<String, RealMatrix> backward = layer.backward();
                State initialBackward = layer.initialBackward();
                layers.add(new TrainedLayer(TrainingMessages.arrays(layer.forward()),
                        backward == null ? null : TrainingMessages.arrays(backward),
                        echo(given != null && given.a0() != null, layer.initial().a()),
                        echo(given != null && given.c0() != null, layer.initial().c()),
                        initialBackward == null ? null : echo(given != null && given.a0Backward() != null, initialBackward.a()),
                        initialBackward == null ? null : echo(given != null && given.c0Backward() != null, initialBackward.c())));
            }
            return new TrainResponse(layers, new TrainedOutput(matrix(outcome.output().wy()), matrix(outcome.output().by())),
                    outcome.losses(), StateResponse.of(outcome.state()));
        }

        /** An initial state the request sent, as it was (a state is never trained); null if it sent none. */
        private static double @Nullable [][] echo(boolean sent, @Nullable RealMatrix state) {
            return sent && state != null ? matrix(state) : null;
        }
    }

    private static @Nullable List<NetworkInputs.@Nullable Layer> inputsOf(@Nullable List<? extends @Nullable Layer<?>> layers) {
        if (layers == null) {
            return null;
        }
        List<NetworkInputs.@Nullable Layer> inputs = new ArrayList<>(layers.size());
        for (Layer<?> layer : layers) {
            inputs.add(layer == null ? null : layer.inputs());
        }
        return inputs;
    }

    private static @Nullable Map<String, @Nullable Tensor> named(@Nullable CellParameters parameters) {
        return parameters == null ? null : parameters.byName();
    }
}
