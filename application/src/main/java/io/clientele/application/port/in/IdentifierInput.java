package io.clientele.application.port.in;

/**
 * An identifier as a caller sent it, before normalisation (which needs the tenant's phone region).
 *
 * @param type    {@code email}, {@code phone}, {@code externalId}, {@code softLink}, ...
 * @param name    the soft link's name; null for other types
 * @param value   the value as sent
 * @param source  where it was seen (null: the path's default source)
 * @param region  the country a phone's national digits are read in (ISO 3166-1 alpha-2, upper case; null: the
 *                tenant's default region)
 */
public record IdentifierInput(String type, String name, String value, String source, String accountId,
                              Boolean primary, Boolean verified, Boolean subscribed, String region) {

    /** Without a region of its own: a phone's national digits are read in the tenant's default region. */
    public IdentifierInput(String type, String name, String value, String source, String accountId, Boolean primary,
                           Boolean verified, Boolean subscribed) {
        this(type, name, value, source, accountId, primary, verified, subscribed, null);
    }

    public static IdentifierInput of(String type, String value) {
        return new IdentifierInput(type, null, value, null, null, null, null, null);
    }

    public static IdentifierInput softLink(String name, String value) {
        return new IdentifierInput("softLink", name, value, null, null, null, null, null);
    }
}
