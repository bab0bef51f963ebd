package io.clientele.application.port.out;

/** New opaque, non-sequential ids (customers, keys). */
public interface IdGenerator {

    String newId();
}
