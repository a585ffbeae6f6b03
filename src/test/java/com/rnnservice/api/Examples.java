package com.rnnservice.api;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

import org.springframework.core.io.ClassPathResource;

import com.rnnservice.math.CellType;
import com.rnnservice.math.CellTypes;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** The seed's request for each endpoint, from {@code classpath:examples/}, as a tree tests can change. */
final class Examples {

    static final JsonMapper JSON = JsonMapper.builder().build();

    /** Every endpoint of every declared family, as its path under /api/v1: "rnn/cell/forward", … in declaration order. */
    static final List<String> ENDPOINTS = endpoints();

    private Examples() {
    }

    private static List<String> endpoints() {
        List<String> out = new ArrayList<>();
        for (CellType type : CellTypes.ALL) {
            for (Operation operation : Operation.values()) {
                out.add(operation.path(type).substring("/api/v1/".length()));
            }
        }
        return List.copyOf(out);
    }

    /** The endpoints of one operation, one per family: {@code of(Operation.TRAIN)} → rnn/train, lstm/train, … */
    static List<String> of(Operation operation) {
        return CellTypes.ALL.stream().map(type -> operation.path(type).substring("/api/v1/".length())).toList();
    }

    /** The example request of an endpoint given as "rnn/cell/forward". */
    static ObjectNode request(String endpoint) {
        return (ObjectNode) read("examples/" + endpoint.replace('/', '-') + ".json");
    }

    /** The example's answer. */
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

    static String text(Object tree) {
        return JSON.writeValueAsString(tree);
    }
}
