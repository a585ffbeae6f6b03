package com.rnnservice.config;

import org.springframework.boot.jackson.autoconfigure.JsonFactoryBuilderCustomizer;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.rnnservice.service.Limits;

import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.core.json.JsonReadFeature;
import tools.jackson.databind.DeserializationFeature;

/** How request bodies are read and answers written. */
@Configuration(proxyBeanMethods = false)
public class JsonConfig {

    /**
     * Lets the parser read the bare {@code NaN} and {@code Infinity} that Python's {@code json.dumps}
     * writes, so that the tensor reader can answer them with a 422 naming the entry instead of a
     * generic "not JSON"; and makes a field this service does not know (a typo such as {@code a_pev})
     * an error instead of being ignored. Doubles are written with Jackson's fast (Schubfach) writer,
     * off by default in Jackson 3.1, which writes the shortest string that reads back to the same double;
     * they are read with its fast parser, on by default.
     */
    @Bean
    JsonMapperBuilderCustomizer strictTensorReading() {
        return builder -> builder.enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(StreamWriteFeature.USE_FAST_DOUBLE_WRITER);
    }

    /** Read constraints suited to tensors: shallow documents of short numbers, as long as the body limit. */
    @Bean
    JsonFactoryBuilderCustomizer tensorReadConstraints(Limits limits) {
        return builder -> builder.streamReadConstraints(StreamReadConstraints.builder()
            .maxNestingDepth(limits.maxNestingDepth())
            .maxNumberLength(limits.maxNumberLength())
            .maxDocumentLength(limits.maxBodySize().toBytes())
            .build());
    }
}
