package com.rnnservice.service;

import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * How a training request asks to train, as the client sent it; absent values take their defaults.
 *
 * @param steps optimizer steps, 1 by default
 * @param optimizer {@code sgd} or {@code adam}
 * @param learningRate η, required
 * @param beta1 Adam's β1, 0.9 by default
 * @param beta2 Adam's β2, 0.999 by default
 * @param epsilon Adam's ε, 1e-8 by default
 * @param clipValue clip every gradient entry to [−v, v] first, if given
 * @param clipNorm then scale the gradients to a global L2 norm of at most this, if given
 * @param stateStep the step count of an earlier answer's state
 * @param stateM Adam's first moments from an earlier answer's state, by parameter name
 * @param stateV Adam's second moments from an earlier answer's state, by parameter name
 * @param stateGiven whether the request carried a state at all
 */
public record TrainSettings(@Nullable Integer steps, @Nullable String optimizer, @Nullable Double learningRate,
        @Nullable Double beta1, @Nullable Double beta2, @Nullable Double epsilon, @Nullable Double clipValue,
        @Nullable Double clipNorm, @Nullable Integer stateStep, @Nullable Map<String, @Nullable Tensor> stateM,
        @Nullable Map<String, @Nullable Tensor> stateV, boolean stateGiven) {
}
