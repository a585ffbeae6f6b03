package com.rnnservice.config;

import java.util.Map;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.actuate.info.InfoContributor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.rnnservice.math.Kernel;
import com.rnnservice.math.Parallel;

/**
 * The multiply kernel the services are given: {@code rnn.kernel=blas} (the default, chosen by measurement; see
 * BENCHMARKS.md) or {@code commons-math}, splitting work across {@code rnn.cores} cores (0: every core of the
 * machine). {@code /actuator/info} says which runs, and which BLAS.
 */
@Configuration(proxyBeanMethods = false)
class KernelConfig {

    @Bean
    Kernel kernel(@Value("${rnn.kernel:blas}") String kernel, @Value("${rnn.cores:0}") int cores) {
        return Kernel.named(kernel, cores > 0 ? new Parallel(cores) : Parallel.ofMachine());
    }

    @Bean
    InfoContributor kernelInfo(Kernel kernel) {
        return builder -> builder.withDetail("kernel", Map.of("name", kernel.name(), "implementation",
                kernel.implementation(), "splits-across-cores", kernel.splitsAcrossCores(), "cores",
                kernel.parallel().cores()));
    }
}
