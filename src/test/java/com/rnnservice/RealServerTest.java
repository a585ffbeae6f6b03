package com.rnnservice;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The real server on a random port, called over HTTP as a client would: every OpenAPI example
 * answers 200 with the example answer, Swagger UI and health are served, and errors are problem+json
 * even for a client that accepts only application/json.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class RealServerTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient client = HttpClient.newHttpClient();

    @LocalServerPort
    private int port;

    private HttpResponse<String> get(String path) throws Exception {
        return this.client.send(HttpRequest.newBuilder(uri(path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String body, String accept) throws Exception {
        return this.client.send(HttpRequest.newBuilder(uri(path))
            .header("Content-Type", "application/json")
            .header("Accept", accept)
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + this.port + path);
    }

    @Test
    void everyOpenApiExampleAnswersWithItsDocumentedAnswer() throws Exception {
        HttpResponse<String> docs = get("/v3/api-docs");
        assertThat(docs.statusCode()).isEqualTo(200);
        // the build's export of the document, which .ci/run lints with @redocly/cli
        java.nio.file.Files.createDirectories(java.nio.file.Path.of("target"));
        java.nio.file.Files.writeString(java.nio.file.Path.of("target/openapi.json"),
                JSON.writerWithDefaultPrettyPrinter().writeValueAsString(JSON.readTree(docs.body())));
        JsonNode paths = JSON.readTree(docs.body()).get("paths");
        List<String> checked = new ArrayList<>();
        for (String path : paths.propertyNames()) {
            if (!path.startsWith("/api/v1/")) {
                continue;
            }
            JsonNode operation = paths.get(path).get("post");
            JsonNode example = operation.at("/requestBody/content/application~1json/example");
            JsonNode answer = operation.at("/responses/200/content/application~1json/example");
            assertThat(example.isObject()).as(path + " has a request example").isTrue();
            assertThat(answer.isObject()).as(path + " has a response example").isTrue();
            assertThat(operation.at("/responses/422/content/application~1problem+json").isMissingNode()).as(path).isFalse();

            HttpResponse<String> response = post(path, JSON.writeValueAsString(example), "application/json");
            assertThat(response.statusCode()).as(path).isEqualTo(200);
            JsonNode actual = JSON.readTree(response.body());
            if (path.endsWith("/gradient-check")) {
                // its digits are central-difference noise: the documented answer shows their size, not their value
                assertThat(actual.get("passed").asBoolean()).as(path).isTrue();
                assertThat(actual.get("results").propertyNames()).as(path)
                    .containsExactlyInAnyOrderElementsOf(answer.get("results").propertyNames());
            }
            else {
                List<String> mismatches = new ArrayList<>();
                com.rnnservice.api.ReferenceFixturesAccess.compare(answer, actual, mismatches);
                assertThat(mismatches).as(path).isEmpty();
            }
            checked.add(path);
        }
        assertThat(checked).containsExactlyInAnyOrderElementsOf(
                com.rnnservice.api.Endpoints.all().stream().map(endpoint -> "/api/v1/" + endpoint).toList());
    }

    @Test
    void servesSwaggerUiAndHealth() throws Exception {
        HttpResponse<String> ui = get("/swagger-ui/index.html");
        assertThat(ui.statusCode()).isEqualTo(200);
        assertThat(ui.body()).contains("Swagger UI");
        HttpResponse<String> health = get("/actuator/health");
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("UP");
    }

    @Test
    void errorsAreProblemJsonEvenWhenTheClientAcceptsOnlyJson() throws Exception {
        HttpResponse<String> response = post("/api/v1/rnn/cell/forward", "{\"xt\": [[1, 2], [3]]}", "application/json");
        assertThat(response.statusCode()).isEqualTo(422);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(JSON.readTree(response.body()).get("errors").get(0).get("field").asString()).isEqualTo("xt");
    }

    @Test
    void unknownPathsAreProblemJson() throws Exception {
        HttpResponse<String> response = get("/api/v1/nothing");
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(response.body()).doesNotContain("Exception", "java.");
    }
}
