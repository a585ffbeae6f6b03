package com.rnnservice.api;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Import;

import com.rnnservice.config.JsonConfig;
import com.rnnservice.service.Limits;
import com.rnnservice.service.RandomService;
import com.rnnservice.service.NetworkService;
import com.rnnservice.service.RecurrentService;
import com.rnnservice.service.TrainingService;

/** What the controller slice tests need beside the controllers: the services, their limits and the JSON settings. */
@TestConfiguration(proxyBeanMethods = false)
@EnableConfigurationProperties(Limits.class)
@Import({ RecurrentService.class, TrainingService.class, NetworkService.class, RandomService.class, JsonConfig.class, Rejections.class })
class ServiceSlice {
}
