package dev.envforge.workflows.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.envforge.workflows.request.ClusterChoice;
import dev.envforge.workflows.request.DatabaseChoice;
import dev.envforge.workflows.request.EnvironmentRequest;
import dev.envforge.workflows.request.Profile;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ApprovalPolicyTest {

  private static EnvironmentRequest request(String team, Profile profile, boolean dedicated) {
    return new EnvironmentRequest(
        team,
        "review",
        dedicated ? ClusterChoice.dedicated() : ClusterChoice.shared("local"),
        profile,
        DatabaseChoice.none(),
        "PT4H");
  }

  private final ApprovalPolicy policy =
      new ApprovalPolicy(
          false,
          true,
          Map.of("large", true),
          Map.of("platform", false, "finance", true),
          false,
          Duration.ofHours(8));

  @Test
  void givenThePolicy_whenAskedPerRequest_itShouldNameLargeDedicatedAndTheTeamsItLists() {
    assertThat(policy.requires(request("payments", Profile.SMALL, false))).isFalse();
    assertThat(policy.requires(request("payments", Profile.LARGE, false))).isTrue();
    assertThat(policy.requires(request("payments", Profile.SMALL, true))).isTrue();
    assertThat(policy.requires(request("finance", Profile.SMALL, false))).isTrue();
    // A team's own setting beats its profile's and the dedicated cluster's.
    assertThat(policy.requires(request("platform", Profile.LARGE, true))).isFalse();
  }

  @Test
  void givenNoPolicy_whenAsked_itShouldNeverRequireApproval() {
    assertThat(ApprovalPolicy.none().requires(request("payments", Profile.LARGE, true))).isFalse();
  }
}
