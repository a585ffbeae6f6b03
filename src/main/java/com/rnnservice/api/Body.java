package com.rnnservice.api;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import com.rnnservice.service.Tensor;

/**
 * A request's body as a codec read it against its {@link Message}: every field present, by name, each a
 * {@link Tensor}, a number, string or flag, a body of the same kind, a list of them, or tensors by name. A field
 * that was absent or {@code null} reads as {@code null}.
 */
final class Body {

    private final Map<String, @Nullable Object> fields = new LinkedHashMap<>();

    void put(String name, @Nullable Object value) {
        this.fields.put(name, value);
    }

    @Nullable Tensor tensor(String name) {
        return (Tensor) this.fields.get(name);
    }

    @Nullable Body object(String name) {
        return (Body) this.fields.get(name);
    }

    @SuppressWarnings("unchecked")
    @Nullable List<@Nullable Body> list(String name) {
        return (List<@Nullable Body>) this.fields.get(name);
    }

    /** A field of tensors by name: an object of declared tensors (a cell's parameters) or of any (an optimizer's moments). */
    @SuppressWarnings("unchecked")
    @Nullable Map<String, @Nullable Tensor> tensors(String name) {
        Object value = this.fields.get(name);
        if (value instanceof Body body) {
            Map<String, @Nullable Tensor> tensors = new LinkedHashMap<>();
            body.fields.forEach((key, tensor) -> tensors.put(key, (Tensor) tensor));
            return tensors;
        }
        return (Map<String, @Nullable Tensor>) value;
    }

    /** A number, string or flag, as the type its message declares. */
    <T> @Nullable T value(String name, Class<T> type) {
        return type.cast(this.fields.get(name));
    }
}
