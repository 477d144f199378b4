package dev.envforge.worker.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.envforge.activities.notification.WebhookSettings;
import dev.envforge.workflows.request.Profile;
import dev.envforge.workflows.request.TtlBounds;
import dev.envforge.workflows.request.TtlPolicy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.context.config.ConfigDataEnvironmentPostProcessor;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

/**
 * The worker's application.yaml, with the file it shares with the API, loaded and bound as the
 * worker loads and binds them: the TTL policy and the webhook.
 */
class WorkerTtlConfigurationTest {

  @Test
  void givenTheShippedDefaults_whenBound_itShouldGiveTheGlobalPolicyAndNoWebhook() {
    EnvforgeWorkerProperties properties = bind(Map.of());

    TtlPolicy policy = properties.shared().ttl().policy();
    assertThat(policy.defaultTtl()).isEqualTo(Duration.ofHours(8));
    assertThat(policy.maxTtl()).isEqualTo(Duration.ofDays(7));
    assertThat(policy.keepAllowed()).isFalse();
    assertThat(properties.shared().ttl().warnBefore()).isEqualTo(Duration.ofHours(1));
    assertThat(properties.shared().taskQueue()).isEqualTo("envforge-environments");
    assertThat(properties.shared().namespacePrefix()).isEqualTo("env-");
    assertThat(properties.shared().codec().enabled()).isFalse();
    assertThat(properties.notifications().settings().enabled()).isFalse();
  }

  @Test
  void givenProfileAndTeamRulesAndAWebhook_whenBound_itShouldResolveThemAndSignWithTheKeyFile() {
    EnvforgeWorkerProperties properties =
        bind(
            Map.of(
                "envforge.ttl.profiles.large.max", "P1D",
                "envforge.ttl.profiles.large.default", "PT4H",
                "envforge.ttl.teams.platform.keep-allowed", "true",
                "envforge.ttl.teams.platform.max", "P30D",
                "ENVFORGE_TTL_WARN_BEFORE", "PT30M",
                "ENVFORGE_WEBHOOK_URL", "https://hooks.example.com/envforge",
                "ENVFORGE_WEBHOOK_SECRET_FILE", "/etc/envforge/webhook/key"));

    TtlPolicy policy = properties.shared().ttl().policy();
    TtlBounds large = policy.boundsFor("payments", Profile.LARGE);
    assertThat(large.maxTtl()).isEqualTo(Duration.ofDays(1));
    assertThat(large.defaultTtl()).isEqualTo(Duration.ofHours(4));
    assertThat(policy.boundsFor("platform", Profile.LARGE).keepAllowed()).isTrue();
    assertThat(policy.boundsFor("platform", Profile.LARGE).maxTtl()).isEqualTo(Duration.ofDays(30));
    assertThat(properties.shared().ttl().warnBefore()).isEqualTo(Duration.ofMinutes(30));
    WebhookSettings webhook = properties.notifications().settings();
    assertThat(webhook.enabled()).isTrue();
    assertThat(webhook.secretFile()).hasToString("/etc/envforge/webhook/key");
    assertThat(webhook.timeout()).isEqualTo(Duration.ofSeconds(10));
  }

  @Test
  void givenCapabilityDefaults_whenBound_theyShouldReachTheRequestLimitsPerProfile() {
    EnvforgeWorkerProperties properties =
        bind(Map.of("envforge.capabilities.medium", "statestore,secretstore"));

    var defaults = properties.shared().requestLimits().capabilities();
    assertThat(defaults.forProfile(Profile.MEDIUM))
        .containsExactly(
            dev.envforge.workflows.request.Capability.STATESTORE,
            dev.envforge.workflows.request.Capability.SECRETSTORE);
    assertThat(defaults.forProfile(Profile.SMALL)).isEmpty();
    assertThat(bind(Map.of()).shared().capabilityDefaults().forProfile(Profile.MEDIUM)).isEmpty();
  }

