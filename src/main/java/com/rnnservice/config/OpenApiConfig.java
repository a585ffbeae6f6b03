package com.rnnservice.config;

import java.util.List;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.servers.Server;

/**
 * The OpenAPI document's metadata; the endpoints, their schemas and examples are the API's own
 * ({@code com.rnnservice.api.OpenApiDocument}), derived from the cell families' declarations.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfig {

    @Bean
    OpenAPI rnnServiceOpenApi() {
        return new OpenAPI()
            .info(new Info().title("rnn-service")
                .version("v1")
                .description("""
                        Recurrent-network maths over HTTP: forward passes, backpropagation through time and \
                        gradients of RNN, LSTM and GRU cells, in float64. Tensors are nested JSON arrays in NumPy's \
                        axis order (what `ndarray.tolist()` gives): x is (n_x, m, T_x), xt is (n_x, m), hidden \
                        and cell states (n_a, m). Every RNN and LSTM example is the seed exercise's own test case \
                        (np.random.seed(1)), so "Try it out" prints the numbers the exercise prints; the GRU's \
                        follow the same recipe. Every error is application/problem+json (RFC 9457) naming \
                        the field or the limit at fault."""))
            .servers(List.of(new Server().url("/").description("this server")))
            .components(new Components());
    }
}
