package com.rnnservice.api;

import static com.rnnservice.api.Examples.request;
import static com.rnnservice.api.Examples.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The network endpoints: the answers' structure, training's round trip, and input errors named by path (their
 * numbers are checked against NumPy by {@link ReferenceFixturesTest}).
 */
@WebMvcTest
@Import(ServiceSlice.class)
class NetworkControllerTest {

    @Autowired
    private MockMvc mvc;

    private ResultActions call(String endpoint, Object body) throws Exception {
        return this.mvc.perform(post("/api/v1/" + endpoint).contentType(MediaType.APPLICATION_JSON).content(text(body)));
    }

    private JsonNode answer(String endpoint, Object body) throws Exception {
        String response = call(endpoint, body).andReturn().getResponse().getContentAsString();
        JsonNode tree = Examples.JSON.readTree(response);
        assertThat(tree.has("status")).as(response).isFalse();
        return tree;
    }

    private JsonNode problem(String endpoint, Object body, int status) throws Exception {
        return Examples.JSON.readTree(call(endpoint, body).andExpect(status().is(status)).andReturn().getResponse()
            .getContentAsString());
    }

    @Test
    void aShapeErrorNamesItsPathAndWhatTheLayerReads() throws Exception {
        ObjectNode body = request("lstm/network/forward");
        ObjectNode reverse = (ObjectNode) body.get("layers").get(1).get("backward");
        reverse.set("Wf", matrix(3, 10));
        JsonNode problem = problem("lstm/network/forward", body, 422);
        assertThat(problem.get("errors")).hasSize(1);
        JsonNode error = problem.get("errors").get(0);
        assertThat(error.get("field").asString()).isEqualTo("layers[1].backward.Wf");
        assertThat(error.get("message").asString()).isEqualTo("expected shape (n_a, n_a + n_in) = (3, 11), got (3, 10); "
                + "n_in = 8 is layer 0's bidirectional output (2 · n_a = 2 · 4)");
    }

    @Test
    void everyLayerIsCheckedAndEveryProblemListed() throws Exception {
        ObjectNode body = request("gru/network/backward");
        ArrayNode layers = (ArrayNode) body.get("layers");
        ((ObjectNode) layers.get(0).get("forward")).set("Wu", matrix(4, 6));
        ((ObjectNode) layers.get(1)).set("a0", matrix(3, 5));
        ((ObjectNode) layers.get(1)).remove("backward");
        ((ObjectNode) layers.get(1)).set("a0_backward", matrix(3, 2));
        JsonNode problem = problem("gru/network/backward", body, 422);
        List<String> fields = problem.get("errors").valueStream().map(e -> e.get("field").asString()).toList();
        assertThat(fields).containsExactly("layers[0].forward.Wu", "layers[1].a0", "layers[1].a0_backward", "da");
        String messages = problem.get("errors").toString();
        assertThat(messages).contains("expected shape (n_a, n_a + n_in) = (4, 7), got (4, 6); n_in = 3 is n_x, the rows of x");
        assertThat(messages).contains("expected shape (n_a, m) = (3, 2), got (3, 5)");
        assertThat(messages).contains("belongs to a bidirectional layer");
        // with layer 1 one-directional the top output has n_a = 3 rows, which da (6 rows) no longer fits
        assertThat(messages).contains("expected shape (n_out, m, T_x) = (3, 2, 5), got (6, 2, 5)");
    }

    @Test
    void aLayerAboveABrokenLayerSaysWhereItsInputSizeCameFrom() throws Exception {
        ObjectNode body = request("lstm/network/forward");
        ObjectNode bottom = (ObjectNode) body.get("layers").get(0);
        bottom.remove("forward");
        bottom.remove("backward");
        ObjectNode top = (ObjectNode) body.get("layers").get(1).get("forward");
        top.set("Wf", matrix(3, 12));
        top.set("Wi", matrix(3, 10));
        JsonNode problem = problem("lstm/network/forward", body, 422);
        List<String> fields = problem.get("errors").valueStream().map(e -> e.get("field").asString()).toList();
        assertThat(fields).contains("layers[0].forward", "layers[1].forward.Wi");
        assertThat(problem.get("errors").valueStream().filter(e -> e.get("field").asString().equals("layers[1].forward.Wi"))
            .map(e -> e.get("message").asString())).containsExactly("expected shape (n_a, n_a + n_in) = (3, 12), got (3, 10); "
                    + "n_in = 9 is read from this layer's own weights: layer 0's output size is unknown, its own tensors being wrong");
    }

