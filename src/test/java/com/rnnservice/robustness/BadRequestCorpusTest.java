package com.rnnservice.robustness;

import static com.rnnservice.robustness.Bodies.example;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.RequestBuilder;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A table of bad requests across every endpoint, through the whole application (filters included):
 * each gets its status, a problem+json body with the field it names and a request id, and nothing
 * internal. Small limits here make the 413s cheap to reach.
 */
@SpringBootTest(properties = { "rnn.limits.max-body-size=256KB", "rnn.limits.max-work=5000000",
        "rnn.limits.memory-budget=1MB" })
@AutoConfigureMockMvc
class BadRequestCorpusTest {

    @Autowired
    private MockMvc mvc;

    /** One bad request and what must come back. */
    record Bad(String name, Supplier<RequestBuilder> request, int status, @Nullable String field,
            @Nullable String property) {

        @Override
        public String toString() {
            return this.name;
        }
    }

    private static RequestBuilder json(String endpoint, String body) {
        return post("/api/v1/" + endpoint).contentType(MediaType.APPLICATION_JSON).content(body);
    }

    /** The example with one field replaced by raw JSON text. */
    private static RequestBuilder with(String endpoint, String path, String raw) {
        ObjectNode body = example(endpoint);
        String[] parts = path.split("\\.");
        ObjectNode parent = body;
        for (int i = 0; i < parts.length - 1; i++) {
            parent = (ObjectNode) parent.get(parts[i]);
        }
        parent.put(parts[parts.length - 1], "__RAW__");
        return json(endpoint, Bodies.JSON.writeValueAsString(body).replace("\"__RAW__\"", raw));
    }

    private static RequestBuilder without(String endpoint, String field) {
        ObjectNode body = example(endpoint);
        body.remove(field);
        return json(endpoint, Bodies.JSON.writeValueAsString(body));
    }

    private static RequestBuilder renamed(String endpoint, String path, String newName) {
        ObjectNode body = example(endpoint);
        String[] parts = path.split("\\.");
        ObjectNode parent = body;
        for (int i = 0; i < parts.length - 1; i++) {
            parent = (ObjectNode) parent.get(parts[i]);
        }
        JsonNode value = parent.remove(parts[parts.length - 1]);
        parent.set(newName, value);
        return json(endpoint, Bodies.JSON.writeValueAsString(body));
    }

    /** An RNN with n_a = m = 60 over 10 steps: little work, but its steps' matrices need about 1.7 MB. */
    private static String wideRnn() {
        ObjectNode body = Bodies.JSON.createObjectNode();
        body.set("x", Bodies.JSON.valueToTree(new double[1][60][10]));
        body.set("a0", Bodies.JSON.valueToTree(new double[60][60]));
        ObjectNode p = body.putObject("parameters");
        p.set("Wax", Bodies.JSON.valueToTree(new double[60][1]));
        p.set("Waa", Bodies.JSON.valueToTree(new double[60][60]));
        p.set("ba", Bodies.JSON.valueToTree(new double[60]));
        p.set("Wya", Bodies.JSON.valueToTree(new double[1][60]));
        p.set("by", Bodies.JSON.valueToTree(new double[1]));
        return Bodies.JSON.writeValueAsString(body);
    }

