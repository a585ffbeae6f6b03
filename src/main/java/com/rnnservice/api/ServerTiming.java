package com.rnnservice.api;

import java.io.IOException;
import java.lang.reflect.Type;
import java.util.Locale;

import org.jspecify.annotations.Nullable;
import org.springframework.core.MethodParameter;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.MediaType;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.mvc.method.annotation.RequestBodyAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyAdvice;
import org.springframework.web.util.ContentCachingResponseWrapper;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * A {@code Server-Timing} header on every API response: {@code parse} (reading the JSON body into
 * tensors), {@code compute} (from the end of reading to the start of writing: Spring's handling of the
 * argument and the return value, checking shapes, the maths and the answer's arrays), {@code write} (the
 * answer's JSON) and {@code total}, in milliseconds, as browsers' developer tools show it. The answer is
 * buffered so that the header can carry the time its own writing took.
 */
final class ServerTiming {

    private static final String READ_START = ServerTiming.class.getName() + ".readStart";

    private static final String READ_END = ServerTiming.class.getName() + ".readEnd";

    private static final String WRITE_START = ServerTiming.class.getName() + ".writeStart";

    private ServerTiming() {
    }

    private static void mark(String attribute) {
        RequestAttributes attributes = RequestContextHolder.getRequestAttributes();
        if (attributes != null) {
            attributes.setAttribute(attribute, System.nanoTime(), RequestAttributes.SCOPE_REQUEST);
        }
    }

    /** Marks where an endpoint starts reading its body itself ({@link Codecs}). */
    static void readStarts(HttpServletRequest request) {
        request.setAttribute(READ_START, System.nanoTime());
    }

    /** Marks where an endpoint stops reading its body. */
    static void readEnds(HttpServletRequest request) {
        request.setAttribute(READ_END, System.nanoTime());
    }

    private static @Nullable Long time(HttpServletRequest request, String attribute) {
        return request.getAttribute(attribute) instanceof Long nanos ? nanos : null;
    }

    private static String millis(long nanos) {
        return String.format(Locale.ROOT, "%.3f", nanos / 1e6);
    }

    /** Buffers API answers and adds the header once they are written. */
    @Component
    @Order(Ordered.HIGHEST_PRECEDENCE + 1)
    static class Filter extends OncePerRequestFilter {

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            if (!request.getRequestURI().startsWith("/api/")) {
                chain.doFilter(request, response);
                return;
            }
            ContentCachingResponseWrapper buffered = new ContentCachingResponseWrapper(response);
            long start = System.nanoTime();
            try {
                chain.doFilter(request, buffered);
            }
            finally {
                long end = System.nanoTime();
                Long readStart = time(request, READ_START);
                Long readEnd = time(request, READ_END);
                Long writeStart = time(request, WRITE_START);
                StringBuilder header = new StringBuilder();
                if (readStart != null && readEnd != null) {
                    header.append("parse;dur=").append(millis(readEnd - readStart));
                    if (writeStart != null) {
                        header.append(", compute;dur=").append(millis(writeStart - readEnd));
                    }
                }
                if (writeStart != null) {
                    header.append(header.isEmpty() ? "" : ", ").append("write;dur=").append(millis(end - writeStart));
                }
                header.append(header.isEmpty() ? "" : ", ").append("total;dur=").append(millis(end - start));
                buffered.setHeader("Server-Timing", header.toString());
                buffered.copyBodyToResponse();
            }
        }
    }

    /** Marks when the body starts and stops being read, and when the answer starts being written. */
    @ControllerAdvice
    static class Marks implements RequestBodyAdvice, ResponseBodyAdvice<Object> {

        @Override
        public boolean supports(MethodParameter parameter, Type targetType,
                Class<? extends HttpMessageConverter<?>> converterType) {
            return true;
        }

        @Override
        public HttpInputMessage beforeBodyRead(HttpInputMessage inputMessage, MethodParameter parameter, Type targetType,
                Class<? extends HttpMessageConverter<?>> converterType) {
            mark(READ_START);
            return inputMessage;
        }

        @Override
        public Object afterBodyRead(Object body, HttpInputMessage inputMessage, MethodParameter parameter,
                Type targetType, Class<? extends HttpMessageConverter<?>> converterType) {
            mark(READ_END);
            return body;
        }

        @Override
        public @Nullable Object handleEmptyBody(@Nullable Object body, HttpInputMessage inputMessage,
                MethodParameter parameter, Type targetType, Class<? extends HttpMessageConverter<?>> converterType) {
            mark(READ_END);
            return body;
        }

        @Override
        public boolean supports(MethodParameter returnType, Class<? extends HttpMessageConverter<?>> converterType) {
            return true;
        }

        @Override
        public @Nullable Object beforeBodyWrite(@Nullable Object body, MethodParameter returnType,
                MediaType selectedContentType, Class<? extends HttpMessageConverter<?>> selectedConverterType,
                ServerHttpRequest request, ServerHttpResponse response) {
            if (request instanceof ServletServerHttpRequest servlet) {
                servlet.getServletRequest().setAttribute(WRITE_START, System.nanoTime());
            }
            return body;
        }
    }
}