    @Test
    void aMemoryIsForTheLstmOnlyAndAnOutputLayerBelongsToTheNetwork() throws Exception {
        ObjectNode rnn = request("rnn/network/forward");
        ((ObjectNode) rnn.get("layers").get(0)).set("c0_backward", matrix(4, 2));
        JsonNode problem = problem("rnn/network/forward", rnn, 422);
        assertThat(problem.get("errors").get(0).get("field").asString()).isEqualTo("layers[0].c0_backward");
        assertThat(problem.get("errors").get(0).get("message").asString()).contains("the RNN cell has no cell state");

        ObjectNode lstm = request("lstm/network/loss");
        ((ObjectNode) lstm.get("layers").get(0).get("forward")).set("Wy", matrix(2, 4));
        JsonNode unknown = problem("lstm/network/loss", lstm, 422);
        assertThat(unknown.get("errors").get(0).get("field").asString()).isEqualTo("layers[0].forward.Wy");

        ObjectNode noOutput = request("gru/network/loss");
        noOutput.remove("output");
        JsonNode missing = problem("gru/network/loss", noOutput, 422);
        assertThat(missing.get("errors").get(0).get("field").asString()).isEqualTo("output");
    }

    @Test
    void theOutputLayerReadsTheTopLayersOutput() throws Exception {
        ObjectNode body = request("lstm/network/forward");
        ((ObjectNode) body.get("output")).set("Wy", matrix(2, 3));
        JsonNode problem = problem("lstm/network/forward", body, 422);
        assertThat(problem.get("errors").get(0).get("field").asString()).isEqualTo("output.Wy");
        assertThat(problem.get("errors").get(0).get("message").asString())
            .isEqualTo("expected shape (n_y, n_out) = (2, 6), got (2, 3)");
    }

    @Test
    void everyLayersOutputOnRequest() throws Exception {
        ObjectNode body = request("gru/network/forward");
        body.remove("output");
        JsonNode plain = answer("gru/network/forward", body);
        assertThat(plain.has("y_pred")).isFalse();
        assertThat(plain.has("layers")).isFalse();
        body.put("return_layers", true);
        JsonNode all = answer("gru/network/forward", body);
        assertThat(all.get("layers")).hasSize(2);
        assertThat(all.get("layers").get(0).get("a")).hasSize(8);
        assertThat(all.get("layers").get(1).get("a")).isEqualTo(all.get("a"));
    }

    @ParameterizedTest
    @ValueSource(strings = { "sgd", "adam" })
    void sendingTheLayersAndStateBackContinuesExactly(String optimizer) throws Exception {
        ObjectNode body = request("lstm/network/train");
        ((ObjectNode) body.get("optimizer")).put("name", optimizer);
        ((ObjectNode) body.get("layers").get(1)).set("a0_backward", matrix(3, 2));
        body.put("clip_norm", 1.0);
        body.put("steps", 4);
        JsonNode straight = answer("lstm/network/train", body);

        body.put("steps", 2);
        JsonNode first = answer("lstm/network/train", body);
        body.set("layers", first.get("layers"));
        body.set("output", first.get("output"));
        body.set("state", first.get("state"));
        JsonNode second = answer("lstm/network/train", body);

        assertThat(second.get("layers")).isEqualTo(straight.get("layers"));
        assertThat(second.get("output")).isEqualTo(straight.get("output"));
        assertThat(second.get("state")).isEqualTo(straight.get("state"));
        assertThat(second.get("layers").get(1).get("a0_backward")).isEqualTo(matrix(3, 2));
        assertThat(second.get("layers").get(0).has("a0")).isFalse();
        if (optimizer.equals("adam")) {
            assertThat(second.get("state").get("m").propertyNames()).contains("layers[1].backward.Wf", "output.Wy");
        }
    }

    @Test
    void trainingTheExampleLowersTheLossForEveryFamily() throws Exception {
        for (String endpoint : Examples.of(Operation.NETWORK_TRAIN)) {
            JsonNode losses = answer(endpoint, request(endpoint)).get("losses");
            assertThat(losses.size()).as(endpoint).isEqualTo(request(endpoint).get("steps").asInt());
            assertThat(losses.get(losses.size() - 1).asDouble()).as(endpoint).isLessThan(losses.get(0).asDouble());
        }
    }

    @Test
    void aStateMustFitTheNetwork() throws Exception {
        ObjectNode body = request("gru/network/train");
        ObjectNode state = body.putObject("state");
        state.put("step", 1);
        state.putObject("m").set("layers[0].forward.Wr", matrix(1, 1));
        JsonNode problem = problem("gru/network/train", body, 422);
        List<String> fields = problem.get("errors").valueStream().map(e -> e.get("field").asString()).toList();
        assertThat(fields).contains("state.m.layers[0].forward.Wr", "state.m.layers[1].backward.bc", "state.m.output.Wy");
    }

    private static ArrayNode matrix(int rows, int cols) {
        ArrayNode matrix = Examples.JSON.createArrayNode();
        for (int i = 0; i < rows; i++) {
            ArrayNode row = matrix.addArray();
            for (int j = 0; j < cols; j++) {
                row.add(0.1 * (i + 1) - 0.05 * j);
            }
        }
        return matrix;
    }
}
