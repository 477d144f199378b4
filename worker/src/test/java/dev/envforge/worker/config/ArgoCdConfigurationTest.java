package dev.envforge.worker.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.envforge.activities.argocd.ArgoCdSettings;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.config.ConfigDataEnvironmentPostProcessor;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

/** The worker's application.yaml bound as the worker binds it: the Argo CD registration. */
class ArgoCdConfigurationTest {

  @Test
  void givenTheShippedDefaults_whenBound_itShouldBeOffWithArgoCdsNamespace() {
    ArgoCdProperties properties = bind(Map.of());

    assertThat(properties.enabled()).isFalse();
    assertThat(properties.settings())
        .isEqualTo(new ArgoCdSettings("argocd", null, List.of(), Map.of()));
  }

  @Test
  void givenTheVariables_whenBound_itShouldRegisterWithTheListedRepositories() {
    ArgoCdProperties properties =
        bind(
            Map.of(
                "ENVFORGE_ARGOCD_ENABLED", "true",
                "ENVFORGE_ARGOCD_NAMESPACE", "gitops",
                "ENVFORGE_ARGOCD_SOURCE_REPOS",
                    "https://git.example.com/payments/*,https://charts.example.com",
                "envforge.argocd.cluster-servers.eu-1", "https://eu-1.example.com:6443"));

    assertThat(properties.enabled()).isTrue();
    assertThat(properties.settings())
        .isEqualTo(
            new ArgoCdSettings(
                "gitops",
                null,
                List.of("https://git.example.com/payments/*", "https://charts.example.com"),
                Map.of("eu-1", "https://eu-1.example.com:6443")));
  }

  @Test
  void givenRegistrationWithoutRepositories_whenBound_itShouldRefuseToStartNamingTheSetting() {
    ArgoCdProperties properties = bind(Map.of("ENVFORGE_ARGOCD_ENABLED", "true"));

    assertThatThrownBy(properties::settings)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("envforge.argocd.source-repos");
  }

  private static ArgoCdProperties bind(Map<String, Object> overrides) {
    StandardEnvironment environment = new StandardEnvironment();
    environment.getPropertySources().addFirst(new MapPropertySource("test", overrides));
    ConfigDataEnvironmentPostProcessor.applyTo(environment);
    return Binder.get(environment).bind("envforge.argocd", ArgoCdProperties.class).get();
  }
}
