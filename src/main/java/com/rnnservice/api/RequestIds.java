package com.rnnservice.api;

import java.util.UUID;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Every request's id: the caller's {@code X-Request-Id} when it is a plain token, a fresh UUID otherwise.
 * It is sent back in the same header, logged with every line (MDC key {@code requestId}) and carried
 * by every problem body as {@code request_id}, so a client's report leads to the server's log.
 */
final class RequestIds {

    static final String HEADER = "X-Request-Id";

    static final String ATTRIBUTE = RequestIds.class.getName();

    static final String MDC_KEY = "requestId";

    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    private RequestIds() {
    }

    static String assign(HttpServletRequest request) {
        String given = request.getHeader(HEADER);
        String id = given != null && PLAIN.matcher(given).matches() ? given : UUID.randomUUID().toString();
        request.setAttribute(ATTRIBUTE, id);
        return id;
    }

    static @Nullable String of(HttpServletRequest request) {
        return request.getAttribute(ATTRIBUTE) instanceof String id ? id : null;
    }
}
