package com.rnnservice.api;

import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.rnnservice.service.Tensor;

import io.swagger.v3.oas.annotations.media.Schema;

/** One direction of an RNN network layer: the cell's parameters without an output layer. */
@Schema(description = "One direction of an RNN layer. n_in is the layer's input size: n_x for layer 0, the output "
        + "size of the layer below otherwise (n_a, or 2·n_a when it is bidirectional).")
public record RnnLayerParameters(
        @JsonProperty("Wax") @Schema(description = "Input weights, (n_a, n_in)") @Nullable Tensor wax,
        @JsonProperty("Waa") @Schema(description = "Recurrent weights, (n_a, n_a)") @Nullable Tensor waa,
        @JsonProperty("ba") @Schema(description = "Hidden bias, (n_a, 1) or (n_a,)") @Nullable Tensor ba) implements CellParameters {

    @Override
    public Map<String, @Nullable Tensor> byName() {
        Map<String, @Nullable Tensor> named = new LinkedHashMap<>();
        named.put("Wax", this.wax);
        named.put("Waa", this.waa);
        named.put("ba", this.ba);
        return named;
    }
}
