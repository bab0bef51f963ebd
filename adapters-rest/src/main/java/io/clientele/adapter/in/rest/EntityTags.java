package io.clientele.adapter.in.rest;

import io.clientele.adapter.in.rest.error.MalformedRequestException;

import java.util.TreeSet;

/** A customer's version as an HTTP entity tag ({@code "3"}) and back. */
final class EntityTags {

    /** No version is negative, so a tag that names no version never matches. */
    static final long UNMATCHABLE = -1;

    private EntityTags() {
    }

    static String of(long version) {
        return "\"" + version + "\"";
    }

    /**
     * The version an If-Match asks for; null when absent or {@code *} (any current version). If-Match compares
     * strongly (RFC 9110 13.1.1): a weak tag ({@code W/"3"}) or a tag that is no version of ours never matches. A list
     * matches through the version it names ({@code "3", "x"} is {@code "3"}).
     *
     * @throws MalformedRequestException when the header is no list of entity tags, or names several versions (the
     *                                   one expected is the ETag last read)
     */
    static Long expectedVersion(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank() || ifMatch.trim().equals("*")) {
            return null;
        }
        TreeSet<Long> versions = new TreeSet<>();
        for (String part : ifMatch.split(",")) {
            String tag = part.trim();
            boolean weak = tag.startsWith("W/");
            String opaque = weak ? tag.substring(2) : tag;
            if (opaque.length() < 2 || !opaque.startsWith("\"") || !opaque.endsWith("\"")) {
                throw new MalformedRequestException("/If-Match", "If-Match must be * or entity tags such as \"3\""
                        + " (the ETag of the customer as last read)");
            }
            if (weak) {
                continue;
            }
            try {
                versions.add(Long.parseLong(opaque.substring(1, opaque.length() - 1)));
            } catch (NumberFormatException e) {
                // an entity tag, but none of ours: matches nothing
            }
        }
        if (versions.size() > 1) {
            throw new MalformedRequestException("/If-Match", "If-Match names several versions; send the one ETag"
                    + " of the customer as last read");
        }
        return versions.isEmpty() ? UNMATCHABLE : versions.first();
    }
}
