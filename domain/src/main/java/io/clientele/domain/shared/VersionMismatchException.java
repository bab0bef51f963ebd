package io.clientele.domain.shared;

/** The caller's expected version (If-Match) is not the current one. */
public class VersionMismatchException extends DomainException {

    private final long currentVersion;

    public VersionMismatchException(long expected, long currentVersion) {
        super(Kind.PRECONDITION_FAILED, "version-mismatch",
                "expected version " + expected + " but the customer is at version " + currentVersion);
        this.currentVersion = currentVersion;
    }

    public long currentVersion() {
        return currentVersion;
    }
}
