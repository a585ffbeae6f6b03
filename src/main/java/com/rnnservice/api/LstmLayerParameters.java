package com.rnnservice.api;

import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.rnnservice.service.Tensor;

import io.swagger.v3.oas.annotations.media.Schema;

/** One direction of an LSTM network layer: the cell's parameters without an output layer. */
@Schema(description = "One direction of an LSTM layer; each weight multiplies [a_prev; in⟨t⟩]. n_in is the layer's "
        + "input size: n_x for layer 0, the output size of the layer below otherwise (n_a, or 2·n_a when it is bidirectional).")
public record LstmLayerParameters(
        @JsonProperty("Wf") @Schema(description = "Forget-gate weights, (n_a, n_a + n_in)") @Nullable Tensor wf,
        @JsonProperty("bf") @Schema(description = "Forget-gate bias, (n_a, 1) or (n_a,)") @Nullable Tensor bf,
        @JsonProperty("Wi") @Schema(description = "Update-gate weights, (n_a, n_a + n_in)") @Nullable Tensor wi,
        @JsonProperty("bi") @Schema(description = "Update-gate bias, (n_a, 1) or (n_a,)") @Nullable Tensor bi,
        @JsonProperty("Wc") @Schema(description = "Candidate weights, (n_a, n_a + n_in)") @Nullable Tensor wc,
        @JsonProperty("bc") @Schema(description = "Candidate bias, (n_a, 1) or (n_a,)") @Nullable Tensor bc,
        @JsonProperty("Wo") @Schema(description = "Output-gate weights, (n_a, n_a + n_in)") @Nullable Tensor wo,
        @JsonProperty("bo") @Schema(description = "Output-gate bias, (n_a, 1) or (n_a,)") @Nullable Tensor bo) implements CellParameters {

    @Override
    public Map<String, @Nullable Tensor> byName() {
        Map<String, @Nullable Tensor> named = new LinkedHashMap<>();
        named.put("Wf", this.wf);
        named.put("bf", this.bf);
        named.put("Wi", this.wi);
        named.put("bi", this.bi);
        named.put("Wc", this.wc);
        named.put("bc", this.bc);
        named.put("Wo", this.wo);
        named.put("bo", this.bo);
        return named;
    }
}
