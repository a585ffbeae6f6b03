package com.rnnservice.api;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import com.rnnservice.service.FieldError;
import com.rnnservice.service.InvalidInputException;
import com.rnnservice.service.LimitExceededException;
import com.rnnservice.service.NonFiniteResultException;

import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * Turns every failure into an RFC 9457 problem+json body with {@code type}, {@code title},
 * {@code status}, {@code detail}, {@code instance} and, for input problems, {@code errors}: a list of
 * {@code {field, message}}. Messages are written for clients: no stack trace, class name or
 * exception text meant for developers reaches a response; unexpected failures are logged instead.
 */
@RestControllerAdvice
class ProblemHandler extends ResponseEntityExceptionHandler {

    private final Rejections rejections;

    ProblemHandler(Rejections rejections) {
        this.rejections = rejections;
    }

    /** Where the problem types are documented (the README's section on errors). */
    static final String TYPE_BASE = "/problems/";

    private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);

    @ExceptionHandler(InvalidInputException.class)
    ResponseEntity<Object> invalidInput(InvalidInputException ex, WebRequest request) {
        boolean overflow = ex instanceof NonFiniteResultException;
        this.rejections.count(overflow ? "non-finite-result" : "invalid-tensors");
        ProblemDetail problem = problem(HttpStatus.UNPROCESSABLE_CONTENT, overflow ? "non-finite-result" : "invalid-tensors",
                overflow ? "Result is not finite" : "Invalid tensors", ex.getMessage(), ex.errors());
        return respond(problem, request);
    }

    @ExceptionHandler(LimitExceededException.class)
    ResponseEntity<Object> limitExceeded(LimitExceededException ex, WebRequest request) {
        this.rejections.count("limit-" + ex.limit().replace(' ', '-'));
        ProblemDetail problem = problem(HttpStatus.CONTENT_TOO_LARGE, "limit-exceeded", "Over a limit", ex.getMessage(), null);
        problem.setProperty("limit", ex.limit());
        problem.setProperty("property", ex.property());
        return respond(problem, request);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        Throwable cause = ex.getCause();
        RequestGuard.BodyTooLargeException tooLarge = find(ex, RequestGuard.BodyTooLargeException.class);
        StreamConstraintsException constraint = find(ex, StreamConstraintsException.class);
        ProblemDetail problem;
        if (tooLarge != null) {
            this.rejections.count("body-too-large");
            problem = problem(HttpStatus.CONTENT_TOO_LARGE, "limit-exceeded", "Over a limit", "The body grew past "
                    + tooLarge.limit + " bytes, the limit rnn.limits.max-body-size sets.", null);
            problem.setProperty("limit", "body size");
            problem.setProperty("property", "rnn.limits.max-body-size");
            return respond(problem, request);
        }
        if (constraint != null) {
            String[] limit = constraintOf(constraint);
            this.rejections.count("json-" + limit[0].replace(' ', '-'));
            problem = problem(HttpStatus.CONTENT_TOO_LARGE, "limit-exceeded", "Over a limit",
                    "The body's JSON is over the " + limit[0] + " limit that " + limit[1] + " sets" + where(constraint)
                            + ".", null);
            problem.setProperty("limit", limit[0]);
            problem.setProperty("property", limit[1]);
            return respond(problem, request);
        }
        if (cause instanceof UnrecognizedPropertyException unknown) {
            this.rejections.count("unknown-field");
            List<String> known = unknown.getKnownPropertyIds() == null ? List.of()
                    : unknown.getKnownPropertyIds().stream().map(String::valueOf).sorted().toList();
            problem = problem(HttpStatus.UNPROCESSABLE_CONTENT, "unknown-field", "Unknown field",
                    "The body has a field this endpoint does not know; see 'errors'.",
                    List.of(new FieldError(fieldOf(unknown), "is not a field here; expected one of " + String.join(", ", known))));
            return respond(problem, request);
        }
        this.rejections.count("malformed-json");
        if (cause instanceof MismatchedInputException mismatch) {
            String field = fieldOf(mismatch);
            String message = mismatch instanceof TensorDeserializer.TensorTypeException
                    ? mismatch.getOriginalMessage() : "has the wrong JSON type: " + expectedType(mismatch);
            problem = problem(HttpStatus.BAD_REQUEST, "wrong-json-type", "Wrong JSON type",
                    "A value in the body has the wrong JSON type; see 'errors'.", List.of(new FieldError(field, message)));
        }
        else if (cause instanceof StreamReadException parse) {
            problem = problem(HttpStatus.BAD_REQUEST, "malformed-json", "Malformed JSON",
                    "The body is not valid JSON" + where(parse) + ".", null);
        }
        else if (cause instanceof JacksonException other) {
            problem = problem(HttpStatus.BAD_REQUEST, "malformed-json", "Malformed JSON",
                    "The body could not be read as the JSON this endpoint expects" + where(other) + ".", null);
        }
        else {
            problem = problem(HttpStatus.BAD_REQUEST, "malformed-json", "Malformed JSON",
                    "The body is missing or is not JSON; send a JSON object.", null);
        }
        return respond(problem, request);
    }

    /** Every failure nobody expected: a bare 500, with the detail in the log only, under the request's id. */
    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> unexpected(Exception ex, WebRequest request) {
        this.rejections.count("internal-error");
        log.error("Unexpected failure on {} (request {})", path(request), requestId(request), ex);
        ProblemDetail problem = problem(HttpStatus.INTERNAL_SERVER_ERROR, "internal-error", "Internal error",
                "The service failed to answer this request. The failure is logged.", null);
        return respond(problem, request);
    }

    /** The framework's own problems (405, 406, 415, ...): their standard body, with our type and content type. */
    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception ex, @Nullable Object body, HttpHeaders headers,
            HttpStatusCode statusCode, WebRequest request) {
        ResponseEntity<Object> response = super.handleExceptionInternal(ex, body, headers, statusCode, request);
        if (response != null && response.getBody() instanceof ProblemDetail problem) {
            if (problem.getType() == null || URI.create("about:blank").equals(problem.getType())) {
                problem.setType(URI.create("about:blank"));
            }
            if (problem.getInstance() == null) {
                problem.setInstance(URI.create(path(request)));
            }
            problem.setProperty("request_id", requestId(request));
            this.rejections.count("http-" + response.getStatusCode().value());
            HttpHeaders out = new HttpHeaders();
            out.putAll(response.getHeaders());
            out.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
            return new ResponseEntity<>(problem, out, response.getStatusCode());
        }
        return response == null ? ResponseEntity.status(statusCode).build() : response;
    }

    private static ProblemDetail problem(HttpStatus status, String type, String title, @Nullable String detail,
            @Nullable List<FieldError> errors) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail == null ? title : detail);
        problem.setType(URI.create(TYPE_BASE + type));
        problem.setTitle(title);
        if (errors != null) {
            problem.setProperty("errors", errors);
        }
        return problem;
    }

    private ResponseEntity<Object> respond(ProblemDetail problem, WebRequest request) {
        problem.setInstance(URI.create(path(request)));
        problem.setProperty("request_id", requestId(request));
        return ResponseEntity.status(problem.getStatus()).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }

    private static @Nullable String requestId(WebRequest request) {
        return request instanceof ServletWebRequest servlet ? RequestIds.of(servlet.getRequest()) : null;
    }

    private static <T extends Throwable> @Nullable T find(Throwable ex, Class<T> type) {
        for (Throwable t = ex; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    /** Which read constraint a parser refused, in words and by property. */
    private static String[] constraintOf(StreamConstraintsException ex) {
        String message = String.valueOf(ex.getOriginalMessage()).toLowerCase(java.util.Locale.ROOT);
        if (message.contains("depth")) {
            return new String[] { "nesting depth", "rnn.limits.max-nesting-depth" };
        }
        if (message.contains("number")) {
            return new String[] { "number length", "rnn.limits.max-number-length" };
        }
        if (message.contains("document")) {
            return new String[] { "body size", "rnn.limits.max-body-size" };
        }
        return new String[] { "JSON read", "rnn.limits.*" };
    }

    private static String path(WebRequest request) {
        return request instanceof ServletWebRequest servlet ? servlet.getRequest().getRequestURI() : "";
    }

    /** The JSON path of a databind failure, as dotted names: {@code parameters.Wax}. */
    private static String fieldOf(JacksonException ex) {
        String field = ex.getPath().stream()
                .map(ref -> ref.getPropertyName() != null ? ref.getPropertyName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
        return field.isEmpty() ? "(body)" : field;
    }

    private static String expectedType(MismatchedInputException ex) {
        Class<?> target = ex.getTargetType();
        if (target == null) {
            return "see the endpoint's schema";
        }
        if (target.isRecord() || Map.class.isAssignableFrom(target)) {
            return "expected a JSON object";
        }
        if (java.util.Collection.class.isAssignableFrom(target) || target.isArray()) {
            return "expected a JSON array";
        }
        if (target == boolean.class || target == Boolean.class) {
            return "expected true or false";
        }
        if (Number.class.isAssignableFrom(target) || target.isPrimitive()) {
            return "expected a number";
        }
        if (target == String.class) {
            return "expected a string";
        }
        return "see the endpoint's schema";
    }

    private static String where(JacksonException ex) {
        var location = ex.getLocation();
        if (location == null || location.getLineNr() < 1) {
            return "";
        }
        return " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
    }
}
