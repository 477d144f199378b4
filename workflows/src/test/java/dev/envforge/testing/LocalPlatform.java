package dev.envforge.testing;

import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Where the local platform's parts are, as written by {@code deploy/local/platform up}. The
 * Postgres admin password is read from its file on demand so that it never sits in test output.
 */
public record LocalPlatform(
    String temporalAddress,
    String temporalNamespace,
    String temporalUi,
    Path kubeconfig,
    String kubeContext,
    String postgresUrl,
    String postgresUser,
    Path postgresPasswordFile) {

  static LocalPlatform fromSettings(Map<String, String> settings) {
    return new LocalPlatform(
        required(settings, "ENVFORGE_TEMPORAL_ADDRESS"),
        settings.getOrDefault("ENVFORGE_TEMPORAL_NAMESPACE", "default"),
        settings.getOrDefault("ENVFORGE_TEMPORAL_UI", ""),
        Path.of(required(settings, "ENVFORGE_KUBECONFIG")),
        settings.getOrDefault("ENVFORGE_KUBE_CONTEXT", ""),
        required(settings, "ENVFORGE_POSTGRES_URL"),
        required(settings, "ENVFORGE_POSTGRES_USER"),
        Path.of(required(settings, "ENVFORGE_POSTGRES_PASSWORD_FILE")));
  }

  private static String required(Map<String, String> settings, String key) {
    String value = settings.get(key);
    if (value == null || value.isBlank()) {
      throw new IllegalStateException("the local platform's settings lack " + key);
    }
    return value;
  }

  public String postgresPassword() {
    try {
      return Files.readString(postgresPasswordFile).strip();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the Postgres admin password file", e);
    }
  }

  public String kubeconfigContents() {
    try {
      return Files.readString(kubeconfig);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the kubeconfig " + kubeconfig, e);
    }
  }

  /** Connections to the platform's Temporal server; the caller shuts them down. */
  public WorkflowServiceStubs newTemporalService() {
    return WorkflowServiceStubs.newServiceStubs(
        WorkflowServiceStubsOptions.newBuilder().setTarget(temporalAddress).build());
  }

  /** A client of the platform's Temporal namespace over the given connections. */
  public WorkflowClient workflowClient(WorkflowServiceStubs service) {
    return WorkflowClient.newInstance(
        service, WorkflowClientOptions.newBuilder().setNamespace(temporalNamespace).build());
  }

  /** The kubeconfig context to use, or {@code null} for the file's current context. */
  public String kubeContextOrNull() {
    return kubeContext.isBlank() ? null : kubeContext;
  }
}
