package com.rnnservice.robustness;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Many clients at once, mixing valid and bad requests of every endpoint, get exactly the answers one
 * client gets alone; and the service is healthy afterwards.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ConcurrencyTest {

    private final HttpClient client = HttpClient.newHttpClient();

    @LocalServerPort
    private int port;

    private record Call(String endpoint, String body) {
    }

    private record Answer(int status, String body) {
    }

    private Answer send(Call call) throws Exception {
        HttpResponse<String> response = this.client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/api/v1/" + call.endpoint()))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(call.body()))
            .build(), HttpResponse.BodyHandlers.ofString());
        String body = response.body();
        if (response.statusCode() != 200) {
            ObjectNode problem = (ObjectNode) Bodies.JSON.readTree(body);
            problem.remove("request_id");
            body = Bodies.JSON.writeValueAsString(problem);
        }
        return new Answer(response.statusCode(), body);
    }

    @Test
    void concurrentClientsGetTheSequentialAnswers() throws Exception {
        List<Call> calls = new ArrayList<>();
        for (String endpoint : Bodies.ENDPOINTS) {
            ObjectNode valid = Bodies.example(endpoint);
            calls.add(new Call(endpoint, Bodies.JSON.writeValueAsString(valid)));
            ObjectNode broken = valid.deepCopy();
            broken.remove(broken.propertyNames().iterator().next());
            calls.add(new Call(endpoint, Bodies.JSON.writeValueAsString(broken)));
            calls.add(new Call(endpoint, "{\"oops\": "));
        }
        Map<Call, Answer> alone = new ConcurrentHashMap<>();
        for (Call call : calls) {
            alone.put(call, send(call));
        }

        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int round = 0; round < 4; round++) {
                for (Call call : calls) {
                    results.add(pool.submit(() -> send(call).equals(alone.get(call))));
                }
            }
            for (Future<Boolean> result : results) {
                assertThat(result.get()).isTrue();
            }
            assertThat(results).hasSize(4 * calls.size());
        }
        finally {
            pool.shutdown();
        }

        HttpResponse<String> health = this.client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/actuator/health")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(health.statusCode()).isEqualTo(200);
        JsonNode status = Bodies.JSON.readTree(health.body());
        assertThat(status.get("status").asString()).isEqualTo("UP");
    }
}
