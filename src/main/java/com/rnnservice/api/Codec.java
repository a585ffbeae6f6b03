package com.rnnservice.api;

import java.io.InputStream;
import java.io.OutputStream;

import org.springframework.http.MediaType;

import com.rnnservice.service.Answer;

/**
 * One media type's encoding of the API's bodies, both ways: a request read against its endpoint's {@link Message}
 * into a {@link Body} whose tensors lie as the maths reads them, and an {@link Answer} written from the maths' own
 * arrays. The endpoints read through {@link Codecs} and answer through {@link AnswerConverter}, whatever the codec; a
 * new encoding is one more implementation.
 */
interface Codec {

    /** The media type it reads and writes. */
    MediaType mediaType();

    /**
     * The body, read against {@code message}.
     *
     * @throws tools.jackson.core.JacksonException (or another runtime exception of the codec's) for a body that is not
     *         of the message's form, naming the field by its path
     */
    Body read(InputStream in, Message message);

    /** Writes the answer; the stream is left open. */
    void write(Answer answer, OutputStream out);
}
