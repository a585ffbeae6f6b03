package com.rnnservice.api;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.jackson.JacksonComponent;

import com.rnnservice.api.Message.Field;
import com.rnnservice.api.Message.ListField;
import com.rnnservice.api.Message.ObjectField;
import com.rnnservice.api.Message.TensorField;
import com.rnnservice.api.Message.TensorMapField;
import com.rnnservice.api.Message.ValueField;
import com.rnnservice.service.Tensor;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * Reads a JSON body against the {@link Message} the reader is given (as the attribute {@link #MESSAGE}), from the
 * token stream: a tensor straight into the array the maths reads ({@link TensorDeserializer}), a number, string or
 * flag as Jackson reads that Java type, an object or list of objects against its own message. A field the message
 * does not know is an {@link UnrecognizedPropertyException} naming the fields it does; a value of the wrong JSON type
 * a {@link MismatchedInputException}; both carry the field's path ({@code layers[0].forward.Wf}).
 */
@JacksonComponent
public class BodyReader extends ValueDeserializer<Body> {

    /** The reader attribute that holds the {@link Message} to read against. */
    static final Object MESSAGE = Message.class;

    @Override
    public Body deserialize(JsonParser parser, DeserializationContext context) {
        Object message = context.getAttribute(MESSAGE);
        if (!(message instanceof Message expected)) {
            throw new IllegalStateException("a body is read against a Message, given as the reader attribute MESSAGE");
        }
        return object(parser, context, expected);
    }

    private static Body object(JsonParser parser, DeserializationContext context, Message message) {
        if (!parser.isExpectedStartObjectToken()) {
            throw MismatchedInputException.from(parser, Map.class, "expected a JSON object");
        }
        Body body = new Body();
        for (String name = parser.nextName(); name != null; name = parser.nextName()) {
            Field field = message.field(name).orElse(null);
            if (field == null) {
                throw UnrecognizedPropertyException.from(parser, Body.class, name, new ArrayList<>(message.names()));
            }
            parser.nextToken();
            try {
                body.put(name, value(parser, context, field));
            }
            catch (JacksonException ex) {
                throw ex.prependPath(body, name);
            }
        }
        return body;
    }

    private static @Nullable Object value(JsonParser parser, DeserializationContext context, Field field) {
        if (parser.currentToken() == JsonToken.VALUE_NULL) {
            return null;
        }
        if (field instanceof TensorField) {
            return TensorDeserializer.read(parser);
        }
        if (field instanceof ValueField value) {
            return context.readValue(parser, value.type());
        }
        if (field instanceof ObjectField object) {
            return object(parser, context, object.message());
        }
        if (field instanceof ListField list) {
            return list(parser, context, list.items());
        }
        if (field instanceof TensorMapField) {
            return tensors(parser);
        }
        throw new IllegalStateException(field.name() + " is not a field a request holds");
    }

    private static List<@Nullable Body> list(JsonParser parser, DeserializationContext context, Message items) {
        if (!parser.isExpectedStartArrayToken()) {
            throw MismatchedInputException.from(parser, List.class, "expected a JSON array");
        }
        List<@Nullable Body> out = new ArrayList<>();
        for (JsonToken token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken()) {
            try {
                out.add(token == JsonToken.VALUE_NULL ? null : object(parser, context, items));
            }
            catch (JacksonException ex) {
                throw ex.prependPath(out, out.size());
            }
        }
        return out;
    }

    private static Map<String, @Nullable Tensor> tensors(JsonParser parser) {
        if (!parser.isExpectedStartObjectToken()) {
            throw MismatchedInputException.from(parser, Map.class, "expected a JSON object");
        }
        Map<String, @Nullable Tensor> out = new LinkedHashMap<>();
        for (String name = parser.nextName(); name != null; name = parser.nextName()) {
            try {
                out.put(name, parser.nextToken() == JsonToken.VALUE_NULL ? null : TensorDeserializer.read(parser));
            }
            catch (JacksonException ex) {
                throw ex.prependPath(out, name);
            }
        }
        return out;
    }
}
