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
    // Capillary's other platform ids; until the ninth session stored as soft links named so, which refused an email
    // as the value (a JD or Alibaba user name may be one)
    MARTJACK_ID("martjackId"),
    CUID("cuid"),
    ALI_UNAME("ali_uname"),
    JD_UNAME("jd_uname"),
    VIP_UNAME("vip_uname"),
    MOBILE_PUSH("mobilePush"),
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

    /**
     * The platform type that a soft link of this exact name now is ({@code softLink} {@code ali_uname} →
     * {@code ali_uname}), or null. Such identifiers were soft links once: stored before, asked for by an older client
     * or written by one, they are read as the type.
     */
    public static IdentifierType formerSoftLink(String softLinkName) {
        if (softLinkName == null) {
            return null;
        }
        for (IdentifierType type : FORMER_SOFT_LINKS) {
            if (type.label.equals(softLinkName)) {
                return type;
            }
        }
        return null;
    }

    /** Capillary's platform ids that were soft links named after them until they had types of their own. */
    public static final java.util.List<IdentifierType> FORMER_SOFT_LINKS = java.util.List.of(MARTJACK_ID, CUID,
            ALI_UNAME, JD_UNAME, VIP_UNAME, MOBILE_PUSH);

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
