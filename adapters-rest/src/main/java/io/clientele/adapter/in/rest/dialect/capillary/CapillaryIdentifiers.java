package io.clientele.adapter.in.rest.dialect.capillary;

import io.clientele.domain.identity.Identifier;
import io.clientele.domain.identity.IdentifierType;
import io.clientele.domain.identity.PhoneNumber;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Capillary's identifier names and sources, and how they map to the registry's identifier types.
 *
 * <p>Every name maps to an identifier type ({@code mobile} → {@code phone}, {@code card}/{@code cardnumber} →
 * {@code card}, {@code ali_uname} → {@code ali_uname}, ...). The platform ids {@code martjackId}, {@code cuid},
 * {@code ali_uname}, {@code jd_uname}, {@code vip_uname} and {@code mobilePush} were soft links named so until the
 * ninth session, which refused an email address as the value.
 */
final class CapillaryIdentifiers {

    /** The sources Capillary's page lists; {@code ALL} is accepted by lookups only. */
    static final Set<String> SOURCES = Set.of("FACEBOOK", "WEB_ENGAGE", "WECHAT", "INSTORE", "MARTJACK", "TMALL",
            "TAOBAO", "JD", "ECOMMERCE", "WEBSITE", "LINE", "MOBILE_APP");
    static final String ALL_SOURCES = "ALL";
    /** The sources with several accounts, the only ones an {@code accountId} is for (the page names these). */
    static final Set<String> MULTI_ACCOUNT_SOURCES = Set.of("FACEBOOK", "WEB_ENGAGE", "WECHAT", "MOBILE_APP", "LINE");

    private static final Map<String, IdentifierType> NATIVE = new LinkedHashMap<>();

    static {
        NATIVE.put("mobile", IdentifierType.PHONE);
        NATIVE.put("email", IdentifierType.EMAIL);
        NATIVE.put("externalid", IdentifierType.EXTERNAL_ID);
        NATIVE.put("wechat", IdentifierType.WECHAT);
        NATIVE.put("fbid", IdentifierType.FB_ID);
        NATIVE.put("line", IdentifierType.LINE);
        NATIVE.put("tmall_uname", IdentifierType.TMALL_UNAME);
        NATIVE.put("card", IdentifierType.CARD);
        NATIVE.put("cardnumber", IdentifierType.CARD);
        for (IdentifierType platform : IdentifierType.FORMER_SOFT_LINKS) {
            NATIVE.put(platform.label().toLowerCase(Locale.ROOT), platform);
        }
    }

    private CapillaryIdentifiers() {
    }

    /** A Capillary identifier name resolved: the native type, and the soft link name for the soft-linked ones. */
    record Kind(IdentifierType type, String softLinkName) {

        boolean isCard() {
            return type == IdentifierType.CARD;
        }
    }

    /** @return null when the name is not one of Capillary's identifier names */
    static Kind kind(String capillaryName) {
        if (capillaryName == null) {
            return null;
        }
        String trimmed = capillaryName.trim();
        IdentifierType type = NATIVE.get(trimmed.toLowerCase(Locale.ROOT));
        return type == null ? null : new Kind(type, null);
    }

    /**
     * A value as the registry should read it: Capillary wants mobile numbers "with the country code", so digits sent
     * without the {@code +} are read as international first ({@link PhoneNumber#withCountryCodeFirst}).
     */
    static String asSent(Kind kind, String raw, String region) {
        return kind.type() == IdentifierType.PHONE ? PhoneNumber.withCountryCodeFirst(raw, region) : raw;
    }

    /** The name Capillary uses for an identifier the registry holds ({@code phone} → {@code mobile}). */
    static String capillaryName(Identifier identifier) {
        return switch (identifier.type()) {
            case PHONE -> "mobile";
            case CARD -> "cardnumber";
            case SOFT_LINK -> identifier.name();
            default -> identifier.type().label();
        };
    }

    /** The upper-cased source, or null when it is not one of Capillary's. */
    static String source(String raw, boolean allowAll) {
        if (raw == null) {
            return null;
        }
        String upper = raw.trim().toUpperCase(Locale.ROOT);
        return SOURCES.contains(upper) || (allowAll && upper.equals(ALL_SOURCES)) ? upper : null;
    }
}
