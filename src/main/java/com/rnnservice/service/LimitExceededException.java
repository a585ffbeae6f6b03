package com.rnnservice.service;

/**
 * A request whose size or work is over a configured limit: answered with 413, naming the limit and
 * the property that sets it.
 */
public class LimitExceededException extends RuntimeException {

    private final String limit;

    private final String property;

    /**
     * @param limit what is limited, in a client's words ("gradient-check entries")
     * @param property the configuration property that sets the limit ({@code rnn.limits....})
     * @param detail the sentence for the client, with the request's value and the limit
     */
    public LimitExceededException(String limit, String property, String detail) {
        super(detail);
        this.limit = limit;
        this.property = property;
    }

    public String limit() {
        return this.limit;
    }

    public String property() {
        return this.property;
    }
}
