package com.rnnservice.service;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * The service's limits, under {@code rnn.limits.*}. Each exceeded one is answered with a 413 (503 for
 * {@code concurrent-computations}) that names it and its property.
 *
 * @param maxBodySize the largest request body, checked from Content-Length before it is read and by
 *        counting bytes when it is sent in chunks; 256 MB takes the LSTM (256, 512, 10, 64, 100) case's
 *        140 MB of JSON
 * @param maxWork the most multiply-adds one request may ask for, estimated from its shapes before any
 *        tensor becomes a matrix: m · T_x · (gate rows · (n_a + n_x) + n_y · n_a) per forward pass, three
 *        times that for a backward pass, times the steps of a training request
 * @param memoryBudget the most heap one request's matrices may be estimated to need; 0 means half the
 *        heap the JVM may grow to
 * @param concurrentComputations how many API requests are computed at once; 0 means one per core
 * @param admissionWait how long a request waits for its turn before a 503 with Retry-After
 * @param maxNestingDepth JSON nesting depth (a rank-3 tensor in an object needs 5 levels)
 * @param maxNumberLength characters in one JSON number
 * @param gradientCheckMaxEntries the most entries (inputs and parameters together) a gradient check may
 *        perturb, two forward passes each; a request's {@code max_entries} may raise its own limit
 *        (10,000 by default) up to this
 * @param trainMaxSteps the most optimizer steps one training request may ask for
 * @param randnMaxEntries the most numbers one randn request may draw
 */
@ConfigurationProperties("rnn.limits")
public record Limits(@DefaultValue("256MB") DataSize maxBodySize, @DefaultValue("100000000000") long maxWork,
        @DefaultValue("0") DataSize memoryBudget, @DefaultValue("0") int concurrentComputations,
        @DefaultValue("10s") Duration admissionWait, @DefaultValue("10") int maxNestingDepth,
        @DefaultValue("100") int maxNumberLength, @DefaultValue("200000") int gradientCheckMaxEntries,
        @DefaultValue("10000") int trainMaxSteps, @DefaultValue("10000000") long randnMaxEntries) {

    /** The entries a gradient check may perturb when its request does not say. */
    public static final int GRADIENT_CHECK_DEFAULT_ENTRIES = 10_000;

    /** The memory budget in bytes, with 0 resolved to half the JVM's maximum heap. */
    public long memoryBudgetBytes() {
        return this.memoryBudget.toBytes() > 0 ? this.memoryBudget.toBytes() : Runtime.getRuntime().maxMemory() / 2;
    }

    /** The number of computations at once, with 0 resolved to the number of cores. */
    public int permits() {
        return this.concurrentComputations > 0 ? this.concurrentComputations
                : Runtime.getRuntime().availableProcessors();
    }
}
