package io.clientele.adapter.in.rest.dialect.retailrocket;

import io.clientele.application.port.in.IdentifierInput;
import io.clientele.domain.shared.ValidationException;
import io.clientele.domain.shared.Violation;

import java.util.ArrayList;
import java.util.List;

/**
 * The identifiers of one RetailRocket request, each remembered with where it sits in the vendor's document, so the
 * application's pointers ({@code /identifiers/3/value}) can be turned back into the vendor's
 * ({@code /softLinks/1/value}).
 */
final class VendorIdentifiers {

    /** The pointer prefix handed to the application; only ever seen inside this class. */
    static final String POINTER = "/identifiers";

    private record Entry(String pointer, String nameKey, String valueKey) {
    }

    private final List<IdentifierInput> inputs = new ArrayList<>();
    private final List<Entry> entries = new ArrayList<>();

    /** A scalar field of the vendor's document ({@code /customerId}) holding one identifier value. */
    void scalar(IdentifierInput input, String pointer) {
        inputs.add(input);
        entries.add(new Entry(pointer, null, null));
    }

    /** An object of the vendor's document with a name and a value key ({@code /softLinks/0} with Name/Value). */
    void object(IdentifierInput input, String pointer, String nameKey, String valueKey) {
        inputs.add(input);
        entries.add(new Entry(pointer, nameKey, valueKey));
    }

    List<IdentifierInput> inputs() {
        return inputs;
    }

    /** The same failure with every identifier pointer translated into the vendor's document. */
    ValidationException translate(ValidationException e) {
        List<Violation> translated = new ArrayList<>();
        for (Violation violation : e.violations()) {
            translated.add(new Violation(translate(violation.pointer()), violation.code(), violation.message()));
        }
        return new ValidationException(translated);
    }

    private String translate(String pointer) {
        if (!pointer.startsWith(POINTER)) {
            return pointer;
        }
        String rest = pointer.substring(POINTER.length());
        if (rest.isEmpty()) {
            return entries.isEmpty() ? "" : entries.get(0).pointer();
        }
        int end = rest.indexOf('/', 1);
        String index = end < 0 ? rest.substring(1) : rest.substring(1, end);
        String suffix = end < 0 ? "" : rest.substring(end);
        int i;
        try {
            i = Integer.parseInt(index);
        } catch (NumberFormatException ex) {
            return pointer;
        }
        if (i < 0 || i >= entries.size()) {
            return pointer;
        }
        Entry entry = entries.get(i);
        if (entry.nameKey() == null) {
            return entry.pointer();
        }
        return switch (suffix) {
            case "/name" -> entry.pointer() + "/" + entry.nameKey();
            case "/value" -> entry.pointer() + "/" + entry.valueKey();
            default -> entry.pointer();
        };
    }
}
