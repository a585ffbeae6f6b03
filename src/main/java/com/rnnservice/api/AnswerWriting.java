package com.rnnservice.api;

import org.springframework.context.annotation.Configuration;
import org.springframework.http.converter.HttpMessageConverters;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Puts {@link AnswerConverter} ahead of the default converters, so that every {@code Answer} goes out through a codec. */
@Configuration(proxyBeanMethods = false)
class AnswerWriting implements WebMvcConfigurer {

    private final AnswerConverter converter;

    AnswerWriting(AnswerConverter converter) {
        this.converter = converter;
    }

    @Override
    public void configureMessageConverters(HttpMessageConverters.ServerBuilder builder) {
        builder.addCustomConverter(this.converter);
    }
}
