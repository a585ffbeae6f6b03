package com.rnnservice.api;

import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.rnnservice.service.Tensor;

import io.swagger.v3.oas.annotations.media.Schema;

/** One direction of a GRU network layer: the cell's parameters without an output layer. */
@Schema(description = "One direction of a GRU layer. n_in is the layer's input size: n_x for layer 0, the output "
        + "size of the layer below otherwise (n_a, or 2·n_a when it is bidirectional).")
public record GruLayerParameters(
        @JsonProperty("Wr") @Schema(description = "Relevance-gate weights, (n_a, n_a + n_in)") @Nullable Tensor wr,
        @JsonProperty("br") @Schema(description = "Relevance-gate bias, (n_a, 1) or (n_a,)") @Nullable Tensor br,
        @JsonProperty("Wu") @Schema(description = "Update-gate weights, (n_a, n_a + n_in)") @Nullable Tensor wu,
        @JsonProperty("bu") @Schema(description = "Update-gate bias, (n_a, 1) or (n_a,)") @Nullable Tensor bu,
        @JsonProperty("Wc") @Schema(description = "Candidate weights, (n_a, n_a + n_in), applied to [rt ⊙ a_prev; in⟨t⟩]") @Nullable Tensor wc,
        @JsonProperty("bc") @Schema(description = "Candidate bias, (n_a, 1) or (n_a,)") @Nullable Tensor bc) implements CellParameters {

    @Override
    public Map<String, @Nullable Tensor> byName() {
        Map<String, @Nullable Tensor> named = new LinkedHashMap<>();
        named.put("Wr", this.wr);
        named.put("br", this.br);
        named.put("Wu", this.wu);
        named.put("bu", this.bu);
        named.put("Wc", this.wc);
        named.put("bc", this.bc);
        return named;
    }
}
