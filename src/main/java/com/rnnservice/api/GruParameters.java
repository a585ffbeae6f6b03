package com.rnnservice.api;

import java.util.Map;

import org.jspecify.annotations.Nullable;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.rnnservice.service.Tensor;

import io.swagger.v3.oas.annotations.media.Schema;

/** The GRU cell's parameters and its output layer. */
@Schema(description = "The GRU's parameters. Backward passes do not use Wy and by and accept them absent.")
public record GruParameters(
        @JsonProperty("Wr") @Schema(description = "Relevance-gate weights, (n_a, n_a + n_x)") @Nullable Tensor wr,
        @JsonProperty("br") @Schema(description = "Relevance-gate bias, (n_a, 1) or (n_a,)") @Nullable Tensor br,
        @JsonProperty("Wu") @Schema(description = "Update-gate weights, (n_a, n_a + n_x)") @Nullable Tensor wu,
        @JsonProperty("bu") @Schema(description = "Update-gate bias, (n_a, 1) or (n_a,)") @Nullable Tensor bu,
        @JsonProperty("Wc") @Schema(description = "Candidate weights, (n_a, n_a + n_x), applied to [rt ⊙ a_prev; xt]") @Nullable Tensor wc,
        @JsonProperty("bc") @Schema(description = "Candidate bias, (n_a, 1) or (n_a,)") @Nullable Tensor bc,
        @JsonProperty("Wy") @Schema(description = "Output weights, (n_y, n_a); used by forward passes, losses and training") @Nullable Tensor wy,
        @JsonProperty("by") @Schema(description = "Output bias, (n_y, 1) or (n_y,); used by forward passes, losses and training") @Nullable Tensor by) implements CellParameters {

    @Override
    public Map<String, @Nullable Tensor> byName() {
        // the cell's own parameters as one direction of a network layer has them, then the output layer
        Map<String, @Nullable Tensor> named = new GruLayerParameters(this.wr, this.br, this.wu, this.bu, this.wc, this.bc).byName();
        named.put("Wy", this.wy);
        named.put("by", this.by);
        return named;
    }
}
