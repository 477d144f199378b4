package dev.envforge.activities.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.temporal.failure.ApplicationFailure;
import org.junit.jupiter.api.Test;

class KubernetesFailuresTest {

  @Test
  void givenA403_whenACallFails_itShouldBecomeANonRetryableForbiddenFailure() {
    KubernetesClientException refused = exception(403, "namespaces is forbidden", null);

    assertThatThrownBy(
            () ->
                KubernetesFailures.run(
                    "create namespace team-a",
                    () -> {
                      throw refused;
                    }))
        .isInstanceOfSatisfying(
            ApplicationFailure.class,
            failure -> {
              assertThat(failure.getType()).isEqualTo("FORBIDDEN");
              assertThat(failure.isNonRetryable()).isTrue();
              assertThat(failure.getOriginalMessage())
                  .contains("create namespace team-a")
                  .contains("namespaces is forbidden");
            });
  }

  @Test
  void givenA401_whenACallFails_itShouldBecomeANonRetryableForbiddenFailure() {
    KubernetesClientException unauthorized = exception(401, "Unauthorized", null);

    assertThat(KubernetesFailures.translate("read namespace team-a", unauthorized))
        .isInstanceOfSatisfying(
            ApplicationFailure.class,
            failure -> {
              assertThat(failure.getType()).isEqualTo("FORBIDDEN");
              assertThat(failure.isNonRetryable()).isTrue();
            });
  }

  @Test
  void givenASecretCallRefused_whenTranslatedWithoutDetails_itShouldKeepNeitherMessageNorCause() {
    KubernetesClientException refused =
        exception(403, "secrets \"db\" is forbidden: value hunter2", null);

    RuntimeException failure =
        KubernetesFailures.translateWithoutDetails(
            "apply Secret team-a/db", refused, IllegalStateException::new);

    assertThat(failure)
        .isInstanceOfSatisfying(
            ApplicationFailure.class,
            application -> {
              assertThat(application.getType()).isEqualTo("FORBIDDEN");
              assertThat(application.isNonRetryable()).isTrue();
            })
        .hasMessageContaining("apply Secret team-a/db")
        .hasMessageContaining("HTTP 403")
        .hasNoCause();
    assertThat(failure.toString()).doesNotContain("hunter2");
  }

  @Test
  void
      givenASecretCallThatMayPassLater_whenTranslatedWithoutDetails_itShouldBeTheGivenTransientOne() {
    KubernetesClientException missing = exception(404, "namespaces \"x\" not found", null);

    RuntimeException failure =
        KubernetesFailures.translateWithoutDetails(
            "apply Secret x/db", missing, IllegalStateException::new);

    assertThat(failure)
        .isExactlyInstanceOf(IllegalStateException.class)
        .hasMessage("could not apply Secret x/db: HTTP 404 (no reason given)")
        .hasNoCause();
  }

  @Test
  void givenA403ForATerminatingNamespace_whenACallFails_itShouldStayTransient() {
    KubernetesClientException terminating =
        exception(403, "namespace is being terminated", "NamespaceTerminating");

    assertThat(KubernetesFailures.translate("apply quota", terminating)).isSameAs(terminating);
  }

  @Test
  void givenAConflict_whenACallFails_itShouldStayTransient() {
    KubernetesClientException conflict = exception(409, "the object has been modified", null);

    assertThatThrownBy(
            () ->
                KubernetesFailures.call(
                    "apply quota",
                    () -> {
                      throw conflict;
                    }))
        .isSameAs(conflict);
  }

  @Test
  void givenASuccessfulCall_whenRun_itShouldReturnItsResult() {
    assertThat(KubernetesFailures.call("read", () -> "value")).isEqualTo("value");
  }

  private static KubernetesClientException exception(int code, String message, String cause) {
    StatusBuilder status = new StatusBuilder().withCode(code).withMessage(message);
    if (cause != null) {
      status.withNewDetails().addNewCause().withReason(cause).endCause().endDetails();
    }
    Status built = status.build();
    return new KubernetesClientException(message, code, built);
  }
}
