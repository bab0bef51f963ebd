package io.clientele.domain.shared;

import java.util.List;

/** A request broke one or more rules; each {@link Violation} names the offending field. */
public class ValidationException extends DomainException {

    private final List<Violation> violations;

    public ValidationException(List<Violation> violations) {
        super(Kind.INVALID, "validation-failed", summary(violations));
        if (violations.isEmpty()) {
            throw new IllegalArgumentException("a validation failure needs at least one violation");
        }
        this.violations = List.copyOf(violations);
    }

    public static ValidationException of(String pointer, String code, String message) {
        return new ValidationException(List.of(new Violation(pointer, code, message)));
    }

    public List<Violation> violations() {
        return violations;
    }

    private static String summary(List<Violation> violations) {
        if (violations.size() == 1) {
            Violation v = violations.get(0);
            return (v.pointer().isEmpty() ? "" : v.pointer() + ": ") + v.message();
        }
        return violations.size() + " fields are invalid";
    }
}
