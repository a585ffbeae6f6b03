package com.rnnservice.api;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

import com.rnnservice.config.JsonConfig;
import com.rnnservice.math.Kernel;
import com.rnnservice.service.Limits;
import com.rnnservice.service.NetworkService;
import com.rnnservice.service.RandomService;
import com.rnnservice.service.RecurrentService;
import com.rnnservice.service.TrainingService;

/**
 * What the web slice tests need beside the controllers and advice the slice loads: the services, their limits and
 * kernel, the JSON settings, and the generic endpoints with the codecs they read and answer through.
 */
@TestConfiguration(proxyBeanMethods = false)
@EnableConfigurationProperties(Limits.class)
@Import({ RecurrentService.class, TrainingService.class, NetworkService.class, RandomService.class, JsonConfig.class,
        Rejections.class, CellEndpoints.class, Codecs.class, JsonCodec.class, AnswerConverter.class })
class ServiceSlice {

    @Bean
    Kernel kernel() {
        return Kernel.ofMachine();
    }
}
