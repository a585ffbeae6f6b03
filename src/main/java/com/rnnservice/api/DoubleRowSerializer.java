package com.rnnservice.api;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import tools.jackson.core.JsonGenerator;
import tools.jackson.core.SerializableString;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ValueSerializer;

/**
 * Writes a row of an answer's tensor, a {@code double[]}, as a JSON array whose numbers go to the
 * generator as ASCII bytes built by {@link ShortestDouble}, up to {@link #PART} at a time: the numbers
 * Jackson's fast double writer would write, without a string per number or a character-to-byte encoding,
 * and a buffer that stays small for a long row. A row with a non-finite entry (which no answer carries: the service
 * refuses them first) is left to Jackson's own writer.
 */
public final class DoubleRowSerializer extends ValueSerializer<double[]> {

    /** Numbers handed to the generator at once: a long row (a large randn draw) goes in parts of this many. */
    static final int PART = 1024;

    @Override
    public void serialize(double[] row, JsonGenerator generator, SerializationContext context) {
        for (double v : row) {
            if (!Double.isFinite(v)) {
                generator.writeArray(row, 0, row.length);
                return;
            }
        }
        generator.writeStartArray(row, row.length);
        byte[] text = new byte[Math.min(row.length, PART) * (ShortestDouble.MAX_BYTES + 1)];
        for (int from = 0; from < row.length; from += PART) {
            int at = 0;
            for (int i = from; i < Math.min(row.length, from + PART); i++) {
                if (i > 0) {
                    text[at++] = ',';
                }
                at = ShortestDouble.write(row[i], text, at);
            }
            generator.writeRaw(new Ascii(text, at));
        }
        generator.writeEndArray();
    }

    /**
     * The first {@code length} bytes of a buffer of ASCII JSON, handed to the generator as is: it needs no
     * quoting or escaping, so its quoted and unquoted forms are the same.
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
            return Arrays.copyOf(this.bytes, this.length);
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
        public int writeQuotedUTF8(OutputStream out) throws IOException {
            return writeUnquotedUTF8(out);
        }

        @Override
        public int writeUnquotedUTF8(OutputStream out) throws IOException {
            out.write(this.bytes, 0, this.length);
            return this.length;
        }

        @Override
        public int putQuotedUTF8(ByteBuffer buffer) {
            return putUnquotedUTF8(buffer);
        }

        @Override
        public int putUnquotedUTF8(ByteBuffer buffer) {
            if (buffer.remaining() < this.length) {
                return -1;
            }
            buffer.put(this.bytes, 0, this.length);
            return this.length;
        }
    }
}
