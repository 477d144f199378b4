package dev.envforge.activities.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.failure.ApplicationFailure;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

class PostgresFailuresTest {

  private static final String SECRET = "Zx9-secret-password";

  @Test
  void givenInsufficientPrivilege_whenTranslated_itShouldBeANonRetryableForbidden() {
    RuntimeException failure =
        PostgresFailures.translate(
            "creating role \"r\"", serverError("42501", "permission denied to create role"), false);

    assertThat(failure).isInstanceOf(ApplicationFailure.class);
    ApplicationFailure application = (ApplicationFailure) failure;
    assertThat(application.getType()).isEqualTo("FORBIDDEN");
    assertThat(application.isNonRetryable()).isTrue();
    assertThat(application.getOriginalMessage())
        .contains("creating role \"r\"", "42501", "permission denied to create role");
    assertThat(application.getCause()).isNull();
  }

  @Test
  void givenRejectedAdminCredentials_whenTranslated_itShouldBeForbidden() {
    RuntimeException failure =
        PostgresFailures.translate(
            "connecting", serverError("28P01", "password authentication failed"), false);

    assertThat(failure).isInstanceOf(ApplicationFailure.class);
    assertThat(((ApplicationFailure) failure).getType()).isEqualTo("FORBIDDEN");
  }

  @Test
  void givenAConnectionFailure_whenTranslated_itShouldBeTransientAndNameTheState() {
    RuntimeException failure =
        PostgresFailures.translate(
            "connecting", new SQLException("Connection refused", "08001"), false);

    assertThat(failure).isInstanceOf(PostgresOperationException.class);
    assertThat(((PostgresOperationException) failure).sqlState()).isEqualTo("08001");
    assertThat(failure.getMessage()).contains("08001", "Connection refused");
    assertThat(failure.getCause()).isNull();
  }

  @Test
  void givenAFailedStatementThatCarriedASecret_whenTranslated_itShouldNotRepeatTheServersText() {
    SQLException echoing = serverError("42601", "syntax error at or near \"" + SECRET + "\"");

    RuntimeException failure = PostgresFailures.translate("setting a password", echoing, true);

    assertThat(failure.getMessage()).contains("setting a password", "42601");
    assertThat(failure.getMessage()).doesNotContain(SECRET);
    assertThat(failure.toString()).doesNotContain(SECRET);
    assertThat(failure.getCause()).isNull();
  }

  @Test
  void givenAServerErrorWithPositionAndContext_whenTranslated_itShouldKeepOnlyThePrimaryMessage() {
    SQLException error =
        new PSQLException(
            new ServerErrorMessage(
                "SERROR\0C42P04\0Mdatabase \"d\" already exists\0P17\0Wsome context\0"));

    RuntimeException failure = PostgresFailures.translate("creating database", error, false);

    assertThat(failure.getMessage())
        .isEqualTo("creating database failed (SQLSTATE 42P04): database \"d\" already exists");
  }

  private static SQLException serverError(String state, String message) {
    return new PSQLException(new ServerErrorMessage("SERROR\0C" + state + "\0M" + message + "\0"));
  }
}
