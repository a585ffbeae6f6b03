package com.rnnservice.robustness;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;

import com.rnnservice.RnnServiceApplication;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.search.Search;

import tools.jackson.databind.node.ObjectNode;

/** On shutdown a computation in flight finishes with its answer; new API requests are refused with 503. */
class ShutdownTest {

    private final HttpClient client = HttpClient.newHttpClient();

    private HttpRequest request(int port, String endpoint, String body) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/" + endpoint))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build();
    }

    @Test
    void aComputationInFlightFinishesDuringShutdown() throws Exception {
        ConfigurableApplicationContext app = new SpringApplicationBuilder(RnnServiceApplication.class)
            .run("--server.port=0", "--logging.level.root=WARN");
        int port = app.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
        ObjectNode slow = Bodies.example("lstm/train");
        slow.put("steps", 10000);

        CompletableFuture<HttpResponse<String>> inFlight = this.client.sendAsync(
                request(port, "lstm/train", Bodies.JSON.writeValueAsString(slow)), HttpResponse.BodyHandlers.ofString());
        awaitInFlight(app);
        assertThat(inFlight).isNotDone();
        app.close();

        HttpResponse<String> finished = inFlight.get();
        assertThat(finished.statusCode()).isEqualTo(200);
        assertThat(Bodies.JSON.readTree(finished.body()).get("losses").size()).isEqualTo(10000);
    }

    /**
     * Waits until the server is handling a request (its active-requests timer counts it), rather than
     * for a fixed time a slow machine may not reach or a fast one may outrun.
     */
    private static void awaitInFlight(ConfigurableApplicationContext app) throws InterruptedException {
        Search active = app.getBean(MeterRegistry.class).find("http.server.requests.active");
        for (int attempt = 0; attempt < 2000; attempt++) {
            if (active.longTaskTimers().stream().mapToInt(timer -> timer.activeTasks()).sum() > 0) {
                return;
            }
            Thread.sleep(5);
        }
        throw new AssertionError("the request never reached the server");
    }

    @Test
    void newRequestsAreRefusedOnceShutdownBegins() throws Exception {
        ConfigurableApplicationContext app = new SpringApplicationBuilder(RnnServiceApplication.class)
            .run("--server.port=0", "--logging.level.root=WARN");
        try {
            int port = app.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
            // what the context publishes first when it closes, before the web server stops taking connections
            app.publishEvent(new ContextClosedEvent(app));
            HttpResponse<String> refused = this.client.send(request(port, "rnn/cell/forward",
                    Bodies.JSON.writeValueAsString(Bodies.example("rnn/cell/forward"))), HttpResponse.BodyHandlers.ofString());
            assertThat(refused.statusCode()).isEqualTo(503);
            assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            assertThat(refused.body()).contains("/problems/shutting-down");
        }
        finally {
            app.close();
        }
    }
}
