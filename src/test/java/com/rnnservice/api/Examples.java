package com.rnnservice.api;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

import org.springframework.core.io.ClassPathResource;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** The seed's request for each endpoint, from {@code classpath:examples/}, as a tree tests can change. */
final class Examples {

    static final JsonMapper JSON = JsonMapper.builder().build();

    /** The endpoints of the three cell families, each as its path under /api/v1, with their example files. */
    static final String[] ENDPOINTS = { "rnn/cell/forward", "rnn/cell/backward", "rnn/sequence/forward",
            "rnn/sequence/backward", "lstm/cell/forward", "lstm/cell/backward", "lstm/sequence/forward",
            "lstm/sequence/backward", "gru/cell/forward", "gru/cell/backward", "gru/sequence/forward",
            "gru/sequence/backward", "rnn/sequence/loss", "rnn/train", "rnn/gradient-check", "lstm/sequence/loss",
            "lstm/train", "lstm/gradient-check", "gru/sequence/loss", "gru/train", "gru/gradient-check",
            "rnn/network/forward", "rnn/network/backward", "rnn/network/loss", "rnn/network/train",
            "lstm/network/forward", "lstm/network/backward", "lstm/network/loss", "lstm/network/train",
            "gru/network/forward", "gru/network/backward", "gru/network/loss", "gru/network/train" };

    private Examples() {
    }

    /** The example request of an endpoint given as "rnn/cell/forward". */
    static ObjectNode request(String endpoint) {
        try (InputStream in = new ClassPathResource("examples/" + endpoint.replace('/', '-') + ".json").getInputStream()) {
            return (ObjectNode) JSON.readTree(in);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    static String text(Object tree) {
        return JSON.writeValueAsString(tree);
    }
}
