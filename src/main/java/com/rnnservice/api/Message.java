package com.rnnservice.api;

import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * What a JSON object of the API holds, declared once for the codec that reads it and the OpenAPI document that
 * describes it: a name (the schema's), a description, and its fields in order. {@link Messages} builds each
 * endpoint's request and answer from a cell family's declaration.
 *
 * @param name the OpenAPI schema's name: {@code LstmCellForwardRequest}
 * @param description what it is, for a reader of the documentation
 * @param fields every field it may hold, in order
 */
record Message(String name, String description, List<Field> fields) {

    Message {
        fields = List.copyOf(fields);
    }

    /** The field of this name, if there is one. */
    Optional<Field> field(String name) {
        return this.fields.stream().filter(f -> f.name().equals(name)).findFirst();
    }

    /** The names of its fields, in order. */
    List<String> names() {
        return this.fields.stream().map(Field::name).toList();
    }

    /** One field of a message. */
    sealed interface Field {

        /** The field's JSON name: {@code a_prev}. */
        String name();

        /** What it is, for a reader of the documentation. */
        String description();
    }

    /**
     * A tensor: a nested JSON array of numbers.
     *
     * @param rank its number of axes, the nesting depth of an answer's arrays
     */
    record TensorField(String name, int rank, String description) implements Field {
    }

    /**
     * A JSON number, string or flag, read as the Java type.
     *
     * @param type {@code Integer}, {@code Double}, {@code Boolean} or {@code String}
     * @param defaultValue its default, for the documentation, or {@code null}
     * @param example an example value, for the documentation, or {@code null}
     */
    record ValueField(String name, Class<?> type, String description, @Nullable Object defaultValue,
            @Nullable Object example) implements Field {

        ValueField(String name, Class<?> type, String description) {
            this(name, type, description, null, null);
        }
    }

    /**
     * A JSON object of a declared kind.
     *
     * @param required whether the OpenAPI document marks it required
     */
    record ObjectField(String name, Message message, String description, boolean required) implements Field {

        ObjectField(String name, Message message, String description) {
            this(name, message, description, false);
        }
    }

    /** A JSON array of objects of a declared kind; an entry may be {@code null}. */
    record ListField(String name, Message items, String description) implements Field {
    }

    /**
     * A JSON object of tensors under any names (an optimizer's moments by parameter, or by path).
     *
     * @param rank the rank of each tensor in an answer
     */
    record TensorMapField(String name, int rank, String description) implements Field {
    }

    /** A JSON array of tensors of any shapes. */
    record TensorListField(String name, String description) implements Field {
    }
}
