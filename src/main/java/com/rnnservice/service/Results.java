package com.rnnservice.service;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.commons.math3.linear.RealMatrix;

import com.rnnservice.math.Matrices;
import com.rnnservice.math.State;

/** Collects the outputs that are not finite: a request gets its whole answer or none. */
final class Results {

    private static final String OVERFLOW = "is not finite: the computation overflowed float64; scale the inputs or parameters down";

    private final List<FieldError> errors = new ArrayList<>();

    RealMatrix add(String field, RealMatrix value) {
        if (!Matrices.isFinite(value)) {
            reject(field);
        }
        return value;
    }

    void add(String field, double value) {
        if (!Double.isFinite(value)) {
            reject(field);
        }
    }

    void addSteps(String field, List<RealMatrix> steps) {
        steps.stream().filter(m -> !Matrices.isFinite(m)).findFirst().ifPresent(m -> reject(field));
    }

    void addState(String hiddenField, String memoryField, State state) {
        add(hiddenField, state.a());
        RealMatrix c = state.c();
        if (c != null) {
            add(memoryField, c);
        }
    }

    void addAll(Map<String, RealMatrix> named) {
        named.forEach(this::add);
    }

    void throwIfNotFinite() {
        if (!this.errors.isEmpty()) {
            throw new NonFiniteResultException(this.errors);
        }
    }

    private void reject(String field) {
        if (this.errors.stream().noneMatch(e -> e.field().equals(field))) {
            this.errors.add(new FieldError(field, OVERFLOW));
        }
    }
}
