package com.rnnservice.api;

import java.io.IOException;
import java.io.PushbackInputStream;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.stereotype.Component;

import jakarta.servlet.http.HttpServletRequest;
import tools.jackson.core.JacksonException;

/**
 * The codecs, one per media type, and the reading of a request's body through the one its Content-Type names: the
 * seam every endpoint reads through. A body that is missing, or not of its endpoint's form, is an
 * {@link HttpMessageNotReadableException} whose cause says why, which {@link ProblemHandler} answers.
 */
@Component
class Codecs {

    private final List<Codec> codecs;

    Codecs(List<Codec> codecs) {
        this.codecs = List.copyOf(codecs);
    }

    /** The codec for this media type, or {@code null} if there is none. */
    @Nullable Codec forType(@Nullable MediaType type) {
        if (type == null) {
            return null;
        }
        return this.codecs.stream().filter(codec -> codec.mediaType().isCompatibleWith(type)).findFirst().orElse(null);
    }

    /** Every media type a codec reads and writes. */
    List<MediaType> mediaTypes() {
        return this.codecs.stream().map(Codec::mediaType).toList();
    }

    /** The request's body, read against {@code message} by the codec of its Content-Type. */
    Body read(HttpServletRequest request, Message message) throws IOException {
        ServletServerHttpRequest input = new ServletServerHttpRequest(request);
        Codec codec = forType(input.getHeaders().getContentType());
        if (codec == null) {
            throw new IllegalStateException("no codec reads " + input.getHeaders().getContentType()
                    + ": the endpoint's mapping consumes only the codecs' types");
        }
        ServerTiming.readStarts(request);
        try {
            PushbackInputStream in = new PushbackInputStream(request.getInputStream());
            int first = in.read();
            if (first < 0) {
                throw new HttpMessageNotReadableException("Required request body is missing", input);
            }
            in.unread(first);
            return codec.read(in, message);
        }
        catch (JacksonException | IOException ex) {
            throw new HttpMessageNotReadableException("The body could not be read: " + ex.getMessage(), ex, input);
        }
        finally {
            ServerTiming.readEnds(request);
        }
    }
}
