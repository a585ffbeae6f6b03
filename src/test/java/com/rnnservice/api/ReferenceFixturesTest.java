package com.rnnservice.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

import com.rnnservice.math.PlatformLog;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every endpoint against the fixtures of {@code src/test/resources/reference/generate.py}, an
 * independent NumPy implementation: the seed's recipes and random shapes with size-1 dimensions.
 * Every output, every entry, at 1e-12 (relative for entries above one); and the response has exactly
 * the fields NumPy computed.
 */
@SpringBootTest
@AutoConfigureMockMvc
class ReferenceFixturesTest {

    /** Tolerance: absolute for values of order one, relative to |value| beyond (SPEC section 5). */
    static final double TOLERANCE = 1e-12;

    private static final Path FIXTURES = Path.of("src/test/resources/reference");

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    private MockMvc mvc;

    /** Every fixture the generator listed in index.json, and the folder holds those and no other: none lost, none stale. */
    static Stream<Path> fixtures() throws IOException {
        List<String> listed = JSON.readValue(FIXTURES.resolve("index.json").toFile(),
                new tools.jackson.core.type.TypeReference<List<String>>() {
                });
        try (Stream<Path> files = Files.list(FIXTURES)) {
            List<String> found = files.map(p -> p.getFileName().toString())
                .filter(name -> name.endsWith(".json") && !name.equals("index.json"))
                .map(name -> name.substring(0, name.length() - ".json".length()))
                .sorted()
                .toList();
            assertThat(found).as("fixtures; regenerate with python3 " + FIXTURES + "/generate.py")
                .containsExactlyElementsOf(listed.stream().sorted().toList());
        }
        return listed.stream().map(name -> FIXTURES.resolve(name + ".json"));
    }

    @org.junit.jupiter.api.Test
    void everyEndpointOfEveryFamilyHasFixtures() throws IOException {
        java.util.Set<String> paths = new java.util.HashSet<>();
        for (Path fixture : fixtures().toList()) {
            paths.add(JSON.readTree(fixture.toFile()).get("path").asString());
        }
        List<String> expected = new ArrayList<>();
        for (String endpoint : Examples.ENDPOINTS) {
            // a gradient check's answer is central-difference noise, which no two implementations share
            if (!endpoint.endsWith("/gradient-check")) {
                expected.add("/" + endpoint);
            }
        }
        expected.add("/random/randn");
        assertThat(paths).containsExactlyInAnyOrderElementsOf(expected);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void matchesNumPy(Path fixture) throws Exception {
        JsonNode root = JSON.readTree(fixture.toFile());
        String body = this.mvc
            .perform(post("/api/v1" + root.get("path").asString()).contentType(MediaType.APPLICATION_JSON)
                .content(JSON.writeValueAsString(root.get("request"))))
            .andExpect(status().isOk())
            .andReturn()
            .getResponse()
            .getContentAsString();
        List<String> mismatches = new ArrayList<>();
        String path = root.get("path").asString();
        compare("", root.get("expected"), JSON.readTree(body), mismatches,
                path.startsWith("/random/") ? randnTolerance() : TOLERANCE);
        assertThat(mismatches).as(fixture.getFileName().toString()).isEmpty();
    }

    /**
     * randn is compared bit for bit where the C library's log is loaded, as NumPy uses it; where it is not,
     * Math.log can round the last bit the other way, and the values may differ by a few ulps.
     */
    private static double randnTolerance() {
        return PlatformLog.isNative() ? 0 : 1e-15;
    }

    static void compare(String path, JsonNode expected, JsonNode actual, List<String> mismatches) {
        compare(path, expected, actual, mismatches, TOLERANCE);
    }

    /** Walks both trees; records every missing or extra field, shape difference and entry off by more than the tolerance. */
    static void compare(String path, JsonNode expected, JsonNode actual, List<String> mismatches, double tolerance) {
        if (expected.isObject()) {
            if (!actual.isObject()) {
                mismatches.add(path + ": expected an object");
                return;
            }
            List<String> expectedNames = new ArrayList<>(expected.propertyNames());
            List<String> actualNames = new ArrayList<>(actual.propertyNames());
            if (!new java.util.HashSet<>(expectedNames).equals(new java.util.HashSet<>(actualNames))) {
                mismatches.add(path + ": fields " + actualNames + ", expected " + expectedNames);
            }
            for (String name : expectedNames) {
                if (actual.has(name)) {
                    compare(path.isEmpty() ? name : path + "." + name, expected.get(name), actual.get(name), mismatches,
                            tolerance);
                }
            }
        }
        else if (expected.isArray()) {
            if (!actual.isArray() || actual.size() != expected.size()) {
                mismatches.add(path + ": expected an array of " + expected.size());
                return;
            }
            for (int i = 0; i < expected.size(); i++) {
                compare(path + "[" + i + "]", expected.get(i), actual.get(i), mismatches, tolerance);
            }
        }
        else if (!actual.isNumber() || Math.abs(expected.asDouble() - actual.asDouble())
                > tolerance * Math.max(1, Math.abs(expected.asDouble()))) {
            mismatches.add(path + ": " + actual + ", expected " + expected);
        }
    }
}
