package io.clientele.application.fake;

import io.clientele.application.port.out.IdGenerator;

/** Predictable ids: {@code <prefix>-0001}, {@code <prefix>-0002}, ... (zero-padded, so they sort in issue order). */
public class SequentialIds implements IdGenerator {

    private final String prefix;
    private int next = 1;

    public SequentialIds() {
        this("id");
    }

    public SequentialIds(String prefix) {
        this.prefix = prefix;
    }

    @Override
    public synchronized String newId() {
        return String.format("%s-%04d", prefix, next++);
    }

    /** The id the next call returns. */
    public synchronized String peek() {
        return String.format("%s-%04d", prefix, next);
    }
}
