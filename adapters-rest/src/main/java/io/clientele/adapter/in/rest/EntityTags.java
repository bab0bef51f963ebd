package io.clientele.adapter.in.rest;

/** A customer's version as an HTTP entity tag ({@code "3"}) and back. */
final class EntityTags {

    /** No version is negative, so an unreadable tag never matches. */
    private static final long UNMATCHABLE = -1;

    private EntityTags() {
    }

    static String of(long version) {
        return "\"" + version + "\"";
    }

    /** The version an If-Match asks for; null when absent or {@code *} (any current version). */
    static Long expectedVersion(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank() || ifMatch.trim().equals("*")) {
            return null;
        }
        String tag = ifMatch.trim();
        if (tag.startsWith("W/")) {
            tag = tag.substring(2);
        }
        if (tag.length() >= 2 && tag.startsWith("\"") && tag.endsWith("\"")) {
            tag = tag.substring(1, tag.length() - 1);
        }
        try {
            return Long.parseLong(tag);
        } catch (NumberFormatException e) {
            return UNMATCHABLE;
        }
    }
}
