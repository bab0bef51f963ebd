package io.clientele.bootstrap;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;

import java.util.regex.Pattern;

/**
 * Excludes test classes that reach this module as a test-jar ({@code clientele-adapters-persistence-*-tests.jar},
 * the shared test database support). {@link ImportOption.DoNotIncludeTests} only knows test-classes directories,
 * which is what a reactor build sees; a build against installed artifacts sees the jar.
 */
public final class DoNotIncludeTestJars implements ImportOption {

    private static final Pattern TEST_JAR = Pattern.compile(".*-tests\\.jar!/.*");

    @Override
    public boolean includes(Location location) {
        return !location.matches(TEST_JAR);
    }
}
