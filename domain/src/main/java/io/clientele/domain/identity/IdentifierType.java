package io.clientele.domain.identity;

import io.clientele.domain.shared.InvalidValueException;

import java.util.Arrays;
import java.util.stream.Collectors;

/** The kinds of value that identify a person. */
public enum IdentifierType {
    EMAIL("email"),
    PHONE("phone"),
    EXTERNAL_ID("externalId"),
    CARD("card"),
    DEVICE_ID("deviceId"),
    FB_ID("fbId"),
    VK_ID("vkId"),
    TELEGRAM_ID("telegramId"),
    WECHAT("wechat"),
    LINE("line"),
    TMALL_UNAME("tmall_uname"),
    /** A named link such as RetailRocket's "loyalty card"; the name is part of the key. */
    SOFT_LINK("softLink");

    private final String label;

    IdentifierType(String label) {
        this.label = label;
    }

    /** The name used in documents and URLs ({@code externalId}). */
    public String label() {
        return label;
    }

    public static IdentifierType parse(String raw) {
        if (raw != null) {
            for (IdentifierType type : values()) {
                if (type.label.equalsIgnoreCase(raw.trim())) {
                    return type;
                }
            }
        }
        throw new InvalidValueException("unknown-identifier-type", "identifier type must be one of "
                + Arrays.stream(values()).map(IdentifierType::label).collect(Collectors.joining(", ")));
    }
}