    static Stream<Bad> corpus() {
        List<Bad> c = new ArrayList<>();
        c.add(new Bad("not JSON", () -> json("rnn/cell/forward", "xt=1"), 400, null, null));
        c.add(new Bad("truncated JSON", () -> json("lstm/sequence/forward", "{\"x\": [[[1, 2]]], \"a0\": [[1"), 400, null, null));
        c.add(new Bad("text/plain", () -> post("/api/v1/gru/cell/backward").contentType(MediaType.TEXT_PLAIN).content("{}"), 415, null, null));
        c.add(new Bad("a form", () -> post("/api/v1/rnn/train").contentType(MediaType.APPLICATION_FORM_URLENCODED).content("steps=1"), 415, null, null));
        c.add(new Bad("empty body", () -> json("lstm/train", ""), 400, null, null));
        c.add(new Bad("an array for the body", () -> json("rnn/cell/forward", "[1, 2]"), 400, null, null));
        c.add(new Bad("an array for parameters", () -> with("gru/sequence/forward", "parameters", "[1]"), 400, "parameters", null));
        c.add(new Bad("a string for the optimizer", () -> with("rnn/train", "optimizer", "\"adam\""), 400, "optimizer", null));
        c.add(new Bad("a string for steps", () -> with("gru/train", "steps", "\"many\""), 400, "steps", null));
        c.add(new Bad("missing xt", () -> without("rnn/cell/forward", "xt"), 422, "xt", null));
        c.add(new Bad("missing parameters", () -> without("lstm/cell/backward", "parameters"), 422, "parameters", null));
        c.add(new Bad("missing da", () -> without("gru/sequence/backward", "da"), 422, "da", null));
        c.add(new Bad("missing labels", () -> without("rnn/sequence/loss", "labels"), 422, "labels", null));
        c.add(new Bad("missing seed", () -> without("random/randn", "seed"), 422, "seed", null));
        c.add(new Bad("unknown field a_pev", () -> renamed("rnn/cell/forward", "a_prev", "a_pev"), 422, "a_pev", null));
        c.add(new Bad("unknown parameter Wxa", () -> renamed("rnn/sequence/forward", "parameters.Wax", "Wxa"), 422, "parameters.Wxa", null));
        c.add(new Bad("unknown optimizer field", () -> renamed("lstm/train", "optimizer.learning_rate", "lr"), 422, "optimizer.lr", null));
        c.add(new Bad("c0 sent to a GRU", () -> with("gru/sequence/loss", "c0", "[[1]]"), 422, "c0", null));
        c.add(new Bad("ragged xt", () -> with("gru/cell/forward", "xt", "[[1, 2], [3]]"), 422, "xt", null));
        c.add(new Bad("ragged x", () -> with("lstm/sequence/backward", "x", "[[[1, 2]], [[3]]]"), 422, "x", null));
        c.add(new Bad("x of rank 2", () -> with("rnn/sequence/forward", "x", "[[1, 2], [3, 4]]"), 422, "x", null));
        c.add(new Bad("Wf of rank 3", () -> with("lstm/cell/forward", "parameters.Wf", "[[[1]]]"), 422, "parameters.Wf", null));
        c.add(new Bad("a_prev empty", () -> with("gru/cell/backward", "a_prev", "[]"), 422, "a_prev", null));
        c.add(new Bad("x with T_x = 0", () -> with("rnn/sequence/backward", "x", "[[[]]]"), 422, "x", null));
        c.add(new Bad("a0 of another m", () -> with("lstm/sequence/forward", "a0", "[[1], [2], [3], [4], [5]]"), 422, "a0", null));
        c.add(new Bad("da of another T_x", () -> with("gru/sequence/backward", "da", "[[[1]]]"), 422, "da", null));
        c.add(new Bad("Waa of another n_a", () -> with("rnn/cell/backward", "parameters.Waa", "[[1, 2], [3, 4]]"), 422, "parameters.Waa", null));
        c.add(new Bad("labels of another T_x", () -> with("lstm/sequence/loss", "labels", "[[0]]"), 422, "labels", null));
        c.add(new Bad("a string in a tensor", () -> with("rnn/cell/forward", "xt", "[[\"1\"]]"), 400, "xt", null));
        c.add(new Bad("null in a tensor", () -> with("lstm/cell/forward", "xt", "[[1, null]]"), 422, "xt", null));
        c.add(new Bad("true in a tensor", () -> with("gru/sequence/forward", "x", "[[[true]]]"), 400, "x", null));
        c.add(new Bad("an object in a tensor", () -> with("rnn/train", "x", "[[{}]]"), 400, "x", null));
        c.add(new Bad("NaN", () -> with("rnn/cell/forward", "xt", "[[NaN]]"), 422, "xt", null));
        c.add(new Bad("\"NaN\"", () -> with("lstm/sequence/loss", "x", "[[[\"NaN\"]]]"), 422, "x", null));
        c.add(new Bad("Infinity", () -> with("gru/cell/forward", "xt", "[[Infinity]]"), 422, "xt", null));
        c.add(new Bad("-Infinity", () -> with("rnn/sequence/backward", "da", "[[[-Infinity]]]"), 422, "da", null));
        c.add(new Bad("\"Infinity\"", () -> with("lstm/cell/backward", "dc_next", "[[\"Infinity\"]]"), 422, "dc_next", null));
        c.add(new Bad("\"-Infinity\"", () -> with("gru/train", "a0", "[[\"-Infinity\"]]"), 422, "a0", null));
        c.add(new Bad("\"inf\"", () -> with("rnn/gradient-check", "a0", "[[\"inf\"]]"), 422, "a0", null));
        c.add(new Bad("1e400", () -> with("lstm/gradient-check", "x", "[[[1e400]]]"), 422, "x", null));
        c.add(new Bad("-1e400", () -> with("gru/sequence/loss", "parameters.Wy", "[[-1e400]]"), 422, "parameters.Wy", null));
        c.add(new Bad("a mask of 0.5", () -> with("lstm/sequence/loss", "mask", "[[0.5]]"), 422, "mask", null));
        c.add(new Bad("a seed of 2^32", () -> with("random/randn", "seed", "4294967296"), 422, "seed", null));
        c.add(new Bad("deep nesting", () -> with("rnn/cell/forward", "xt", "[[[[[[[[[[[[1]]]]]]]]]]]]"), 413, null, "rnn.limits.max-nesting-depth"));
        c.add(new Bad("a 200-digit number", () -> with("lstm/cell/forward", "xt", "[[1." + "0".repeat(200) + "]]"), 413, null, "rnn.limits.max-number-length"));
        c.add(new Bad("a body over the limit", () -> with("gru/train", "x", "[[[" + "0.5, ".repeat(60_000) + "0.5]]]"), 413, null, "rnn.limits.max-body-size"));
        c.add(new Bad("work over the limit", () -> with("rnn/train", "steps", "1000"), 413, null, "rnn.limits.max-work"));
        c.add(new Bad("memory over the budget", () -> json("rnn/sequence/forward", wideRnn()), 413, null, "rnn.limits.memory-budget"));
        c.add(new Bad("gradient-check entries over the maximum", () -> with("lstm/gradient-check", "max_entries", "10000000"), 413, null, "rnn.limits.gradient-check-max-entries"));
        c.add(new Bad("training steps over the limit", () -> with("gru/train", "steps", "20000"), 413, null, "rnn.limits.train-max-steps"));
        c.add(new Bad("randn over the limit", () -> json("random/randn", "{\"seed\": 1, \"shapes\": [[100000, 100000]]}"), 413, null, "rnn.limits.randn-max-entries"));
        c.add(new Bad("an empty array before the first number", () -> with("rnn/network/backward", "da", "[[[[], 1, 2]]]"), 422, "da", null));
        c.add(new Bad("a network's work over the limit", () -> with("lstm/network/train", "steps", "1000"), 413, null, "rnn.limits.max-work"));
        c.add(new Bad("no layers", () -> with("gru/network/forward", "layers", "[]"), 422, "layers", null));
        c.add(new Bad("a null layer", () -> with("rnn/network/backward", "layers", "[null]"), 422, "layers[0]", null));
        c.add(new Bad("a layer that is a number", () -> with("lstm/network/loss", "layers", "[5]"), 400, "layers[0]", null));
        c.add(new Bad("a layer without forward", () -> with("gru/network/train", "layers", "[{\"a0\": [[1]]}]"), 422, "layers[0].forward", null));
        c.add(new Bad("GET on a POST endpoint", () -> get("/api/v1/rnn/cell/forward"), 405, null, null));
        c.add(new Bad("accepting only HTML", () -> post("/api/v1/rnn/cell/forward").contentType(MediaType.APPLICATION_JSON)
            .accept(MediaType.TEXT_HTML).content(Bodies.JSON.writeValueAsString(example("rnn/cell/forward"))), 406, null, null));
        c.add(new Bad("an unknown path", () -> post("/api/v1/rnn/cell/sideways").contentType(MediaType.APPLICATION_JSON).content("{}"), 404, null, null));
        return c.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void answersWithAProblem(Bad bad) throws Exception {
        MockHttpServletResponse response = this.mvc.perform(bad.request().get()).andReturn().getResponse();
        String body = response.getContentAsString();

        assertThat(response.getStatus()).as(body).isEqualTo(bad.status());
        assertThat(response.getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        assertThat(body).doesNotContain(Bodies.LEAKS);
        JsonNode problem = Bodies.JSON.readTree(body);
        assertThat(problem.get("status").asInt()).isEqualTo(bad.status());
        assertThat(problem.get("type").asString()).isNotBlank();
        assertThat(problem.get("title").asString()).isNotBlank();
        assertThat(problem.get("detail").asString()).isNotBlank();
        assertThat(problem.get("request_id").asString()).isNotBlank().isEqualTo(response.getHeader("X-Request-Id"));
        if (bad.field() != null) {
            assertThat(problem.get("errors").valueStream().map(e -> e.get("field").asString())).contains(bad.field());
        }
        if (bad.property() != null) {
            assertThat(problem.get("property").asString()).isEqualTo(bad.property());
        }
        if (bad.status() == 405) {
            assertThat(response.getHeader("Allow")).contains("POST");
        }
    }

    @Test
    void theCorpusHasEveryCaseOnce() {
        List<String> names = corpus().map(Bad::name).toList();
        assertThat(names).hasSize(60).doesNotHaveDuplicates();
    }
}
