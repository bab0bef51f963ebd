package io.clientele.adapter.in.rest.error;

import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.sql.BatchUpdateException;
import java.sql.SQLIntegrityConstraintViolationException;

import static org.assertj.core.api.Assertions.assertThat;

class UnhandledExceptionHandlerTest {

    private static String logged(Throwable failure) {
        StringWriter trace = new StringWriter();
        UnhandledExceptionHandler.withoutDatabaseMessages(failure).printStackTrace(new PrintWriter(trace));
        return trace.toString();
    }

    @Test
    void theDatabasesMessagesWhichQuoteValuesAreLeftOutOfTheLog() {
        SQLIntegrityConstraintViolationException duplicate = new SQLIntegrityConstraintViolationException(
                "Duplicate entry 'acme-email-anna@example.com' for key 'PRIMARY'", "23000", 1062);
        RuntimeException failure = new IllegalStateException("could not save customer",
                new BatchUpdateException("Duplicate entry 'acme-email-anna@example.com'", "23000", 1062, new int[0],
                        duplicate));

        String trace = logged(failure);

        assertThat(trace).doesNotContain("anna@example.com")
                .contains("java.lang.IllegalStateException: could not save customer")
                .contains("java.sql.BatchUpdateException: database error 1062 (SQL state 23000)")
                .contains("java.sql.SQLIntegrityConstraintViolationException: database error 1062 (SQL state 23000)")
                .contains("UnhandledExceptionHandlerTest.theDatabasesMessagesWhichQuoteValuesAreLeftOutOfTheLog");
    }

    @Test
    void aWrapperRepeatingTheDatabasesMessageLosesThatPart() {
        // Micronaut Data's JdbcOperations wraps as DataAccessException("Error preparing SQL statement: " + message)
        SQLIntegrityConstraintViolationException duplicate = new SQLIntegrityConstraintViolationException(
                "Duplicate entry 'acme-email-anna@example.com' for key 'PRIMARY'", "23000", 1062);
        RuntimeException failure = new io.micronaut.data.exceptions.DataAccessException(
                "Error preparing SQL statement: " + duplicate.getMessage(), duplicate);

        String trace = logged(new IllegalStateException("could not save customer", failure));

        assertThat(trace).doesNotContain("anna@example.com")
                .contains("DataAccessException: Error preparing SQL statement: [database message left out]");
    }

    @Test
    void otherFailuresAreLoggedAsTheyAre() {
        assertThat(logged(new IllegalArgumentException("bug in a rule"))).startsWith(
                "java.lang.IllegalArgumentException: bug in a rule");
    }

    @Test
    void whereARequestWentIsLoggedWithoutTheValuesInItsPath() {
        io.micronaut.http.HttpRequest<?> matched = io.micronaut.http.HttpRequest.DELETE(
                "/v1/customers/c-1/identifiers/email/anna@example.com");
        io.micronaut.http.BasicHttpAttributes.setUriTemplate(matched, "/v1/customers/{id}/identifiers/{type}/{value}");
        io.micronaut.http.HttpRequest<?> unmatched = io.micronaut.http.HttpRequest.DELETE(
                "/v1/customers/c-1/identifiers/email/anna@example.com");

        assertThat(UnhandledExceptionHandler.route(matched)).isEqualTo("/v1/customers/{id}/identifiers/{type}/{value}");
        assertThat(UnhandledExceptionHandler.route(unmatched)).isEqualTo("/v1/customers/…")
                .doesNotContain("anna");
    }
}
