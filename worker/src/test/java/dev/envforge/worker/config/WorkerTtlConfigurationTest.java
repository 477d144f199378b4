package dev.envforge.worker.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.envforge.activities.notification.WebhookSettings;
import dev.envforge.workflows.request.Profile;
import dev.envforge.workflows.request.TtlBounds;
import dev.envforge.workflows.request.TtlPolicy;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ClassPathResource;

/** The worker's application.yaml bound as the worker binds it: the TTL policy and the webhook. */
class WorkerTtlConfigurationTest {

  @Test
  void givenTheShippedDefaults_whenBound_itShouldGiveTheGlobalPolicyAndNoWebhook()
      throws IOException {
    EnvforgeWorkerProperties properties = bind(Map.of());

    TtlPolicy policy = properties.ttl().policy();
    assertThat(policy.defaultTtl()).isEqualTo(Duration.ofHours(8));
    assertThat(policy.maxTtl()).isEqualTo(Duration.ofDays(7));
    assertThat(policy.keepAllowed()).isFalse();
    assertThat(properties.ttl().warnBefore()).isEqualTo(Duration.ofHours(1));
    assertThat(properties.notifications().settings().enabled()).isFalse();
  }

  @Test
  void givenProfileAndTeamRulesAndAWebhook_whenBound_itShouldResolveThemAndSignWithTheKeyFile()
      throws IOException {
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

    TtlPolicy policy = properties.ttl().policy();
    TtlBounds large = policy.boundsFor("payments", Profile.LARGE);
    assertThat(large.maxTtl()).isEqualTo(Duration.ofDays(1));
    assertThat(large.defaultTtl()).isEqualTo(Duration.ofHours(4));
    assertThat(policy.boundsFor("platform", Profile.LARGE).keepAllowed()).isTrue();
    assertThat(policy.boundsFor("platform", Profile.LARGE).maxTtl()).isEqualTo(Duration.ofDays(30));
    assertThat(properties.ttl().warnBefore()).isEqualTo(Duration.ofMinutes(30));
    WebhookSettings webhook = properties.notifications().settings();
    assertThat(webhook.enabled()).isTrue();
    assertThat(webhook.secretFile()).hasToString("/etc/envforge/webhook/key");
    assertThat(webhook.timeout()).isEqualTo(Duration.ofSeconds(10));
  }

  @Test
  void givenADefaultLongerThanTheMaximum_whenThePolicyIsBuilt_itShouldRefuseToStart()
      throws IOException {
    EnvforgeWorkerProperties properties =
        bind(Map.of("ENVFORGE_DEFAULT_TTL", "P10D", "ENVFORGE_MAX_TTL", "P7D"));

    assertThatThrownBy(() -> properties.ttl().policy())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("envforge.ttl")
        .hasMessageContaining("longer than max");
  }

  @Test
  void givenAWebhookWithoutAKeyFile_whenBound_itShouldRefuseToStartUnsigned() throws IOException {
    EnvforgeWorkerProperties properties =
        bind(Map.of("ENVFORGE_WEBHOOK_URL", "https://hooks.example.com/envforge"));

    assertThatThrownBy(() -> properties.notifications().settings())
        .hasMessageContaining("ENVFORGE_WEBHOOK_SECRET_FILE");
  }

  private static EnvforgeWorkerProperties bind(Map<String, Object> overrides) throws IOException {
    StandardEnvironment environment = new StandardEnvironment();
    environment.getPropertySources().addFirst(new MapPropertySource("test", overrides));
    new YamlPropertySourceLoader()
        .load("application", new ClassPathResource("application.yaml"))
        .forEach(source -> environment.getPropertySources().addLast(source));
    return Binder.get(environment).bind("envforge", EnvforgeWorkerProperties.class).get();
  }
}
