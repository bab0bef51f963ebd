package io.clientele.domain.shared;

/** The caller's expected version (If-Match) is not the current one. */
public class VersionMismatchException extends DomainException {

    private final long currentVersion;

    public VersionMismatchException(long expected, long currentVersion) {
        super(Kind.PRECONDITION_FAILED, "version-mismatch", expected < 0
                // a tag naming no version (weak, or not ours): no version to quote
                ? "the precondition names no version of the customer; it is at version " + currentVersion
                : "expected version " + expected + " but the customer is at version " + currentVersion);
        this.currentVersion = currentVersion;
    }

    private VersionMismatchException(String message, long currentVersion) {
        super(Kind.PRECONDITION_FAILED, "version-mismatch", message);
        this.currentVersion = currentVersion;
    }

    /**
     * A precondition sent through an id that was merged into another: versions are counted per customer, so the one
     * expected can't be told from the survivor's own, and a stale one of the absorbed record must not pass.
     */
    public static VersionMismatchException mergedAway(String absorbedId, String survivorId, long currentVersion) {
        return new VersionMismatchException("customer " + absorbedId + " was merged into " + survivorId
                + ": a version expected of it can't hold; read /v1/customers/" + survivorId
                + " and send its ETag there", currentVersion);
    }

    public long currentVersion() {
        return currentVersion;
    }
}
