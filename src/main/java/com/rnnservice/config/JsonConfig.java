package com.rnnservice.config;

import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import tools.jackson.core.json.JsonReadFeature;

/** How request bodies are read. */
@Configuration(proxyBeanMethods = false)
public class JsonConfig {

    /**
     * Lets the parser read the bare {@code NaN} and {@code Infinity} that Python's {@code json.dumps}
     * writes, so that the tensor reader can answer them with a 422 naming the entry instead of a
     * generic "not JSON".
     */
    @Bean
    JsonMapperBuilderCustomizer nonNumericNumbers() {
        return builder -> builder.enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS);
    }
}
