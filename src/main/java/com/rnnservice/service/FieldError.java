package com.rnnservice.service;

/**
 * One problem of a request.
 *
 * @param field where it is, as a JSON path ({@code x}, {@code parameters.Wf})
 * @param message what is wrong, in a sentence a client can act on
 */
public record FieldError(String field, String message) {
}
