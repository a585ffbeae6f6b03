package com.rnnservice.api;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import com.rnnservice.api.RnnMessages.RnnCellBackwardRequest;
import com.rnnservice.api.RnnMessages.RnnCellBackwardResponse;
import com.rnnservice.api.RnnMessages.RnnCellForwardRequest;
import com.rnnservice.api.RnnMessages.RnnCellForwardResponse;
import com.rnnservice.api.RnnMessages.RnnSequenceBackwardRequest;
import com.rnnservice.api.RnnMessages.RnnSequenceBackwardResponse;
import com.rnnservice.api.RnnMessages.RnnSequenceForwardRequest;
import com.rnnservice.api.RnnMessages.RnnSequenceForwardResponse;
import com.rnnservice.math.RnnCell;
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
@RequestMapping(path = "/api/v1/rnn", consumes = MediaType.APPLICATION_JSON_VALUE,
        produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "RNN", description = "The basic RNN cell: a_next = tanh(Wax·xt + Waa·a_prev + ba), "
        + "yt_pred = softmax(Wya·a_next + by). It has no gates.")
class RnnController {

    private final RecurrentService service;

    private final TrainingService training;

    private final NetworkService networks;

    RnnController(RecurrentService service, TrainingService training, NetworkService networks) {
        this.service = service;
        this.training = training;
        this.networks = networks;
    }

    @PostMapping("/cell/forward")
    @Operation(operationId = "rnnCellForward", summary = "One RNN step forward",
            description = "a_next = tanh(Wax·xt + Waa·a_prev + ba); yt_pred = softmax(Wya·a_next + by), softmax over each column.")
    RnnCellForwardResponse cellForward(@RequestBody RnnCellForwardRequest request) {
        return RnnCellForwardResponse.of(this.service.cellForward(RnnCell.TYPE, request.inputs()));
    }

    @PostMapping("/cell/backward")
    @Operation(operationId = "rnnCellBackward", summary = "One RNN step backward",
            description = "With dz = (1 − a_next²) ⊙ da_next: dxt = Waxᵀ·dz, da_prev = Waaᵀ·dz, dWax = dz·xtᵀ, "
                    + "dWaa = dz·a_prevᵀ, dba = dz summed over the batch. The output layer takes no part.")
    RnnCellBackwardResponse cellBackward(@RequestBody RnnCellBackwardRequest request) {
        return RnnCellBackwardResponse.of(this.service.cellBackward(RnnCell.TYPE, request.inputs()));
    }

    @PostMapping("/sequence/forward")
    @Operation(operationId = "rnnSequenceForward", summary = "An RNN over a whole sequence",
            description = "Runs the cell over t = 0 … T_x − 1 from a0; a[:, :, t] and y_pred[:, :, t] are step t's "
                    + "a_next and yt_pred. The RNN has no gates: \"return_gates\" is accepted, as on the LSTM and GRU, "
                    + "and the answer never carries any.")
    RnnSequenceForwardResponse sequenceForward(@RequestBody RnnSequenceForwardRequest request) {
        return RnnSequenceForwardResponse.of(this.service.sequenceForward(RnnCell.TYPE, request.inputs()));
    }

    @PostMapping("/sequence/backward")
    @Operation(operationId = "rnnSequenceBackward", summary = "Backpropagation through time for an RNN",
            description = "Gradients of L = Σ_t sum(a⟨t⟩ ⊙ da[:, :, t]): at step t the hidden-state gradient is "
                    + "da[:, :, t] plus what flows back from step t + 1; parameter gradients are summed over all steps.")
    RnnSequenceBackwardResponse sequenceBackward(@RequestBody RnnSequenceBackwardRequest request) {
        return RnnSequenceBackwardResponse.of(this.service.sequenceBackward(RnnCell.TYPE, request.inputs()));
    }

    @PostMapping("/sequence/loss")
    @Operation(operationId = "rnnSequenceLoss", summary = "Softmax cross-entropy of an RNN and every gradient",
            description = "L = (1/m) Σ_t Σ_j mask[j, t] · −log softmax(Wya·a⟨t⟩ + by)[labels[j, t]], with labels as class "
                    + "indices (m, T_x) or one-hot targets (n_y, m, T_x). Returns L and its gradient with respect to x, a0"
                    + " and every parameter, dWya and dby included.")
    LossResponse sequenceLoss(@RequestBody LossRequest<RnnParameters> request) {
        return LossResponse.of(this.training.loss(RnnCell.TYPE, request.inputs()));
    }

    @PostMapping("/train")
    @Operation(operationId = "rnnTrain", summary = "Train an RNN on one batch",
            description = "Runs 'steps' optimizer steps (sgd or adam) on the loss of /sequence/loss, optionally clipping the "
                    + "gradients by value, then by global norm. Returns the parameters, the loss before each step and the "
                    + "optimizer's state; send that state back to continue exactly where this call stopped.")
    TrainResponse train(@RequestBody TrainRequest<RnnParameters> request) {
        return TrainResponse.of(this.training.train(RnnCell.TYPE, request.inputs(), request.settings()));
    }

    @PostMapping("/gradient-check")
    @Operation(operationId = "rnnGradientCheck", summary = "Check the RNN's backward pass against central differences",
            description = "For x, a0 and every parameter: ‖g − g_num‖ / (‖g‖ + ‖g_num‖) between the "
                    + "analytic gradient of L = Σ_t sum(a⟨t⟩ ⊙ da[:, :, t]) and central differences with step epsilon. Costs two "
                    + "forward passes per entry; max_entries bounds it.")
    GradientCheckResponse gradientCheck(@RequestBody GradientCheckRequest<RnnParameters> request) {
        return GradientCheckResponse.of(this.training.gradientCheck(RnnCell.TYPE, request.inputs(), request.epsilon(),
                request.threshold(), request.maxEntries()));
    }

    @PostMapping("/network/forward")
    @Operation(operationId = "rnnNetworkForward", summary = "A deep or bidirectional RNN network forward",
            description = NetworkDocs.FORWARD)
    ForwardResponse networkForward(@RequestBody ForwardRequest<RnnLayerParameters> request) {
        return ForwardResponse.of(this.networks.forward(RnnCell.TYPE, request.inputs(), request.layersWanted()));
    }

    @PostMapping("/network/backward")
    @Operation(operationId = "rnnNetworkBackward", summary = "Backpropagation through a deep or bidirectional RNN network",
            description = NetworkDocs.BACKWARD)
    BackwardResponse networkBackward(@RequestBody BackwardRequest<RnnLayerParameters> request) {
        return BackwardResponse.of(RnnCell.TYPE, this.networks.backward(RnnCell.TYPE, request.inputs()));
    }

    @PostMapping("/network/loss")
    @Operation(operationId = "rnnNetworkLoss", summary = "Softmax cross-entropy of a RNN network and every gradient",
            description = NetworkDocs.LOSS)
    NetworkMessages.LossResponse networkLoss(@RequestBody NetworkMessages.LossRequest<RnnLayerParameters> request) {
        return NetworkMessages.LossResponse.of(RnnCell.TYPE, this.networks.loss(RnnCell.TYPE, request.inputs()));
    }

    @PostMapping("/network/train")
    @Operation(operationId = "rnnNetworkTrain", summary = "Train a RNN network on one batch",
            description = NetworkDocs.TRAIN)
    NetworkMessages.TrainResponse networkTrain(@RequestBody NetworkMessages.TrainRequest<RnnLayerParameters> request) {
        return NetworkMessages.TrainResponse.of(request,
                this.networks.train(RnnCell.TYPE, request.inputs(), request.settings()));
    }
}
