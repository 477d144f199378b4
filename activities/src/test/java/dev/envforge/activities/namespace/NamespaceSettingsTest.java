package dev.envforge.activities.namespace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.envforge.workflows.request.Profile;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NamespaceSettingsTest {

  private static final ProfileSizes TINY =
      new ProfileSizes("250m", "512Mi", "1", "1Gi", 3, 1, "1Gi", "50m", "64Mi", "100m", "128Mi");

  @Test
  void givenNothingConfigured_whenDefaultsAreTaken_itShouldUseTheDocumentedValues() {
    NamespaceSettings settings = NamespaceSettings.defaults();

    assertThat(settings.teamGroupFormat()).isEqualTo("{team}");
    assertThat(settings.teamClusterRole()).isEqualTo("edit");
    assertThat(settings.deletionPatience()).isEqualTo(Duration.ofMinutes(5));
    assertThat(settings.profiles()).containsOnlyKeys(Profile.values());
    assertThat(settings.teamGroup("payments")).isEqualTo("payments");
  }

  @Test
  void givenOnlyOneProfileConfigured_whenSettingsAreBuilt_itShouldKeepDefaultsForTheOthers() {
    NamespaceSettings settings = new NamespaceSettings(Map.of(Profile.MEDIUM, TINY), "", " ", null);

    assertThat(settings.sizes(Profile.MEDIUM)).isEqualTo(TINY);
    assertThat(settings.sizes(Profile.SMALL))
        .isEqualTo(NamespaceSettings.defaultProfiles().get(Profile.SMALL));
    assertThat(settings.sizes(Profile.LARGE))
        .isEqualTo(NamespaceSettings.defaultProfiles().get(Profile.LARGE));
    assertThat(settings.teamGroupFormat()).isEqualTo("{team}");
    assertThat(settings.teamClusterRole()).isEqualTo("edit");
  }

  @Test
  void givenAGroupFormat_whenATeamGroupIsAsked_itShouldReplaceEveryPlaceholder() {
    NamespaceSettings settings = new NamespaceSettings(null, "{team}:{team}-devs", null, null);

    assertThat(settings.teamGroup("payments")).isEqualTo("payments:payments-devs");
  }

  @Test
  void givenAZeroPatience_whenSettingsAreBuilt_itShouldRefuseThem() {
    assertThatThrownBy(() -> new NamespaceSettings(null, null, null, Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("deletionPatience");
  }

  @Test
  void givenAMalformedQuantity_whenSizesAreBuilt_itShouldNameTheField() {
    assertThatThrownBy(
            () ->
                new ProfileSizes(
                    "1", "2 gigs", "2", "4Gi", 10, 5, "10Gi", "100m", "128Mi", "500m", "512Mi"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("requestsMemory")
        .hasMessageContaining("2 gigs");
  }

  @Test
  void givenADefaultRequestAboveItsLimit_whenSizesAreBuilt_itShouldRefuseThem() {
    assertThatThrownBy(
            () ->
                new ProfileSizes(
                    "1", "2Gi", "2", "4Gi", 10, 5, "10Gi", "1500m", "128Mi", "1", "512Mi"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("containerDefaultRequestCpu");
  }

  @Test
  void givenNoPods_whenSizesAreBuilt_itShouldRefuseThem() {
    assertThatThrownBy(
            () ->
                new ProfileSizes(
                    "1", "2Gi", "2", "4Gi", 0, 5, "10Gi", "100m", "128Mi", "500m", "512Mi"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("pods");
  }
}
