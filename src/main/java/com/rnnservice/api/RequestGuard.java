package com.rnnservice.api;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import org.slf4j.MDC;
import org.springframework.context.ApplicationListener;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import com.rnnservice.service.Limits;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

/**
 * The front door of every request: gives it an id, and for API requests refuses, before the body is
 * read, those that are too large (413, from Content-Length; a chunked body is counted as it is read),
 * those that arrive while the service shuts down (503), and those that find every computation permit
 * taken for longer than {@code rnn.limits.admission-wait} (503 with Retry-After).
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class RequestGuard extends OncePerRequestFilter implements ApplicationListener<ContextClosedEvent> {

    private final Limits limits;

    private final Semaphore permits;

    private final JsonMapper json;

    private final Rejections rejections;

    private volatile boolean shuttingDown;

    RequestGuard(Limits limits, JsonMapper json, Rejections rejections) {
        this.limits = limits;
        this.permits = new Semaphore(limits.permits(), true);
        this.json = json;
        this.rejections = rejections;
    }

    @Override
    public void onApplicationEvent(ContextClosedEvent event) {
        this.shuttingDown = true;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String id = RequestIds.assign(request);
        response.setHeader(RequestIds.HEADER, id);
        MDC.put(RequestIds.MDC_KEY, id);
        try {
            if (!request.getRequestURI().startsWith("/api/")) {
                chain.doFilter(request, response);
                return;
            }
            guard(request, response, chain, id);
        }
        finally {
            MDC.remove(RequestIds.MDC_KEY);
        }
    }

    private void guard(HttpServletRequest request, HttpServletResponse response, FilterChain chain, String id)
            throws IOException, ServletException {
        if (this.shuttingDown) {
            refuse(response, request, id, HttpStatus.SERVICE_UNAVAILABLE, "shutting-down", "Shutting down",
                    "The service is shutting down and takes no new computations; retry on another instance.", null);
            return;
        }
        long maxBody = this.limits.maxBodySize().toBytes();
        if (request.getContentLengthLong() > maxBody) {
            refuse(response, request, id, HttpStatus.CONTENT_TOO_LARGE, "body-too-large", "Over a limit",
                    "The body has " + request.getContentLengthLong() + " bytes; rnn.limits.max-body-size allows "
                            + maxBody + ".", Map.of("limit", "body size", "property", "rnn.limits.max-body-size"));
            return;
        }
        boolean admitted;
        try {
            admitted = this.permits.tryAcquire(this.limits.admissionWait().toMillis(), TimeUnit.MILLISECONDS);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            admitted = false;
        }
        if (!admitted) {
            long retry = Math.max(1, this.limits.admissionWait().toSeconds());
            response.setHeader("Retry-After", Long.toString(retry));
            refuse(response, request, id, HttpStatus.SERVICE_UNAVAILABLE, "busy", "Busy",
                    "Every computation slot (rnn.limits.concurrent-computations = " + this.limits.permits()
                            + ") stayed taken for " + this.limits.admissionWait().toMillis()
                            + " ms; retry after " + retry + " s.",
                    Map.of("limit", "concurrent computations", "property", "rnn.limits.concurrent-computations"));
            return;
        }
        try {
            chain.doFilter(request.getContentLengthLong() < 0 ? new CountingRequest(request, maxBody) : request, response);
        }
        finally {
            this.permits.release();
        }
    }

    private void refuse(HttpServletResponse response, HttpServletRequest request, String id, HttpStatus status,
            String reason, String title, String detail, Map<String, String> extra) throws IOException {
        this.rejections.count(reason);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", status == HttpStatus.CONTENT_TOO_LARGE ? ProblemHandler.TYPE_BASE + "limit-exceeded"
                : ProblemHandler.TYPE_BASE + reason);
        body.put("title", title);
        body.put("status", status.value());
        body.put("detail", detail);
        body.put("instance", request.getRequestURI());
        body.put("request_id", id);
        if (extra != null) {
            body.putAll(extra);
        }
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.getOutputStream().write(this.json.writeValueAsBytes(body));
    }

    /** Raised when a chunked body grows past the limit; the handler answers it with a 413. */
    static final class BodyTooLargeException extends IOException {

        private static final long serialVersionUID = 1L;

        final long limit;

        BodyTooLargeException(long limit) {
            super("body over rnn.limits.max-body-size");
            this.limit = limit;
        }
    }

    /** A request whose body stream fails once more than {@code limit} bytes are read from it. */
    private static final class CountingRequest extends HttpServletRequestWrapper {

        private final long limit;

        private ServletInputStream stream;

        CountingRequest(HttpServletRequest request, long limit) {
            super(request);
            this.limit = limit;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (this.stream == null) {
                ServletInputStream in = super.getInputStream();
                this.stream = new ServletInputStream() {

                    private long count;

                    @Override
                    public int read() throws IOException {
                        int b = in.read();
                        if (b >= 0) {
                            add(1);
                        }
                        return b;
                    }

                    @Override
                    public int read(byte[] buffer, int offset, int length) throws IOException {
                        int n = in.read(buffer, offset, length);
                        if (n > 0) {
                            add(n);
                        }
                        return n;
                    }

                    private void add(int n) throws BodyTooLargeException {
                        this.count += n;
                        if (this.count > CountingRequest.this.limit) {
                            throw new BodyTooLargeException(CountingRequest.this.limit);
                        }
                    }

                    @Override
                    public boolean isFinished() {
                        return in.isFinished();
                    }

                    @Override
                    public boolean isReady() {
                        return in.isReady();
                    }

                    @Override
                    public void setReadListener(ReadListener listener) {
                        in.setReadListener(listener);
                    }
                };
            }
            return this.stream;
        }
    }
}
