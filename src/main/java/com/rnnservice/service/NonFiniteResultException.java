package com.rnnservice.service;

import java.util.List;

/** A computation whose result overflowed float64: the service answers with an error, never with non-finite numbers. */
public class NonFiniteResultException extends InvalidInputException {

    public NonFiniteResultException(List<FieldError> errors) {
        super("The result is not finite: the computation overflowed float64.", errors);
    }
}
