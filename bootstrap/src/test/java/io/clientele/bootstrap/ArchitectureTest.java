package io.clientele.bootstrap;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.simpleNameEndingWith;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The hexagonal architecture rules from ARCHITECTURE.md ("Rules ArchUnit checks"). All modules are imported
 * (production classes only, without Micronaut-generated classes). Dependency rules are allow-lists and every rule
 * refuses to pass on an empty selection, so none of them can pass vacuously.
 */
@AnalyzeClasses(
        packages = "io.clientele",
        importOptions = {ImportOption.DoNotIncludeTests.class, DoNotIncludeTestJars.class,
                DoNotIncludeMicronautGenerated.class})
class ArchitectureTest {

    // 1. The domain is plain Java (plus libphonenumber).
    @ArchTest
    static final ArchRule domain_depends_only_on_domain_and_java = classes()
            .that().resideInAPackage("io.clientele.domain..")
            .should().onlyDependOnClassesThat().resideInAnyPackage(
                    "io.clientele.domain..",
                    "java..",
                    "com.google.i18n.phonenumbers..")
            .allowEmptyShould(false);

    // 2. The application core knows the domain, plain Java, jakarta.inject and SLF4J - no framework.
    @ArchTest
    static final ArchRule application_depends_only_on_core_and_java = classes()
            .that().resideInAPackage("io.clientele.application..")
            .should().onlyDependOnClassesThat().resideInAnyPackage(
                    "io.clientele.domain..",
                    "io.clientele.application..",
                    "java..",
                    "jakarta.inject..",
                    "org.slf4j..")
            .allowEmptyShould(false);

    // 3a. Driving adapters go through the in-ports only.
    @ArchTest
    static final ArchRule driving_adapters_use_only_in_ports = noClasses()
            .that().resideInAPackage("io.clientele.adapter.in..")
            .should().dependOnClassesThat().resideInAnyPackage(
                    "io.clientele.application.port.out..",
                    "io.clientele.application.service..",
                    "io.clientele.adapter.out..")
            .allowEmptyShould(false);

    // 3b. Driven adapters implement the out-ports only.
    @ArchTest
    static final ArchRule driven_adapters_use_only_out_ports = noClasses()
            .that().resideInAPackage("io.clientele.adapter.out..")
            .should().dependOnClassesThat().resideInAnyPackage(
                    "io.clientele.application.port.in..",
                    "io.clientele.application.service..",
                    "io.clientele.adapter.in..")
            .allowEmptyShould(false);

    // 4. Vendor dialects (io.clientele.adapter.in.rest.dialect.<vendor>) are independent of each other.
    @ArchTest
    static final ArchRule dialects_do_not_depend_on_each_other = slices()
            .matching("io.clientele.adapter.in.rest.dialect.(*)..")
            .should().notDependOnEachOther()
            .allowEmptyShould(false);

    // 5a. Use cases are interfaces in port.in ...
    @ArchTest
    static final ArchRule use_cases_are_interfaces_in_port_in = classes()
            .that().haveSimpleNameEndingWith("UseCase")
            .should().beInterfaces()
            .andShould().resideInAPackage("io.clientele.application.port.in..")
            .allowEmptyShould(false);

    // 5b. ... and every interface in port.in is a use case.
    @ArchTest
    static final ArchRule in_port_interfaces_are_use_cases = classes()
            .that().resideInAPackage("io.clientele.application.port.in..")
            .and().areInterfaces()
            // a use case may declare its own result types (IdempotencyUseCase.Claim); top-level ones are use cases
            .and().areTopLevelClasses()
            .should().haveSimpleNameEndingWith("UseCase")
            .allowEmptyShould(false);

    // 5c. Commands and queries are immutable records.
    // (The fluent that().x().and().y().or()... chain is evaluated strictly left to right, without and-before-or
    // precedence, so the name alternative is grouped explicitly in one predicate.)
    @ArchTest
    static final ArchRule commands_and_queries_are_records = classes()
            .that(simpleNameEndingWith("Command").or(simpleNameEndingWith("Query")))
            .and().resideInAPackage("io.clientele.application.port.in..")
            .should().beRecords()
            .allowEmptyShould(false);

    // 5d. HTTP controllers live in the REST adapter.
    @ArchTest
    static final ArchRule controllers_reside_in_rest_adapter = classes()
            .that().areAnnotatedWith("io.micronaut.http.annotation.Controller")
            .should().resideInAPackage("io.clientele.adapter.in.rest..")
            .allowEmptyShould(false);

    // 5e. Micronaut Data entities and repositories live in the persistence adapter.
    @ArchTest
    static final ArchRule persistence_types_reside_in_persistence_adapter = classes()
            .that().areAnnotatedWith("io.micronaut.data.annotation.MappedEntity")
            .or().areAnnotatedWith("io.micronaut.data.jdbc.annotation.JdbcRepository")
            .should().resideInAPackage("io.clientele.adapter.out.persistence..")
            .allowEmptyShould(false);

    // 6a. No cycles between the top-level packages (domain, application, adapter, bootstrap).
    @ArchTest
    static final ArchRule top_level_packages_are_free_of_cycles = slices()
            .matching("io.clientele.(*)..")
            .should().beFreeOfCycles()
            .allowEmptyShould(false);

    // 6b. No cycles between domain capabilities (customer, identity, shared, tenant, ...).
    @ArchTest
    static final ArchRule domain_capabilities_are_free_of_cycles = slices()
            .matching("io.clientele.domain.(*)..")
            .should().beFreeOfCycles()
            .allowEmptyShould(false);

    // 7. Controllers do JDBC work through the use cases, so they must run off the event loop.
    @ArchTest
    static final ArchRule controllers_execute_off_the_event_loop = classes()
            .that().areAnnotatedWith("io.micronaut.http.annotation.Controller")
            .should().beAnnotatedWith("io.micronaut.scheduling.annotation.ExecuteOn")
            .allowEmptyShould(false);
}
