package com.rnnservice.api;

import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.HttpOutputMessage;
import org.springframework.http.MediaType;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.stereotype.Component;

import com.rnnservice.service.Answer;

/**
 * Writes an endpoint's {@link Answer} with the codec of the media type the request negotiated: the seam every answer
 * goes out through. It reads nothing; requests are read through {@link Codecs}.
 */
@Component
class AnswerConverter implements HttpMessageConverter<Answer> {

    private final Codecs codecs;

    AnswerConverter(Codecs codecs) {
        this.codecs = codecs;
    }

    @Override
    public boolean canRead(Class<?> clazz, @Nullable MediaType mediaType) {
        return false;
    }

    @Override
    public boolean canWrite(Class<?> clazz, @Nullable MediaType mediaType) {
        return Answer.class.isAssignableFrom(clazz) && (mediaType == null || this.codecs.forType(mediaType) != null);
    }

    @Override
    public List<MediaType> getSupportedMediaTypes() {
        return this.codecs.mediaTypes();
    }

    @Override
    public Answer read(Class<? extends Answer> clazz, HttpInputMessage inputMessage) {
        throw new IllegalStateException("answers are written, never read: canRead is false");
    }

    @Override
    public void write(Answer answer, @Nullable MediaType contentType, HttpOutputMessage outputMessage)
            throws java.io.IOException {
        MediaType type = contentType == null || contentType.isWildcardType() || contentType.isWildcardSubtype()
                ? this.codecs.mediaTypes().get(0) : contentType;
        Codec codec = this.codecs.forType(type);
        if (codec == null) {
            throw new IllegalStateException("no codec writes " + type);
        }
        outputMessage.getHeaders().setContentType(codec.mediaType());
        codec.write(answer, outputMessage.getBody());
    }
}
