package com.rnnservice.api;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import com.rnnservice.api.GruMessages.GruCellBackwardRequest;
import com.rnnservice.api.GruMessages.GruCellBackwardResponse;
import com.rnnservice.api.GruMessages.GruCellForwardRequest;
import com.rnnservice.api.GruMessages.GruCellForwardResponse;
import com.rnnservice.api.GruMessages.GruSequenceBackwardRequest;
import com.rnnservice.api.GruMessages.GruSequenceBackwardResponse;
import com.rnnservice.api.GruMessages.GruSequenceForwardRequest;
import com.rnnservice.api.GruMessages.GruSequenceForwardResponse;
import com.rnnservice.math.GruCell;
import com.rnnservice.api.TrainingMessages.GradientCheckRequest;
import com.rnnservice.api.TrainingMessages.GradientCheckResponse;
import com.rnnservice.api.TrainingMessages.LossRequest;
import com.rnnservice.api.TrainingMessages.LossResponse;
import com.rnnservice.api.TrainingMessages.TrainRequest;
import com.rnnservice.api.TrainingMessages.TrainResponse;
import com.rnnservice.api.NetworkMessages.BackwardRequest;
import com.rnnservice.api.NetworkMessages.BackwardResponse;
import com.rnnservice.api.NetworkMessages.ForwardRequest;
import com.rnnservice.api.NetworkMessages.ForwardResponse;
import com.rnnservice.service.NetworkService;
import com.rnnservice.service.RecurrentService;
import com.rnnservice.service.TrainingService;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

@RestController
@RequestMapping(path = "/api/v1/gru", consumes = MediaType.APPLICATION_JSON_VALUE,
        produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "GRU", description = "The course's full GRU, with concat = [a_prev; xt]: rt = σ(Wr·concat + br), "
        + "ut = σ(Wu·concat + bu), cct = tanh(Wc·[rt ⊙ a_prev; xt] + bc), a_next = ut ⊙ cct + (1 − ut) ⊙ a_prev, "
        + "yt_pred = softmax(Wy·a_next + by). This is Keras' reset_after=False (whose update gate z is 1 − ut "
        + "here); PyTorch's nn.GRU applies the reset gate after the matmul and computes a different function.")
class GruController {

    private final RecurrentService service;

    private final TrainingService training;

    private final NetworkService networks;

    GruController(RecurrentService service, TrainingService training, NetworkService networks) {
        this.service = service;
        this.training = training;
        this.networks = networks;
    }

    @PostMapping("/cell/forward")
    @Operation(operationId = "gruCellForward", summary = "One GRU step forward",
            description = "Returns a_next, yt_pred and the gates rt, ut, cct of the step.")
    GruCellForwardResponse cellForward(@RequestBody GruCellForwardRequest request) {
        return GruCellForwardResponse.of(this.service.cellForward(GruCell.TYPE, request.inputs()));
    }

    @PostMapping("/cell/backward")
    @Operation(operationId = "gruCellBackward", summary = "One GRU step backward",
            description = "Gradients with respect to xt, a_prev and the six gate parameters, given ∂L/∂a_next. "
                    + "The output layer takes no part.")
    GruCellBackwardResponse cellBackward(@RequestBody GruCellBackwardRequest request) {
        return GruCellBackwardResponse.of(this.service.cellBackward(GruCell.TYPE, request.inputs()));
    }

    @PostMapping("/sequence/forward")
    @Operation(operationId = "gruSequenceForward", summary = "A GRU over a whole sequence",
            description = "Runs the cell over t = 0 … T_x − 1 from a0. With \"return_gates\": true the answer also "
                    + "holds rt, ut and cct at every step, each (n_a, m, T_x).")
    GruSequenceForwardResponse sequenceForward(@RequestBody GruSequenceForwardRequest request) {
        return GruSequenceForwardResponse.of(this.service.sequenceForward(GruCell.TYPE, request.inputs()));
    }

