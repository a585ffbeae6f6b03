package com.rnnservice.api;

import java.util.List;

import tools.jackson.databind.JsonNode;

/** Lets tests in other packages compare answers the way the reference tests do. */
public final class ReferenceFixturesAccess {

    private ReferenceFixturesAccess() {
    }

    /** Records every field, shape or entry (beyond 1e-12) in which {@code actual} differs from {@code expected}. */
    public static void compare(JsonNode expected, JsonNode actual, List<String> mismatches) {
        ReferenceFixturesTest.compare("", expected, actual, mismatches);
    }
}
