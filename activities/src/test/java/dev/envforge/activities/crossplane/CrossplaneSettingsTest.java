package dev.envforge.activities.crossplane;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.envforge.workflows.request.Profile;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CrossplaneSettingsTest {

  @Test
  void givenNothing_whenDefaulted_itShouldUseTheDocumentedDefaults() {
    CrossplaneSettings settings = CrossplaneSettings.defaults();

    assertThat(settings.connectionSecretNamespace()).isEqualTo("envforge-system");
    assertThat(settings.readyPatience()).isEqualTo(Duration.ofMinutes(20));
    assertThat(settings.pollInterval()).isEqualTo(Duration.ofSeconds(5));
    assertThat(settings.nodeCount(Profile.SMALL)).isEqualTo(1);
    assertThat(settings.nodeCount(Profile.LARGE)).isEqualTo(3);
    assertThat(settings.clusterRegion()).isNull();
  }

  @Test
  void givenOneProfilesNodeCount_whenSet_itShouldKeepTheOtherDefaults() {
    CrossplaneSettings settings =
        new CrossplaneSettings(null, null, null, Map.of(Profile.LARGE, 7), " ", null, null);

    assertThat(settings.nodeCount(Profile.LARGE)).isEqualTo(7);
    assertThat(settings.nodeCount(Profile.MEDIUM)).isEqualTo(2);
    assertThat(settings.clusterRegion()).isNull();
  }

  @Test
  void givenNonsense_whenConstructed_itShouldRefuse() {
    assertThatThrownBy(() -> CrossplaneSettings.of(null, Duration.ZERO, null))
        .hasMessageContaining("readyPatience");
    assertThatThrownBy(
            () ->
                new CrossplaneSettings(
                    null, null, null, Map.of(Profile.SMALL, 0), null, null, null))
        .hasMessageContaining("SMALL");
  }
}
