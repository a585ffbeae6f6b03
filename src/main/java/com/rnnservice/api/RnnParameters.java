package com.rnnservice.api;

import java.util.Map;

import org.jspecify.annotations.Nullable;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.rnnservice.service.Tensor;

import io.swagger.v3.oas.annotations.media.Schema;

/** The RNN cell's parameters and its output layer, under the seed's names. */
@Schema(description = "The RNN's parameters. Backward passes do not use Wya and by and accept them absent.")
public record RnnParameters(
        @JsonProperty("Wax") @Schema(description = "Input weights, (n_a, n_x)") @Nullable Tensor wax,
        @JsonProperty("Waa") @Schema(description = "Recurrent weights, (n_a, n_a)") @Nullable Tensor waa,
        @JsonProperty("ba") @Schema(description = "Hidden bias, (n_a, 1) or (n_a,)") @Nullable Tensor ba,
        @JsonProperty("Wya") @Schema(description = "Output weights, (n_y, n_a); used by forward passes, losses and training") @Nullable Tensor wya,
        @JsonProperty("by") @Schema(description = "Output bias, (n_y, 1) or (n_y,); used by forward passes, losses and training") @Nullable Tensor by) implements CellParameters {

    @Override
    public Map<String, @Nullable Tensor> byName() {
        // the cell's own parameters as one direction of a network layer has them, then the output layer
        Map<String, @Nullable Tensor> named = new RnnLayerParameters(this.wax, this.waa, this.ba).byName();
        named.put("Wya", this.wya);
        named.put("by", this.by);
        return named;
    }
}
