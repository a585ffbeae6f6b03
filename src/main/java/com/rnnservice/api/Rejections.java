package com.rnnservice.api;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/** Counts refused requests by reason, as {@code rnn_requests_rejected_total{reason=...}} in Prometheus. */
@Component
class Rejections {

    private final MeterRegistry registry;

    Rejections(ObjectProvider<MeterRegistry> registry) {
        this.registry = registry.getIfAvailable(SimpleMeterRegistry::new);
    }

    void count(String reason) {
        Counter.builder("rnn.requests.rejected")
            .description("Requests answered with an error, by reason")
            .tag("reason", reason)
            .register(this.registry)
            .increment();
    }
}
