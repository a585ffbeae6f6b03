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
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.MismatchedInputException;

/**
 * Turns every failure into an RFC 9457 problem+json body with {@code type}, {@code title},
 * {@code status}, {@code detail}, {@code instance} and, for input problems, {@code errors}: a list of
 * {@code {field, message}}. Messages are written for clients: no stack trace, class name or
 * exception text meant for developers reaches a response; unexpected failures are logged instead.
 */
@RestControllerAdvice
class ProblemHandler extends ResponseEntityExceptionHandler {

    /** Where the problem types are documented (the README's section on errors). */
    static final String TYPE_BASE = "/problems/";

    private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);

    @ExceptionHandler(InvalidInputException.class)
    ResponseEntity<Object> invalidInput(InvalidInputException ex, WebRequest request) {
        boolean overflow = ex instanceof NonFiniteResultException;
        ProblemDetail problem = problem(HttpStatus.UNPROCESSABLE_CONTENT, overflow ? "non-finite-result" : "invalid-tensors",
                overflow ? "Result is not finite" : "Invalid tensors", ex.getMessage(), ex.errors());
        return respond(problem, request);
    }

    @ExceptionHandler(LimitExceededException.class)
    ResponseEntity<Object> limitExceeded(LimitExceededException ex, WebRequest request) {
        ProblemDetail problem = problem(HttpStatus.CONTENT_TOO_LARGE, "limit-exceeded", "Over a limit", ex.getMessage(), null);
        problem.setProperty("limit", ex.limit());
        problem.setProperty("property", ex.property());
        return respond(problem, request);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        Throwable cause = ex.getCause();
        ProblemDetail problem;
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

    /** Every failure nobody expected: a bare 500, with the detail in the log only. */
    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> unexpected(Exception ex, WebRequest request) {
        log.error("Unexpected failure on {}", path(request), ex);
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
        return ResponseEntity.status(problem.getStatus()).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
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
