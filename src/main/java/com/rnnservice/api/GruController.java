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
import com.rnnservice.service.RecurrentService;

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

    GruController(RecurrentService service) {
        this.service = service;
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
}