    @PostMapping("/sequence/backward")
    @Operation(operationId = "gruSequenceBackward", summary = "Backpropagation through time for a GRU",
            description = "Gradients of L = Σ_t sum(a⟨t⟩ ⊙ da[:, :, t]): at step t the hidden-state gradient is "
                    + "da[:, :, t] plus what flows back from step t + 1; parameter gradients are summed over all steps.")
    GruSequenceBackwardResponse sequenceBackward(@RequestBody GruSequenceBackwardRequest request) {
        return GruSequenceBackwardResponse.of(this.service.sequenceBackward(GruCell.TYPE, request.inputs()));
    }

    @PostMapping("/sequence/loss")
    @Operation(operationId = "gruSequenceLoss", summary = "Softmax cross-entropy of an GRU and every gradient",
            description = "L = (1/m) Σ_t Σ_j mask[j, t] · −log softmax(Wy·a⟨t⟩ + by)[labels[j, t]], with labels as class "
                    + "indices (m, T_x) or one-hot targets (n_y, m, T_x). Returns L and its gradient with respect to x, a0"
                    + " and every parameter, dWy and dby included.")
    LossResponse sequenceLoss(@RequestBody LossRequest<GruParameters> request) {
        return LossResponse.of(this.training.loss(GruCell.TYPE, request.inputs()));
    }

    @PostMapping("/train")
    @Operation(operationId = "gruTrain", summary = "Train an GRU on one batch",
            description = "Runs 'steps' optimizer steps (sgd or adam) on the loss of /sequence/loss, optionally clipping the "
                    + "gradients by value, then by global norm. Returns the parameters, the loss before each step and the "
                    + "optimizer's state; send that state back to continue exactly where this call stopped.")
    TrainResponse train(@RequestBody TrainRequest<GruParameters> request) {
        return TrainResponse.of(this.training.train(GruCell.TYPE, request.inputs(), request.settings()));
    }

    @PostMapping("/gradient-check")
    @Operation(operationId = "gruGradientCheck", summary = "Check the GRU's backward pass against central differences",
            description = "For x, a0 and every parameter: ‖g − g_num‖ / (‖g‖ + ‖g_num‖) between the "
                    + "analytic gradient of L = Σ_t sum(a⟨t⟩ ⊙ da[:, :, t]) and central differences with step epsilon. Costs two "
                    + "forward passes per entry; max_entries bounds it.")
    GradientCheckResponse gradientCheck(@RequestBody GradientCheckRequest<GruParameters> request) {
        return GradientCheckResponse.of(this.training.gradientCheck(GruCell.TYPE, request.inputs(), request.epsilon(),
                request.threshold(), request.maxEntries()));
    }

    @PostMapping("/network/forward")
    @Operation(operationId = "gruNetworkForward", summary = "A deep or bidirectional GRU network forward",
            description = NetworkDocs.FORWARD)
    ForwardResponse networkForward(@RequestBody ForwardRequest<GruLayerParameters> request) {
        return ForwardResponse.of(this.networks.forward(GruCell.TYPE, request.inputs(), request.layersWanted()));
    }

    @PostMapping("/network/backward")
    @Operation(operationId = "gruNetworkBackward", summary = "Backpropagation through a deep or bidirectional GRU network",
            description = NetworkDocs.BACKWARD)
    BackwardResponse networkBackward(@RequestBody BackwardRequest<GruLayerParameters> request) {
        return BackwardResponse.of(GruCell.TYPE, this.networks.backward(GruCell.TYPE, request.inputs()));
    }

    @PostMapping("/network/loss")
    @Operation(operationId = "gruNetworkLoss", summary = "Softmax cross-entropy of a GRU network and every gradient",
            description = NetworkDocs.LOSS)
    NetworkMessages.LossResponse networkLoss(@RequestBody NetworkMessages.LossRequest<GruLayerParameters> request) {
        return NetworkMessages.LossResponse.of(GruCell.TYPE, this.networks.loss(GruCell.TYPE, request.inputs()));
    }

    @PostMapping("/network/train")
    @Operation(operationId = "gruNetworkTrain", summary = "Train a GRU network on one batch",
            description = NetworkDocs.TRAIN)
    NetworkMessages.TrainResponse networkTrain(@RequestBody NetworkMessages.TrainRequest<GruLayerParameters> request) {
        return NetworkMessages.TrainResponse.of(request,
                this.networks.train(GruCell.TYPE, request.inputs(), request.settings()));
    }
}
