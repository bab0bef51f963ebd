package io.clientele.bootstrap;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;

import java.util.regex.Pattern;

/**
 * Excludes the classes Micronaut's annotation processors generate ({@code $X$Definition}, {@code $X$Introspection},
 * {@code $X$Exec}, {@code X$Intercepted}, ...). They reference {@code io.micronaut} and would otherwise break the
 * "no framework dependency" rules for code that is framework-free as written. See BUILD-NOTES.md,
 * "ArchUnit and Micronaut-generated classes".
 */
public final class DoNotIncludeMicronautGenerated implements ImportOption {

    private static final Pattern GENERATED = Pattern.compile(".*/(\\$[^/]+|[^/]+\\$Intercepted)\\.class$");

    @Override
    public boolean includes(Location location) {
        return !location.matches(GENERATED);
    }
}
