package com.rnnservice.config;

import java.util.Locale;
import java.util.Map;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.actuate.info.InfoContributor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.rnnservice.math.Kernel;

/**
 * Which multiply kernel the cells use: {@code rnn.kernel=blas} (the default, chosen by measurement; see
 * BENCHMARKS.md) or {@code commons-math}. {@code /actuator/info} says which runs, and which BLAS.
 */
@Configuration(proxyBeanMethods = false)
class KernelConfig {

    KernelConfig(@Value("${rnn.kernel:blas}") String kernel) {
        Kernel.use(switch (kernel.toLowerCase(Locale.ROOT)) {
            case "blas" -> Kernel.BLAS_DGEMM;
            case "commons-math" -> Kernel.COMMONS_MATH;
            default -> throw new IllegalArgumentException("rnn.kernel must be blas or commons-math, not " + kernel);
        });
    }

    @Bean
    InfoContributor kernelInfo() {
        return builder -> builder.withDetail("kernel", Map.of("name", Kernel.current() == Kernel.BLAS_DGEMM ? "blas"
                : "commons-math", "implementation", Kernel.current().implementation(), "splits-across-cores",
                Kernel.current().splitsAcrossCores()));
    }
}
