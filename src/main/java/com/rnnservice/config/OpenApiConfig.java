package com.rnnservice.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ClassPathResource;

import com.rnnservice.service.Tensor;

import io.swagger.v3.core.util.Json;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.servers.Server;

/**
 * The OpenAPI document: metadata, the schema of a tensor, the seed's test case as every endpoint's
 * example (request and answer, from {@code classpath:examples/}), and the problem+json answers.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfig {

    private static final String TENSOR = "Tensor";

    private static final String PROBLEM = "Problem";

    static {
        SpringDocUtils.getConfig().replaceWithSchema(Tensor.class, new Schema<>().$ref(ref(TENSOR)));
    }

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

    /** Adds the shared schemas, each API operation's example and its error answers. */
    @Bean
    OpenApiCustomizer examplesAndProblems() {
        return openApi -> {
            if (openApi.getComponents() == null) {
                openApi.setComponents(new Components());
            }
            openApi.getComponents().addSchemas(TENSOR, tensorSchema()).addSchemas(PROBLEM, problemSchema());
            openApi.getPaths().forEach((path, item) -> {
                if (path.startsWith("/api/")) {
                    item.readOperations().forEach(OpenApiConfig::document);
                }
            });
        };
    }

    private static void document(Operation operation) {
        String name = kebab(operation.getOperationId());
        Object request = example(name + ".json");
        if (request != null && operation.getRequestBody() != null) {
            operation.getRequestBody().getContent().values().forEach(media -> media.setExample(request));
        }
        Object response = example(name + ".response.json");
        ApiResponse ok = operation.getResponses().get("200");
        if (response != null && ok != null && ok.getContent() != null) {
            ok.getContent().values().forEach(media -> media.setExample(response));
        }
        operation.getResponses()
            .addApiResponse("400", problem("The body is not JSON, or a value has the wrong JSON type ('errors' names it)"))
            .addApiResponse("406", problem("The client accepts neither application/json nor application/problem+json"))
            .addApiResponse("413", problem("The body, its JSON (nesting, number length) or the work or memory it asks "
                    + "for is over a configured limit; 'limit' and 'property' name it"))
            .addApiResponse("415", problem("The content type is not application/json"))
            .addApiResponse("422", problem("A tensor is missing, ragged, of the wrong rank or shape, empty or "
                    + "not finite, a field is unknown, or the result overflowed; 'errors' names every field"))
            .addApiResponse("503", problem("Every computation slot stayed taken (see Retry-After), or the service "
                    + "is shutting down"));
    }

    private static ApiResponse problem(String description) {
        return new ApiResponse().description(description)
            .content(new Content().addMediaType("application/problem+json",
                    new MediaType().schema(new Schema<>().$ref(ref(PROBLEM)))));
    }

    /** A nested array of numbers of any depth: (n,) for a 1-D bias, (rows, cols) or (rows, m, T_x). */
    private static Schema<?> tensorSchema() {
        return new Schema<>().types(Set.of("array"))
            .description("A tensor: a nested JSON array of finite numbers in NumPy's axis order, as "
                    + "ndarray.tolist() writes it. Every array at one depth has the same length.")
            .items(new Schema<>().oneOf(List.of(new Schema<>().types(Set.of("number")), new Schema<>().$ref(ref(TENSOR)))));
    }

    private static Schema<?> problemSchema() {
        Schema<?> fieldError = new Schema<>().types(Set.of("object"))
            .addProperty("field", new Schema<>().types(Set.of("string")).description("JSON path of the field, e.g. parameters.Wax"))
            .addProperty("message", new Schema<>().types(Set.of("string")).description("What is wrong, with the expected and received shapes"));
        return new Schema<>().types(Set.of("object"))
            .description("An RFC 9457 problem detail")
            .addProperty("type", new Schema<>().types(Set.of("string")).format("uri-reference"))
            .addProperty("title", new Schema<>().types(Set.of("string")))
            .addProperty("status", new Schema<>().types(Set.of("integer")))
            .addProperty("detail", new Schema<>().types(Set.of("string")))
            .addProperty("instance", new Schema<>().types(Set.of("string")).format("uri-reference"))
            .addProperty("errors", new Schema<>().types(Set.of("array")).items(fieldError)
                .description("Every problem found in the input, each naming its field"))
            .addProperty("limit", new Schema<>().types(Set.of("string")).description("For a 413 or 503: the limit exceeded"))
            .addProperty("property", new Schema<>().types(Set.of("string"))
                .description("For a 413 or 503: the configuration property that sets the limit"))
            .addProperty("request_id", new Schema<>().types(Set.of("string"))
                .description("The request's id, as in the X-Request-Id header and the server's log"));
    }

    private static String ref(String component) {
        return "#/components/schemas/" + component;
    }

    /** rnnCellForward → rnn-cell-forward. */
    private static String kebab(@Nullable String operationId) {
        return operationId == null ? "" : operationId.replaceAll("([a-z])([A-Z])", "$1-$2").toLowerCase();
    }

    private static @Nullable Object example(String file) {
        ClassPathResource resource = new ClassPathResource("examples/" + file);
        if (!resource.exists()) {
            return null;
        }
        try (InputStream in = resource.getInputStream()) {
            return Json.mapper().readValue(in, Map.class);
        }
        catch (IOException ex) {
            throw new UncheckedIOException("cannot read the OpenAPI example " + file, ex);
        }
    }
}
