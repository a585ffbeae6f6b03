package com.rnnservice.robustness;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

import org.springframework.core.io.ClassPathResource;

import com.rnnservice.api.Endpoints;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Example requests of every endpoint, and the checks every answer must pass. */
final class Bodies {

    static final JsonMapper JSON = JsonMapper.builder().build();

    /** Every POST endpoint under /api/v1 that has an example: every declared family's, then randn. */
    static final List<String> ENDPOINTS = Endpoints.all();

    /** Words that would betray internals in a response body. */
    static final String[] LEAKS = { "Exception", "java.", "com.rnnservice", "tools.jackson", "fasterxml", "\tat ",
            "org.springframework", "jakarta." };

    private Bodies() {
    }

    static ObjectNode example(String endpoint) {
        return (ObjectNode) read("examples/" + endpoint.replace('/', '-') + ".json");
    }

    static JsonNode answer(String endpoint) {
        return read("examples/" + endpoint.replace('/', '-') + ".response.json");
    }

    private static JsonNode read(String resource) {
        try (InputStream in = new ClassPathResource(resource).getInputStream()) {
            return JSON.readTree(in);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /** Whether every array in the tree is rectangular where it holds arrays, and every number finite. */
    static boolean finiteAndRectangular(JsonNode node) {
        if (node.isNumber()) {
            return Double.isFinite(node.asDouble());
        }
        if (node.isObject()) {
            return node.valueStream().allMatch(Bodies::finiteAndRectangular);
        }
        if (node.isArray()) {
            ArrayNode array = (ArrayNode) node;
            if (array.size() > 0 && array.get(0).isArray()) {
                int length = array.get(0).size();
                if (array.valueStream().anyMatch(child -> !child.isArray() || child.size() != length)) {
                    return false;
                }
            }
            return array.valueStream().allMatch(Bodies::finiteAndRectangular);
        }
        return true;
    }
}
