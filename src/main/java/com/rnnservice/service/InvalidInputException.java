package com.rnnservice.service;

import java.util.List;

/**
 * Well-formed JSON the service cannot compute with, or a computation whose result is not finite.
 * Carries every problem found; its message is meant for clients.
 */
public class InvalidInputException extends RuntimeException {

    private final List<FieldError> errors;

    public InvalidInputException(String detail, List<FieldError> errors) {
        super(detail);
        this.errors = List.copyOf(errors);
    }

    /** Every problem found, each naming its field. */
    public List<FieldError> errors() {
        return this.errors;
    }
}
