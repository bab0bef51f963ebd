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
        java.util.regex.Matcher tags = TAG.matcher(ifMatch);
        int at = 0;
        while (at < ifMatch.length()) {
            // a list element: empty ones are allowed (RFC 9110 5.6.1), a comma may stand inside a tag
            // anchored at this element and possessive: a backtracking find() took minutes on a long header
            if (!tags.region(at, ifMatch.length()).lookingAt()) {
                throw new MalformedRequestException("/If-Match", "If-Match must be * or entity tags such as \"3\""
                        + " (the ETag of the customer as last read)");
            }
            at = tags.end();
            String opaque = tags.group(2);
            if (tags.group(1) == null && opaque != null && opaque.matches("[1-9][0-9]{0,17}")) {
                // compared strongly and byte for byte: W/"3", "03" and "+3" are not "3"
                versions.add(Long.parseLong(opaque));
            }
        }
        if (versions.size() > 1) {
            throw new MalformedRequestException("/If-Match", "If-Match names several versions; send the one ETag"
                    + " of the customer as last read");
        }
        return versions.isEmpty() ? UNMATCHABLE : versions.first();
    }

    /** One list element: optional whitespace, an entity tag or nothing, optional whitespace, then a comma or the end. */
    private static final java.util.regex.Pattern TAG = java.util.regex.Pattern.compile(
            "[ \\t]*+(?:(W/)?\"([\\x21\\x23-\\x7E\\x80-\\xFF]*+)\")?+[ \\t]*+(?:,|$)");
}