  @Test
  void givenTheSharedVariables_whenBound_itShouldTakeEveryOne() {
    EnvforgeWorkerProperties properties =
        bind(
            Map.of(
                "ENVFORGE_TASK_QUEUE", "q1",
                "ENVFORGE_NAMESPACE_PREFIX", "",
                "ENVFORGE_DEFAULT_TTL", "PT2H",
                "ENVFORGE_MAX_TTL", "P1D",
                "ENVFORGE_TTL_KEEP_ALLOWED", "true",
                "ENVFORGE_CODEC_ENABLED", "true",
                "ENVFORGE_CODEC_KEY_DIRECTORY", "/etc/envforge/codec-keys",
                "ENVFORGE_CODEC_ACTIVE_KEY_ID", "k2"));

    assertThat(properties.shared().taskQueue()).isEqualTo("q1");
    assertThat(properties.shared().namespacePrefix()).as("an empty prefix is a prefix").isEmpty();
    assertThat(properties.shared().ttl().defaultTtl()).isEqualTo(Duration.ofHours(2));
    assertThat(properties.shared().ttl().maxTtl()).isEqualTo(Duration.ofDays(1));
    assertThat(properties.shared().ttl().keepAllowed()).isTrue();
    assertThat(properties.shared().codec().enabled()).isTrue();
    assertThat(properties.shared().codec().keyDirectory())
        .isEqualTo(Path.of("/etc/envforge/codec-keys"));
    assertThat(properties.shared().codec().activeKeyId()).isEqualTo("k2");
  }

  @Test
  void givenAConfigurationFileBesideTheJar_whenLoaded_itsValuesShouldBeatTheSharedDefaults(
      @TempDir Path config) throws IOException {
    // What the Helm chart mounts: its application.yaml in an additional location.
    Files.writeString(
        config.resolve("application.yaml"),
        """
        spring.temporal.connection.target: temporal.example.com:7233
        envforge:
          task-queue: from-the-chart
          ttl: {default: PT4H}
        """);
    StandardEnvironment environment =
        load(Map.of("spring.config.additional-location", config.toUri().toString()));

    EnvforgeWorkerProperties properties =
        Binder.get(environment).bind("envforge", EnvforgeWorkerProperties.class).get();
    assertThat(properties.shared().taskQueue()).isEqualTo("from-the-chart");
    assertThat(properties.shared().ttl().defaultTtl()).isEqualTo(Duration.ofHours(4));
    assertThat(environment.getProperty("spring.temporal.connection.target"))
        .isEqualTo("temporal.example.com:7233");
  }

  @Test
  void givenADefaultLongerThanTheMaximum_whenThePolicyIsBuilt_itShouldRefuseToStart() {
    EnvforgeWorkerProperties properties =
        bind(Map.of("ENVFORGE_DEFAULT_TTL", "P10D", "ENVFORGE_MAX_TTL", "P7D"));

    assertThatThrownBy(() -> properties.shared().ttl().policy())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("envforge.ttl")
        .hasMessageContaining("longer than max");
  }

  @Test
  void givenAWebhookWithoutAKeyFile_whenBound_itShouldRefuseToStartUnsigned() {
    EnvforgeWorkerProperties properties =
        bind(Map.of("ENVFORGE_WEBHOOK_URL", "https://hooks.example.com/envforge"));

    assertThatThrownBy(() -> properties.notifications().settings())
        .hasMessageContaining("ENVFORGE_WEBHOOK_SECRET_FILE");
  }

  private static EnvforgeWorkerProperties bind(Map<String, Object> overrides) {
    return Binder.get(load(overrides)).bind("envforge", EnvforgeWorkerProperties.class).get();
  }

  /** The configuration files as the application loads them, imports included. */
  private static StandardEnvironment load(Map<String, Object> overrides) {
    StandardEnvironment environment = new StandardEnvironment();
    environment.getPropertySources().addFirst(new MapPropertySource("test", overrides));
    ConfigDataEnvironmentPostProcessor.applyTo(environment);
    return environment;
  }
}
