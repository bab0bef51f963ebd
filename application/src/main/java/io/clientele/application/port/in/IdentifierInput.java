package io.clientele.application.port.in;

/**
 * An identifier as a caller sent it, before normalisation (which needs the tenant's phone region).
 *
 * @param type    {@code email}, {@code phone}, {@code externalId}, {@code softLink}, ...
 * @param name    the soft link's name; null for other types
 * @param value   the value as sent
 * @param source  where it was seen (null: the path's default source)
 */
public record IdentifierInput(String type, String name, String value, String source, String accountId,
                              Boolean primary, Boolean verified, Boolean subscribed) {

    public static IdentifierInput of(String type, String value) {
        return new IdentifierInput(type, null, value, null, null, null, null, null);
    }

    public static IdentifierInput softLink(String name, String value) {
        return new IdentifierInput("softLink", name, value, null, null, null, null, null);
    }
}
