package com.rnnservice.robustness;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import com.rnnservice.RnnServiceApplication;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Valid requests of every endpoint, mutated at random (fields removed, renamed or replaced, entries of
 * every JSON type and every non-finite spelling, shapes broken, bodies cut short), sent to a running
 * server: never a 5xx, every error a problem+json without internals, and a 200 only with finite,
 * rectangular results that have the fields of the endpoint's documented answer.
 */
class FuzzTest {

    private static ConfigurableApplicationContext server;

    private static HttpClient client;

    private static int port;

    @BeforeContainer
    static void start() {
        server = new SpringApplicationBuilder(RnnServiceApplication.class)
            .run("--server.port=0", "--logging.level.root=WARN", "--rnn.limits.max-work=20000000");
        port = server.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
        client = HttpClient.newHttpClient();
    }

    @AfterContainer
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Provide
    Arbitrary<String> endpoints() {
        return Arbitraries.of(Bodies.ENDPOINTS);
    }

    @Property(tries = 400)
    void neverFallsOver(@ForAll("endpoints") String endpoint, @ForAll long seed) throws Exception {
        Random random = new Random(seed);
        ObjectNode body = Bodies.example(endpoint);
        String text = mutate(body, random);

        HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/" + endpoint))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(text))
            .build(), HttpResponse.BodyHandlers.ofString());

        String answer = response.body();
        assertThat(response.statusCode()).as(text.length() > 300 ? text.substring(0, 300) : text).isLessThan(500);
        assertThat(answer).doesNotContain(Bodies.LEAKS);
        if (response.statusCode() == 200) {
            JsonNode out = Bodies.JSON.readTree(answer);
            // randn's arrays each have their own shape: each is rectangular, the list of them need not be
            JsonNode checked = endpoint.equals("random/randn") ? out.get("arrays") : out;
            if (endpoint.equals("random/randn")) {
                checked.valueStream().forEach(a -> assertThat(Bodies.finiteAndRectangular(a)).as(endpoint).isTrue());
            }
            else {
                assertThat(Bodies.finiteAndRectangular(checked)).as(endpoint).isTrue();
            }
            List<String> expected = new ArrayList<>(Bodies.answer(endpoint).propertyNames());
            expected.remove("gates");
            if (endpoint.endsWith("/network/forward")) {
                expected.remove("y_pred"); // present only with an output layer, which is optional
            }
            assertThat(out.propertyNames()).as(endpoint).containsAll(expected);
        }
        else {
            assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            JsonNode problem = Bodies.JSON.readTree(answer);
            assertThat(problem.get("status").asInt()).isEqualTo(response.statusCode());
            assertThat(problem.has("type") && problem.has("title") && problem.has("detail")).isTrue();
        }
    }

    /** One to three random changes, and sometimes a cut in the text. */
    private static String mutate(ObjectNode body, Random random) {
        int changes = 1 + random.nextInt(3);
        for (int k = 0; k < changes; k++) {
            List<ObjectNode> objects = new ArrayList<>();
            collectObjects(body, objects);
            ObjectNode target = objects.get(random.nextInt(objects.size()));
            List<String> names = new ArrayList<>(target.propertyNames());
            if (names.isEmpty()) {
                continue;
            }
            String name = names.get(random.nextInt(names.size()));
            switch (random.nextInt(6)) {
                case 0 -> target.remove(name);
                case 1 -> target.set(name + (random.nextBoolean() ? "x" : "_"), target.remove(name));
                case 2 -> target.set(name, oddValue(random));
                case 3 -> replaceLeaf(target.get(name), random);
                case 4 -> breakShape(target.get(name), random);
                default -> target.set(name, Bodies.JSON.valueToTree(new double[1 + random.nextInt(3)][1 + random.nextInt(3)]));
            }
        }
        String text = Bodies.JSON.writeValueAsString(body).replace("\"__NaN__\"", "NaN").replace("\"__Inf__\"", "-Infinity");
        if (random.nextInt(10) == 0) {
            text = text.substring(0, random.nextInt(text.length()));
        }
        return text;
    }

    private static void collectObjects(JsonNode node, List<ObjectNode> into) {
        if (node instanceof ObjectNode object) {
            into.add(object);
            object.valueStream().forEach(child -> collectObjects(child, into));
        }
    }

    private static JsonNode oddValue(Random random) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        return switch (random.nextInt(12)) {
            case 0 -> f.stringNode("x");
            case 1 -> f.nullNode();
            case 2 -> f.booleanNode(true);
            case 3 -> f.stringNode("__NaN__");
            case 4 -> f.stringNode("__Inf__");
            case 5 -> f.stringNode("Infinity");
            case 6 -> f.numberNode(1e300);
            case 7 -> f.numberNode(-0.0);
            case 8 -> f.objectNode();
            case 9 -> f.arrayNode();
            case 10 -> f.numberNode(random.nextInt(5) - 1);
            default -> f.arrayNode().add(f.arrayNode().add(1e-320));
        };
    }

    private static void replaceLeaf(JsonNode node, Random random) {
        if (!(node instanceof ArrayNode array) || array.isEmpty()) {
            return;
        }
        int i = random.nextInt(array.size());
        if (array.get(i).isArray()) {
            replaceLeaf(array.get(i), random);
        }
        else {
            array.set(i, oddValue(random));
        }
    }

    private static void breakShape(JsonNode node, Random random) {
        if (!(node instanceof ArrayNode array) || array.isEmpty()) {
            return;
        }
        switch (random.nextInt(4)) {
            case 0 -> array.remove(random.nextInt(array.size()));
            case 1 -> array.add(array.get(0).deepCopy());
            case 2 -> {
                JsonNode first = array.get(0);
                if (first instanceof ArrayNode inner && !inner.isEmpty()) {
                    inner.remove(inner.size() - 1);
                }
            }
            default -> {
                ArrayNode copy = array.deepCopy();
                array.removeAll();
                array.add(copy);
            }
        }
    }
}
