package com.rnnservice.api;

import java.util.Map;

import org.jspecify.annotations.Nullable;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.rnnservice.service.Tensor;

import io.swagger.v3.oas.annotations.media.Schema;

/** The LSTM cell's parameters and its output layer, under the seed's names. */
@Schema(description = "The LSTM's parameters. Backward passes do not use Wy and by and accept them absent.")
public record LstmParameters(
        @JsonProperty("Wf") @Schema(description = "Forget-gate weights, (n_a, n_a + n_x)") @Nullable Tensor wf,
        @JsonProperty("bf") @Schema(description = "Forget-gate bias, (n_a, 1) or (n_a,)") @Nullable Tensor bf,
        @JsonProperty("Wi") @Schema(description = "Update-gate weights, (n_a, n_a + n_x)") @Nullable Tensor wi,
        @JsonProperty("bi") @Schema(description = "Update-gate bias, (n_a, 1) or (n_a,)") @Nullable Tensor bi,
        @JsonProperty("Wc") @Schema(description = "Candidate weights, (n_a, n_a + n_x)") @Nullable Tensor wc,
        @JsonProperty("bc") @Schema(description = "Candidate bias, (n_a, 1) or (n_a,)") @Nullable Tensor bc,
        @JsonProperty("Wo") @Schema(description = "Output-gate weights, (n_a, n_a + n_x)") @Nullable Tensor wo,
        @JsonProperty("bo") @Schema(description = "Output-gate bias, (n_a, 1) or (n_a,)") @Nullable Tensor bo,
        @JsonProperty("Wy") @Schema(description = "Output weights, (n_y, n_a); used by forward passes, losses and training") @Nullable Tensor wy,
        @JsonProperty("by") @Schema(description = "Output bias, (n_y, 1) or (n_y,); used by forward passes, losses and training") @Nullable Tensor by) implements CellParameters {

    @Override
    public Map<String, @Nullable Tensor> byName() {
        // the cell's own parameters as one direction of a network layer has them, then the output layer
        Map<String, @Nullable Tensor> named = new LstmLayerParameters(this.wf, this.bf, this.wi, this.bi, this.wc, this.bc,
                this.wo, this.bo).byName();
        named.put("Wy", this.wy);
        named.put("by", this.by);
        return named;
    }
}
