package com.rnnservice.api;

import java.util.Map;

import org.jspecify.annotations.Nullable;

import com.rnnservice.service.Tensor;

/** A cell family's parameters as sent: each by its seed name, absent ones as {@code null}. */
interface CellParameters {

    /** The parameters by name, in the seed's order, the output layer's last. */
    Map<String, @Nullable Tensor> byName();
}
