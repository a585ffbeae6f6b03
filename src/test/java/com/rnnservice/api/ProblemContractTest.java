package com.rnnservice.api;

import static com.rnnservice.api.Examples.request;
import static com.rnnservice.api.Examples.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;


import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * SPEC section 4 on every endpoint: each kind of bad input gets its status and a problem+json body
 * with type, title, status, detail and, for input problems, the field; never a 5xx, never a Java
 * class name or exception text.
 */
@WebMvcTest
@Import(ServiceSlice.class)
class ProblemContractTest {

    @Autowired
    private MockMvc mvc;

    /** A bad request made from an endpoint's example: its body, content type, and what must come back. */
    record Bad(String name, Function<String, String> body, String contentType, int status, String type,
            String field, String messagePart) {

        @Override
        public String toString() {
            return this.name;
        }
    }

    static Stream<Arguments> cases() {
        List<Arguments> cases = new ArrayList<>();
        for (String endpoint : Examples.ENDPOINTS) {
            for (Bad bad : bads(endpoint)) {
                cases.add(Arguments.of(endpoint, bad));
            }
        }
        return cases.stream();
    }

    private static List<Bad> bads(String endpoint) {
        String first = endpoint.contains("/cell/") ? "xt" : "x";
        boolean network = endpoint.contains("/network/");
        String parameters = network ? "layers" : "parameters";
        String json = "application/json";
        return List.of(
                new Bad("not JSON", e -> "{\"" + first + "\": [[1, 2]", json, 400, "/problems/malformed-json", null, null),
                new Bad("empty body", e -> "", json, 400, "/problems/malformed-json", null, null),
                new Bad("a string in a tensor", e -> with(e, first, "[[\"a\", 1]]"), json, 400, "/problems/wrong-json-type", first, "is a string"),
                new Bad("a number for the " + parameters, e -> with(e, parameters, "5"), json, 400, "/problems/wrong-json-type", parameters, network ? "JSON array" : "JSON object"),
                new Bad("an object for a tensor", e -> with(e, first, "{\"a\": 1}"), json, 400, "/problems/wrong-json-type", first, "an object"),
                new Bad("text/plain", e -> text(request(e)), "text/plain", 415, "about:blank", null, null),
                new Bad("missing " + first, e -> without(e, first), json, 422, "/problems/invalid-tensors", first, "is required"),
                new Bad("missing " + parameters, e -> without(e, parameters), json, 422, "/problems/invalid-tensors", parameters, "is required"),
                new Bad("ragged", e -> with(e, first, "[[1, 2], [3]]"), json, 422, "/problems/invalid-tensors", first, "is ragged"),
                new Bad("ragged depth", e -> with(e, first, "[[1, 2], 3]"), json, 422, "/problems/invalid-tensors", first, "is ragged"),
                new Bad("wrong rank", e -> with(e, first, "[1, 2, 3]"), json, 422, "/problems/invalid-tensors", first, "-D shape (3,)"),
                new Bad("a scalar", e -> with(e, first, "7"), json, 422, "/problems/invalid-tensors", first, "0-D"),
                new Bad("empty", e -> with(e, first, "[]"), json, 422, "/problems/invalid-tensors", first, "must not be empty"),
                new Bad("empty rows", e -> with(e, first, "[[], []]"), json, 422, "/problems/invalid-tensors", first, "must not be empty"),
                new Bad("bare NaN", e -> with(e, first, "[[1, NaN]]"), json, 422, "/problems/invalid-tensors", first, "[0][1] is NaN"),
                new Bad("bare -Infinity", e -> with(e, first, "[[-Infinity]]"), json, 422, "/problems/invalid-tensors", first, "-Infinity"),
                new Bad("\"Infinity\"", e -> with(e, first, "[[1, \"Infinity\"]]"), json, 422, "/problems/invalid-tensors", first, "\"Infinity\""),
                new Bad("1e400", e -> with(e, first, "[[1e400]]"), json, 422, "/problems/invalid-tensors", first, "1e400, which overflows a double"),
                new Bad("null entry", e -> with(e, first, "[[1, null]]"), json, 422, "/problems/invalid-tensors", first, "is null"),
                new Bad("overflowing result", ProblemContractTest::overflowing, json, 422, "/problems/non-finite-result", null, "is not finite"));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("cases")
    void answersWithAProblem(String endpoint, Bad bad) throws Exception {
        MockHttpServletResponse response = this.mvc
            .perform(post("/api/v1/" + endpoint).contentType(bad.contentType()).content(bad.body().apply(endpoint)))
            .andReturn()
            .getResponse();

        String body = response.getContentAsString();
        assertThat(response.getStatus()).as(body).isEqualTo(bad.status());
        assertThat(response.getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        JsonNode problem = Examples.JSON.readTree(body);
        assertThat(problem.get("type").asString()).isEqualTo(bad.type());
        assertThat(problem.get("status").asInt()).isEqualTo(bad.status());
        assertThat(problem.get("title").asString()).isNotBlank();
        assertThat(problem.get("detail").asString()).isNotBlank();
        assertThat(problem.get("instance").asString()).isEqualTo("/api/v1/" + endpoint);
        if (bad.field() != null) {
            assertThat(problem.get("errors").valueStream().map(e -> e.get("field").asString())).contains(bad.field());
        }
        if (bad.messagePart() != null) {
            assertThat(problem.get("errors").valueStream().map(e -> e.get("message").asString()))
                .anySatisfy(message -> assertThat(message).contains(bad.messagePart()));
        }
        assertThat(body).doesNotContain("Exception", "java.", "com.rnnservice", "tools.jackson", "fasterxml", "\tat ");
    }

    private static String with(String endpoint, String field, String rawJson) {
        ObjectNode body = request(endpoint);
        body.put(field, "__RAW__");
        return text(body).replace("\"__RAW__\"", rawJson);
    }

    private static String without(String endpoint, String field) {
        ObjectNode body = request(endpoint);
        body.remove(field);
        return text(body);
    }

    /** Inputs, states and weights scaled to 1e300 (zeros, as in one-hot inputs, become 1e300): the pre-activations sum +∞ and −∞ into NaN. */
    private static String overflowing(String endpoint) {
        ObjectNode body = request(endpoint);
        for (String field : new String[] { "xt", "x", "a_prev", "a0", "c_prev", "c0", "parameters", "layers" }) {
            if (body.has(field)) {
                scale(body.get(field));
            }
        }
        return text(body);
    }

    private static void scale(JsonNode node) {
        if (node.isObject()) {
            node.properties().forEach(field -> scale(field.getValue()));
        }
        else if (node.isArray()) {
            tools.jackson.databind.node.ArrayNode array = (tools.jackson.databind.node.ArrayNode) node;
            for (int i = 0; i < array.size(); i++) {
                if (array.get(i).isNumber()) {
                    double v = array.get(i).asDouble();
                    array.set(i, v == 0 ? 1e300 : v * 1e300);
                }
                else {
                    scale(array.get(i));
                }
            }
        }
    }
}
