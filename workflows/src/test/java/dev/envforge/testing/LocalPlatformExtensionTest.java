package dev.envforge.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LocalPlatformExtensionTest {

  @Test
  void givenPlatformEnvOutput_whenParsed_itShouldKeepValuesWithEqualsSigns() {
    Map<String, String> settings =
        LocalPlatformExtension.parseSettings(
            "# comment\nENVFORGE_POSTGRES_URL=jdbc:postgresql://127.0.0.1:15432/postgres?a=b\n"
                + "ENVFORGE_KUBE_CONTEXT=\n");

    assertThat(settings)
        .containsEntry("ENVFORGE_POSTGRES_URL", "jdbc:postgresql://127.0.0.1:15432/postgres?a=b")
        .containsEntry("ENVFORGE_KUBE_CONTEXT", "")
        .hasSize(2);
  }

  @Test
  void givenSettingsWithoutTheKubeconfig_whenRead_itShouldNameTheMissingKey() {
    Map<String, String> settings =
        Map.of(
            "ENVFORGE_TEMPORAL_ADDRESS", "127.0.0.1:7233",
            "ENVFORGE_POSTGRES_URL", "jdbc:postgresql://127.0.0.1:15432/postgres",
            "ENVFORGE_POSTGRES_USER", "admin",
            "ENVFORGE_POSTGRES_PASSWORD_FILE", "/tmp/pw");

    assertThatThrownBy(() -> LocalPlatform.fromSettings(settings))
        .hasMessageContaining("ENVFORGE_KUBECONFIG");
  }

  @Test
  void givenAnEmptyContext_whenAsked_itShouldMeanTheCurrentContext() {
    LocalPlatform platform =
        new LocalPlatform("a", "default", "", Path.of("k"), "", "jdbc:x", "u", Path.of("/tmp/pw"));

    assertThat(platform.kubeContextOrNull()).isNull();
  }
}
