package com.rnnservice.api;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import com.rnnservice.api.LstmMessages.LstmCellBackwardRequest;
import com.rnnservice.api.LstmMessages.LstmCellBackwardResponse;
import com.rnnservice.api.LstmMessages.LstmCellForwardRequest;
import com.rnnservice.api.LstmMessages.LstmCellForwardResponse;
import com.rnnservice.api.LstmMessages.LstmSequenceBackwardRequest;
import com.rnnservice.api.LstmMessages.LstmSequenceBackwardResponse;
import com.rnnservice.api.LstmMessages.LstmSequenceForwardRequest;
import com.rnnservice.api.LstmMessages.LstmSequenceForwardResponse;
import com.rnnservice.math.LstmCell;
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
@RequestMapping(path = "/api/v1/lstm", consumes = MediaType.APPLICATION_JSON_VALUE,
        produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "LSTM", description = "The LSTM cell, with concat = [a_prev; xt]: forget, update and output gates "
        + "σ(W·concat + b), candidate cct = tanh(Wc·concat + bc), c_next = ft ⊙ c_prev + it ⊙ cct, "
        + "a_next = ot ⊙ tanh(c_next), yt_pred = softmax(Wy·a_next + by).")
class LstmController {

    private final RecurrentService service;

    private final TrainingService training;

    private final NetworkService networks;

    LstmController(RecurrentService service, TrainingService training, NetworkService networks) {
        this.service = service;
        this.training = training;
        this.networks = networks;
    }

    @PostMapping("/cell/forward")
    @Operation(operationId = "lstmCellForward", summary = "One LSTM step forward",
            description = "Returns a_next, c_next, yt_pred and the gates ft, it, cct, ot of the step.")
    LstmCellForwardResponse cellForward(@RequestBody LstmCellForwardRequest request) {
        return LstmCellForwardResponse.of(this.service.cellForward(LstmCell.TYPE, request.inputs()));
    }

    @PostMapping("/cell/backward")
    @Operation(operationId = "lstmCellBackward", summary = "One LSTM step backward",
            description = "Gradients with respect to xt, a_prev, c_prev and the eight gate parameters, given ∂L/∂a_next "
                    + "and ∂L/∂c_next. The output layer takes no part.")
    LstmCellBackwardResponse cellBackward(@RequestBody LstmCellBackwardRequest request) {
        return LstmCellBackwardResponse.of(this.service.cellBackward(LstmCell.TYPE, request.inputs()));
    }

    @PostMapping("/sequence/forward")
    @Operation(operationId = "lstmSequenceForward", summary = "An LSTM over a whole sequence",
            description = "Runs the cell over t = 0 … T_x − 1 from a0 and c0 (zeros when c0 is absent). With "
                    + "\"return_gates\": true the answer also holds ft, it, cct and ot at every step, each (n_a, m, T_x).")
    LstmSequenceForwardResponse sequenceForward(@RequestBody LstmSequenceForwardRequest request) {
        return LstmSequenceForwardResponse.of(this.service.sequenceForward(LstmCell.TYPE, request.inputs()));
    }

    @PostMapping("/sequence/backward")
    @Operation(operationId = "lstmSequenceBackward", summary = "Backpropagation through time for an LSTM",
            description = "Gradients of L = Σ_t sum(a⟨t⟩ ⊙ da[:, :, t]): the hidden-state gradient at step t is "
                    + "da[:, :, t] plus what flows back from step t + 1; the cell-state gradient flows back alone, "
                    + "from zero after the last step. Returns dx, da0, dc0 and the parameter gradients summed over time.")
    LstmSequenceBackwardResponse sequenceBackward(@RequestBody LstmSequenceBackwardRequest request) {
        return LstmSequenceBackwardResponse.of(this.service.sequenceBackward(LstmCell.TYPE, request.inputs()));
    }

