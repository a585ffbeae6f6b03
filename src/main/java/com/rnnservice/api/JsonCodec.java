package com.rnnservice.api;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;

import com.rnnservice.service.Answer;
import com.rnnservice.service.Tensor;

import tools.jackson.core.JsonGenerator;
import tools.jackson.core.SerializableString;
import tools.jackson.databind.json.JsonMapper;

/**
 * JSON, as {@code ndarray.tolist()} writes a tensor: reads with the application's mapper (its read constraints and
 * features) through {@link BodyReader}, and writes an answer's tensors from their arrays, every number the shortest
 * decimal that reads back to the same double ({@link ShortestDouble}), handed to the generator as ASCII bytes a row
 * at a time.
 */
@Component
class JsonCodec implements Codec {

    /** Numbers handed to the generator at once: a long row (a large randn draw) goes in parts of this many. */
    static final int PART = 1024;

    private final JsonMapper mapper;

    JsonCodec(JsonMapper mapper) {
        this.mapper = mapper;
    }

    @Override
    public MediaType mediaType() {
        return MediaType.APPLICATION_JSON;
    }

    @Override
    public Body read(InputStream in, Message message) {
        return this.mapper.readerFor(Body.class).withAttribute(BodyReader.MESSAGE, message).readValue(in);
    }

    @Override
    public void write(Answer answer, OutputStream out) {
        try (JsonGenerator generator = this.mapper.createGenerator(out)) {
            object(generator, answer);
        }
    }

    private static void object(JsonGenerator generator, Answer answer) {
        generator.writeStartObject();
        for (Map.Entry<String, Object> field : answer.fields().entrySet()) {
            generator.writeName(field.getKey());
            value(generator, field.getValue());
        }
        generator.writeEndObject();
    }

    private static void value(JsonGenerator generator, Object value) {
        if (value instanceof Tensor tensor) {
            tensor(generator, tensor);
        }
        else if (value instanceof Answer answer) {
            object(generator, answer);
        }
        else if (value instanceof List<?> list) {
            generator.writeStartArray(list, list.size());
            for (Object item : list) {
                value(generator, item);
            }
            generator.writeEndArray();
        }
        else if (value instanceof Double number) {
            generator.writeNumber(number);
        }
        else if (value instanceof Integer number) {
            generator.writeNumber(number);
        }
        else if (value instanceof Boolean flag) {
            generator.writeBoolean(flag);
        }
        else {
            throw new IllegalStateException("an answer holds no " + value.getClass().getSimpleName());
        }
    }

    /** A tensor as nested arrays in NumPy's axis order, read through its strides; a 0-D tensor as a bare number. */
    static void tensor(JsonGenerator generator, Tensor tensor) {
        if (tensor.rank() == 0) {
            generator.writeNumber(tensor.array()[tensor.offset()]);
            return;
        }
        int[] shape = tensor.shape();
        int[] strides = tensor.strides();
        axis(generator, tensor.array(), tensor.offset(), shape, strides, 0, new byte[Math.min(shape[shape.length - 1], PART)
                * (ShortestDouble.MAX_BYTES + 1)]);
    }

    private static void axis(JsonGenerator generator, double[] data, int at, int[] shape, int[] strides, int axis,
            byte[] text) {
        int size = shape[axis];
        generator.writeStartArray(null, size);
        if (axis == shape.length - 1) {
            row(generator, data, at, size, strides[axis], text);
        }
        else {
            for (int i = 0; i < size; i++) {
                axis(generator, data, at + i * strides[axis], shape, strides, axis + 1, text);
            }
        }
        generator.writeEndArray();
    }

    /**
     * The numbers of one innermost row, {@code stride} apart from {@code at}, written as ASCII up to {@link #PART} at a
     * time. A row with a non-finite entry (which no answer carries: the service refuses them first) is left to the
     * generator's own writer.
     */
    private static void row(JsonGenerator generator, double[] data, int at, int size, int stride, byte[] text) {
        for (int i = 0, k = at; i < size; i++, k += stride) {
            if (!Double.isFinite(data[k])) {
                for (int j = 0, n = at; j < size; j++, n += stride) {
                    generator.writeNumber(data[n]);
                }
                return;
            }
        }
        for (int from = 0; from < size; from += PART) {
            int length = 0;
            for (int i = from, k = at + from * stride; i < Math.min(size, from + PART); i++, k += stride) {
                if (i > 0) {
                    text[length++] = ',';
                }
                length = ShortestDouble.write(data[k], text, length);
            }
            generator.writeRaw(new Ascii(text, length));
        }
    }

    /**
     * The first {@code length} bytes of a buffer of ASCII JSON, handed to the generator as is: it needs no quoting or
     * escaping, so its quoted and unquoted forms are the same.
     */
    private static final class Ascii implements SerializableString {

        private final byte[] bytes;

        private final int length;

        Ascii(byte[] bytes, int length) {
            this.bytes = bytes;
            this.length = length;
        }

        @Override
        public String getValue() {
            return new String(this.bytes, 0, this.length, StandardCharsets.US_ASCII);
        }

        @Override
        public int charLength() {
            return this.length;
        }

        @Override
        public char[] asQuotedChars() {
            return getValue().toCharArray();
        }

        @Override
        public byte[] asUnquotedUTF8() {
            return java.util.Arrays.copyOf(this.bytes, this.length);
        }

        @Override
        public byte[] asQuotedUTF8() {
            return asUnquotedUTF8();
        }

        @Override
        public int appendQuotedUTF8(byte[] buffer, int offset) {
            return appendUnquotedUTF8(buffer, offset);
        }

        @Override
        public int appendQuoted(char[] buffer, int offset) {
            return appendUnquoted(buffer, offset);
        }

        @Override
        public int appendUnquotedUTF8(byte[] buffer, int offset) {
            if (offset + this.length > buffer.length) {
                return -1;
            }
            System.arraycopy(this.bytes, 0, buffer, offset, this.length);
            return this.length;
        }

        @Override
        public int appendUnquoted(char[] buffer, int offset) {
            if (offset + this.length > buffer.length) {
                return -1;
            }
            for (int i = 0; i < this.length; i++) {
                buffer[offset + i] = (char) this.bytes[i];
            }
            return this.length;
        }

        @Override
        public int writeQuotedUTF8(OutputStream out) throws java.io.IOException {
            return writeUnquotedUTF8(out);
        }

        @Override
        public int writeUnquotedUTF8(OutputStream out) throws java.io.IOException {
            out.write(this.bytes, 0, this.length);
            return this.length;
        }

        @Override
        public int putQuotedUTF8(java.nio.ByteBuffer buffer) {
            return putUnquotedUTF8(buffer);
        }

        @Override
        public int putUnquotedUTF8(java.nio.ByteBuffer buffer) {
            if (buffer.remaining() < this.length) {
                return -1;
            }
            buffer.put(this.bytes, 0, this.length);
            return this.length;
        }
    }
}
