package io.clientele.adapter.in.rest.error;

/** The request can't be read at all (not JSON, wrong JSON shape): 400. */
public class MalformedRequestException extends RuntimeException {

    private final String pointer;

    public MalformedRequestException(String pointer, String message) {
        super(message, null, false, false);
        this.pointer = pointer;
    }

    public String pointer() {
        return pointer;
    }
}
