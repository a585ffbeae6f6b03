package com.rnnservice.service;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.rnnservice.math.Matrix;
import com.rnnservice.math.Steps;

/**
 * An answer's body as the service builds it, codec-neutral: fields in the order they are put, each a {@link Tensor},
 * a number, a flag, an object of the same kind, or a list of them. A codec per media type writes it (JSON now).
 * Every number put is checked: a request gets its whole answer or, when some output overflowed, a
 * {@link NonFiniteResultException} that names every such field by its path ({@code gates.ft},
 * {@code layers[1].forward.dWf}).
 */
public final class Answer {

    private static final String OVERFLOW = "is not finite: the computation overflowed float64; scale the inputs or parameters down";

    private final String path;

    private final Map<String, Object> fields = new LinkedHashMap<>();

    private final List<FieldError> errors;

    /** An empty answer. */
    public Answer() {
        this("", new ArrayList<>());
    }

    private Answer(String path, List<FieldError> errors) {
        this.path = path;
        this.errors = errors;
    }

    /** Puts a (rows, cols) tensor, the matrix itself: its array is written as it is. */
    public Answer put(String name, Matrix value) {
        if (!value.isFinite()) {
            reject(name);
        }
        this.fields.put(name, Tensor.of(value));
        return this;
    }

    /** Puts a (rows, m, T_x) tensor, the steps themselves. */
    public Answer put(String name, Steps value) {
        if (!value.all().isFinite()) {
            reject(name);
        }
        this.fields.put(name, Tensor.of(value));
        return this;
    }

    /** Puts a (n,) tensor. */
    public Answer put(String name, double[] values) {
        for (double v : values) {
            if (!Double.isFinite(v)) {
                reject(name);
                break;
            }
        }
        this.fields.put(name, Tensor.vector(values));
        return this;
    }

    /** Puts a tensor as it is: one that no computation made, such as an initial state sent back. */
    public Answer put(String name, Tensor value) {
        this.fields.put(name, value);
        return this;
    }

    /** Puts a list of tensors. */
    public Answer put(String name, List<Tensor> values) {
        this.fields.put(name, List.copyOf(values));
        return this;
    }

    /** Puts a number. */
    public Answer put(String name, double value) {
        if (!Double.isFinite(value)) {
            reject(name);
        }
        this.fields.put(name, value);
        return this;
    }

    /** Puts a whole number. */
    public Answer put(String name, int value) {
        this.fields.put(name, value);
        return this;
    }

    /** Puts a flag. */
    public Answer put(String name, boolean value) {
        this.fields.put(name, value);
        return this;
    }

    /** A new object under {@code name}, to fill. */
    public Answer object(String name) {
        Answer child = new Answer(pathOf(name), this.errors);
        this.fields.put(name, child);
        return child;
    }

    /** A new object at the end of the list under {@code name} (made empty on first use), to fill. */
    public Answer add(String name) {
        @SuppressWarnings("unchecked")
        List<Answer> list = (List<Answer>) this.fields.computeIfAbsent(name, k -> new ArrayList<Answer>());
        Answer item = new Answer(pathOf(name) + "[" + list.size() + "]", this.errors);
        list.add(item);
        return item;
    }

    /**
     * The fields in order: each a {@link Tensor}, a {@code Double}, an {@code Integer}, a {@code Boolean}, an
     * {@code Answer}, or a list of answers or of tensors.
     */
    public Map<String, Object> fields() {
        return Collections.unmodifiableMap(this.fields);
    }

    /** Throws, naming every field that is not finite, if any is. */
    public void throwIfNotFinite() {
        if (!this.errors.isEmpty()) {
            throw new NonFiniteResultException(this.errors);
        }
    }

    private String pathOf(String name) {
        return this.path.isEmpty() ? name : this.path + "." + name;
    }

    private void reject(String name) {
        String field = pathOf(name);
        if (this.errors.stream().noneMatch(e -> e.field().equals(field))) {
            this.errors.add(new FieldError(field, OVERFLOW));
        }
    }
}
