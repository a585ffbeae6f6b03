package com.rnnservice.service;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The service's limits, under {@code rnn.limits.*}; each exceeded one is answered with a 413 that names it.
 *
 * @param gradientCheckMaxEntries the most entries (inputs and parameters together) a gradient check may
 *        perturb, each costing two forward passes; a request's {@code max_entries} may raise its own limit
 *        (10,000 by default) up to this
 * @param trainMaxSteps the most optimizer steps one training request may ask for
 * @param randnMaxEntries the most numbers one randn request may draw
 */
@ConfigurationProperties("rnn.limits")
public record Limits(@DefaultValue("200000") int gradientCheckMaxEntries, @DefaultValue("10000") int trainMaxSteps,
        @DefaultValue("10000000") long randnMaxEntries) {

    /** The entries a gradient check may perturb when its request does not say. */
    public static final int GRADIENT_CHECK_DEFAULT_ENTRIES = 10_000;
}