    @PostMapping("/sequence/loss")
    @Operation(operationId = "lstmSequenceLoss", summary = "Softmax cross-entropy of an LSTM and every gradient",
            description = "L = (1/m) Σ_t Σ_j mask[j, t] · −log softmax(Wy·a⟨t⟩ + by)[labels[j, t]], with labels as class "
                    + "indices (m, T_x) or one-hot targets (n_y, m, T_x). Returns L and its gradient with respect to x, a0"
                    + ", c0 and every parameter, dWy and dby included.")
    LossResponse sequenceLoss(@RequestBody LossRequest<LstmParameters> request) {
        return LossResponse.of(this.training.loss(LstmCell.TYPE, request.inputs()));
    }

    @PostMapping("/train")
    @Operation(operationId = "lstmTrain", summary = "Train an LSTM on one batch",
            description = "Runs 'steps' optimizer steps (sgd or adam) on the loss of /sequence/loss, optionally clipping the "
                    + "gradients by value, then by global norm. Returns the parameters, the loss before each step and the "
                    + "optimizer's state; send that state back to continue exactly where this call stopped.")
    TrainResponse train(@RequestBody TrainRequest<LstmParameters> request) {
        return TrainResponse.of(this.training.train(LstmCell.TYPE, request.inputs(), request.settings()));
    }

    @PostMapping("/gradient-check")
    @Operation(operationId = "lstmGradientCheck", summary = "Check the LSTM's backward pass against central differences",
            description = "For x, a0, c0 and every parameter: ‖g − g_num‖ / (‖g‖ + ‖g_num‖) between the "
                    + "analytic gradient of L = Σ_t sum(a⟨t⟩ ⊙ da[:, :, t]) and central differences with step epsilon. Costs two "
                    + "forward passes per entry; max_entries bounds it.")
    GradientCheckResponse gradientCheck(@RequestBody GradientCheckRequest<LstmParameters> request) {
        return GradientCheckResponse.of(this.training.gradientCheck(LstmCell.TYPE, request.inputs(), request.epsilon(),
                request.threshold(), request.maxEntries()));
    }

    @PostMapping("/network/forward")
    @Operation(operationId = "lstmNetworkForward", summary = "A deep or bidirectional LSTM network forward",
            description = NetworkDocs.FORWARD)
    ForwardResponse networkForward(@RequestBody ForwardRequest<LstmLayerParameters> request) {
        return ForwardResponse.of(this.networks.forward(LstmCell.TYPE, request.inputs(), request.layersWanted()));
    }

    @PostMapping("/network/backward")
    @Operation(operationId = "lstmNetworkBackward", summary = "Backpropagation through a deep or bidirectional LSTM network",
            description = NetworkDocs.BACKWARD)
    BackwardResponse networkBackward(@RequestBody BackwardRequest<LstmLayerParameters> request) {
        return BackwardResponse.of(LstmCell.TYPE, this.networks.backward(LstmCell.TYPE, request.inputs()));
    }

    @PostMapping("/network/loss")
    @Operation(operationId = "lstmNetworkLoss", summary = "Softmax cross-entropy of a LSTM network and every gradient",
            description = NetworkDocs.LOSS)
    NetworkMessages.LossResponse networkLoss(@RequestBody NetworkMessages.LossRequest<LstmLayerParameters> request) {
        return NetworkMessages.LossResponse.of(LstmCell.TYPE, this.networks.loss(LstmCell.TYPE, request.inputs()));
    }

    @PostMapping("/network/train")
    @Operation(operationId = "lstmNetworkTrain", summary = "Train a LSTM network on one batch",
            description = NetworkDocs.TRAIN)
    NetworkMessages.TrainResponse networkTrain(@RequestBody NetworkMessages.TrainRequest<LstmLayerParameters> request) {
        return NetworkMessages.TrainResponse.of(request,
                this.networks.train(LstmCell.TYPE, request.inputs(), request.settings()));
    }
}
