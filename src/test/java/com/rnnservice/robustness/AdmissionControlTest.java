package com.rnnservice.robustness;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Arrays;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One computation at a time, a short wait: a burst of heavy requests gets 503 with Retry-After for
 * the excess and the same correct answer for the rest, and the service answers normally afterwards.
 * A refused request's body is drained, so a client that sends it all before reading gets its 503. A
 * chunked body over the size limit is refused while it is read.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "rnn.limits.concurrent-computations=1", "rnn.limits.admission-wait=1ms", "rnn.limits.max-body-size=48MB" })
class AdmissionControlTest {

    private final HttpClient client = HttpClient.newHttpClient();

    @LocalServerPort
    private int port;

    private HttpResponse<String> post(String endpoint, HttpRequest.BodyPublisher body) throws Exception {
        return this.client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/api/v1/" + endpoint))
            .header("Content-Type", "application/json")
            .POST(body)
            .build(), HttpResponse.BodyHandlers.ofString());
    }

    /** An LSTM backward pass of some hundreds of milliseconds: n_x 32, n_a 96, m 16, T_x 40. */
    private static String heavyRequest() {
        Random random = new Random(5);
        ObjectNode body = Bodies.JSON.createObjectNode();
        body.set("x", Bodies.JSON.valueToTree(randoms(random, 32, 16, 40)));
        body.set("a0", Bodies.JSON.valueToTree(randoms(random, 96, 16)));
        body.set("da", Bodies.JSON.valueToTree(randoms(random, 96, 16, 40)));
        ObjectNode parameters = body.putObject("parameters");
        for (String gate : new String[] { "f", "i", "c", "o" }) {
            parameters.set("W" + gate, Bodies.JSON.valueToTree(randoms(random, 96, 128)));
            parameters.set("b" + gate, Bodies.JSON.valueToTree(randoms(random, 96, 1)));
        }
        return Bodies.JSON.writeValueAsString(body);
    }

    private static double[][] randoms(Random random, int rows, int cols) {
        double[][] out = new double[rows][cols];
        for (double[] row : out) {
            for (int j = 0; j < cols; j++) {
                row[j] = random.nextGaussian() * 0.3;
            }
        }
        return out;
    }

    private static double[][][] randoms(Random random, int a, int b, int c) {
        double[][][] out = new double[a][][];
        for (int i = 0; i < a; i++) {
            out[i] = randoms(random, b, c);
        }
        return out;
    }

    @Test
    void aBurstBeyondThePermitsGets503ForTheExcessAndRightAnswersForTheRest() throws Exception {
        String heavy = heavyRequest();
        HttpResponse<String> reference = post("lstm/sequence/backward", HttpRequest.BodyPublishers.ofString(heavy));
        assertThat(reference.statusCode()).isEqualTo(200);

        ExecutorService pool = Executors.newFixedThreadPool(6);
        List<HttpResponse<String>> responses = new ArrayList<>();
        try {
            List<Future<HttpResponse<String>>> futures = new ArrayList<>();
            // all six threads ready before any sends, so that the requests overlap even where one takes a few ms
            CyclicBarrier start = new CyclicBarrier(6);
            for (int i = 0; i < 6; i++) {
                Callable<HttpResponse<String>> call = () -> {
                    start.await();
                    return post("lstm/sequence/backward", HttpRequest.BodyPublishers.ofString(heavy));
                };
                futures.add(pool.submit(call));
            }
            for (Future<HttpResponse<String>> future : futures) {
                responses.add(future.get());
            }
        }
        finally {
            pool.shutdown();
        }

        List<HttpResponse<String>> busy = responses.stream().filter(r -> r.statusCode() == 503).toList();
        List<HttpResponse<String>> served = responses.stream().filter(r -> r.statusCode() == 200).toList();
        assertThat(busy.size() + served.size()).isEqualTo(6);
        assertThat(busy).isNotEmpty();
        assertThat(served).isNotEmpty();
        for (HttpResponse<String> r : busy) {
            assertThat(r.headers().firstValue("Retry-After")).isPresent();
            assertThat(r.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            JsonNode problem = Bodies.JSON.readTree(r.body());
            assertThat(problem.get("property").asString()).isEqualTo("rnn.limits.concurrent-computations");
        }
        for (HttpResponse<String> r : served) {
            assertThat(r.body()).isEqualTo(reference.body());
        }

        HttpResponse<String> after = post("rnn/cell/forward",
                HttpRequest.BodyPublishers.ofString(Bodies.JSON.writeValueAsString(Bodies.example("rnn/cell/forward"))));
        assertThat(after.statusCode()).isEqualTo(200);
    }

    /**
     * Tomcat on its own reads at most 2 MB of a body nobody read and then closes the connection: a client
     * still sending gets a reset instead of its 503 (what a 2.8 MB burst request met on a CI machine).
     */
    @Test
    void aRefusedClientThatSendsItsWholeBodyBeforeReadingGetsItsAnswer() throws Exception {
        Socket holder = takeThePermit();
        try (Socket refused = new Socket("localhost", this.port)) {
            OutputStream out = refused.getOutputStream();
            out.write(head("lstm/sequence/backward", 40_000_000));
            byte[] spaces = new byte[1 << 16];
            Arrays.fill(spaces, (byte) ' ');
            for (int sent = 0; sent < 40_000_000; sent += spaces.length) {
                out.write(spaces, 0, Math.min(spaces.length, 40_000_000 - sent));
            }
            out.flush();
            String answer = new String(refused.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(answer).startsWith("HTTP/1.1 503").contains("Retry-After: ").contains("rnn.limits.concurrent-computations");
        }
        finally {
            holder.close();
        }
    }

    private byte[] head(String endpoint, long length) {
        return ("POST /api/v1/" + endpoint + " HTTP/1.1\r\nHost: localhost:" + this.port
                + "\r\nContent-Type: application/json\r\nContent-Length: " + length + "\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * Takes the one permit with a request whose body never comes, and waits until small requests are
     * refused. Should one of those small requests have held the permit just when the holder's arrived,
     * the holder is the one refused (an answer on its socket): it then tries again.
     */
    private Socket takeThePermit() throws Exception {
        String small = Bodies.JSON.writeValueAsString(Bodies.example("rnn/cell/forward"));
        Socket holder = null;
        for (int attempt = 0; attempt < 500; attempt++) {
            if (holder == null || holder.getInputStream().available() > 0) {
                if (holder != null) {
                    holder.close();
                }
                holder = new Socket("localhost", this.port);
                holder.getOutputStream().write(head("rnn/cell/forward", 100));
                holder.getOutputStream().flush();
                Thread.sleep(50);
            }
            if (post("rnn/cell/forward", HttpRequest.BodyPublishers.ofString(small)).statusCode() == 503) {
                return holder;
            }
            Thread.sleep(10);
        }
        holder.close();
        throw new AssertionError("no request kept the permit");
    }

    @Test
    void aChunkedBodyOverTheLimitIsRefusedWhileItIsRead() throws Exception {
        HttpResponse<String> response = post("rnn/sequence/forward", HttpRequest.BodyPublishers.ofInputStream(() -> new PaddedBody(60_000_000)));
        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(Bodies.JSON.readTree(response.body()).get("property").asString()).isEqualTo("rnn.limits.max-body-size");
    }

    /** {@code {"x": [[[0.25 ... ]]]}} padded with spaces to the given size, made as it is read. */
    private static final class PaddedBody extends InputStream {

        private static final byte[] START = "{\"x\": [[[0.25".getBytes(StandardCharsets.US_ASCII);

        private static final byte[] END = "]]]}".getBytes(StandardCharsets.US_ASCII);

        private final long size;

        private long position;

        PaddedBody(long size) {
            this.size = size;
        }

        @Override
        public int read() throws IOException {
            if (this.position >= this.size) {
                return -1;
            }
            long p = this.position++;
            if (p < START.length) {
                return START[(int) p];
            }
            long fromEnd = this.size - p;
            return fromEnd <= END.length ? END[END.length - (int) fromEnd] : ' ';
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (this.position >= this.size) {
                return -1;
            }
            int n = (int) Math.min(length, this.size - this.position);
            for (int i = 0; i < n; i++) {
                buffer[offset + i] = (byte) read();
            }
            return n;
        }
    }
}
