package io.clientele.adapter.in.rest.error;

import io.micronaut.data.connection.exceptions.ConnectionException;
import io.micronaut.data.connection.exceptions.NoConnectionException;
import io.micronaut.data.connection.jdbc.exceptions.CannotGetJdbcConnectionException;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.transaction.exceptions.CannotCreateTransactionException;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import java.util.concurrent.CompletionException;

import static org.assertj.core.api.Assertions.assertThat;

class DatabaseUnavailableTest {

    @Test
    void connectionFailuresAnywhereInTheCauseChainMeanUnavailable() {
        // Hikari's pool timeout, as the persistence adapter wraps it
        assertThat(DatabaseUnavailable.isCause(new IllegalStateException("could not load customer",
                new SQLTransientConnectionException("HikariPool-1 - Connection is not available, request timed out "
                        + "after 5000ms")))).isTrue();
        // the same, arriving through the authentication fetcher's future
        assertThat(DatabaseUnavailable.isCause(new CompletionException(new IllegalStateException(
                new SQLNonTransientConnectionException("Could not create connection to database server"))))).isTrue();
        assertThat(DatabaseUnavailable.isCause(new RuntimeException(
                new SQLRecoverableException("Communications link failure")))).isTrue();
        assertThat(DatabaseUnavailable.isCause(new RuntimeException(
                new SQLException("Connection refused", "08S01")))).isTrue();
    }

    @Test
    void micronautConnectionExceptionsAreRecognisedByName() {
        // the real classes: this module's tests have Micronaut Data on the class path, its main code does not
        assertThat(DatabaseUnavailable.isCause(new CannotCreateTransactionException("no connection"))).isTrue();
        assertThat(DatabaseUnavailable.isCause(new RuntimeException(new ConnectionException("failed")))).isTrue();
        assertThat(DatabaseUnavailable.isCause(new CannotGetJdbcConnectionException("failed"))).isTrue();
        // "no connection bound to this scope" is a programming error, not an outage
        assertThat(DatabaseUnavailable.isCause(NoConnectionException.notFoundInAdvice())).isFalse();
    }

    @Test
    void otherFailuresAreNotBlamedOnTheDatabaseConnection() {
        assertThat(DatabaseUnavailable.isCause(new IllegalStateException("bug"))).isFalse();
        assertThat(DatabaseUnavailable.isCause(new IllegalStateException("could not save customer",
                new SQLIntegrityConstraintViolationException("Duplicate entry", "23000", 1062)))).isFalse();
        assertThat(DatabaseUnavailable.isCause(new RuntimeException(new SQLException("syntax", "42000"))))
                .isFalse();
        assertThat(DatabaseUnavailable.isCause(new UncheckedIOException(new IOException("disk")))).isFalse();
        assertThat(DatabaseUnavailable.isCause(null)).isFalse();
    }

    @Test
    void aCyclicCauseChainEnds() {
        RuntimeException first = new RuntimeException("first");
        RuntimeException second = new RuntimeException("second", first);
        first.initCause(second);
        assertThat(DatabaseUnavailable.isCause(first)).isFalse();
    }

    @Test
    void theHandlerAnswers503WithRetryAfterOr500WithoutDetail() {
        UnhandledExceptionHandler handler = new UnhandledExceptionHandler(7);
        HttpResponse<Problem> unavailable = handler.handle(HttpRequest.GET("/v1/customers/x"),
                new IllegalStateException(new SQLTransientConnectionException("Connection is not available")));
        assertThat(unavailable.getStatus().getCode()).isEqualTo(503);
        assertThat(unavailable.getHeaders().get("Retry-After")).isEqualTo("7");
        assertThat(unavailable.body().code()).isEqualTo("database-unavailable");
        assertThat(unavailable.body().detail()).doesNotContain("Connection is not available");

        HttpResponse<Problem> bug = handler.handle(HttpRequest.GET("/v1/customers/x"),
                new IllegalStateException("secret internals"));
        assertThat(bug.getStatus().getCode()).isEqualTo(500);
        assertThat(bug.getHeaders().contains("Retry-After")).isFalse();
        assertThat(bug.body().detail()).doesNotContain("secret internals");
    }
}
