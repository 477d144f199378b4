package dev.envforge.workflows.request;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import dev.envforge.workflows.activities.EnvironmentSettings;
import io.temporal.api.common.v1.Payload;
import io.temporal.common.converter.DataConverter;
import io.temporal.common.converter.DefaultDataConverter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Requests and settings as Temporal's JSON carries them: runs recorded before keep and the TTL
 * policy existed must read back as they were, and the new fields must survive a round trip.
 */
class TtlPayloadsTest {

  private static final DataConverter JSON = DefaultDataConverter.newDefaultInstance();

  @Test
  void givenARequestRecordedBeforeKeep_whenRead_itShouldNotBeKept() {
    EnvironmentRequest old =
        read("{\"team\":\"a\",\"name\":\"b\",\"ttl\":\"PT2H\"}", EnvironmentRequest.class);

    assertThat(old.keep()).isFalse();
    assertThat(old.ttl()).isEqualTo("PT2H");
  }

  @Test
  void givenAKeptRequest_whenWrittenAndRead_itShouldStayKept() {
    EnvironmentRequest kept =
        new EnvironmentRequest("a", "b", null, Profile.LARGE, null, null, true);

    assertThat(roundTrip(kept, EnvironmentRequest.class)).isEqualTo(kept);
  }

  @Test
  void givenSettingsRecordedBeforeThePolicy_whenRead_itShouldKeepTheGlobalLimits() {
    EnvironmentSettings old =
        read(
            "{\"namespacePrefix\":\"env-\",\"defaultTtl\":28800.000000000,"
                + "\"maxTtl\":604800.000000000,\"expiryWarning\":3600.000000000}",
            EnvironmentSettings.class);

    assertThat(old.ttlPolicy()).isNull();
    assertThat(old.limits().ttl().boundsFor("a", Profile.SMALL))
        .isEqualTo(
            new TtlBounds(
                Duration.ofHours(8), Duration.ofDays(7), false, null, "the global policy"));
  }

  @Test
  void givenSettingsWithAPolicy_whenWrittenAndRead_itShouldBeTheSamePolicy() {
    TtlPolicy policy =
        new TtlPolicy(
            Duration.ofHours(8),
            Duration.ofDays(7),
            false,
            Map.of("large", new TtlRule(null, Duration.ofDays(1), null)),
            Map.of("platform", new TtlRule(Duration.ofDays(1), Duration.ofDays(30), true)));
    EnvironmentSettings settings = EnvironmentSettings.of("env-", policy, Duration.ofHours(1));

    EnvironmentSettings read = roundTrip(settings, EnvironmentSettings.class);

    assertThat(read).isEqualTo(settings);
    assertThat(read.limits().ttl().boundsFor("platform", Profile.LARGE).maxTtl())
        .isEqualTo(Duration.ofDays(30));
  }

  private static <T> T roundTrip(T value, Class<T> type) {
    Payload payload = JSON.toPayload(value).orElseThrow();
    return JSON.fromPayload(payload, type, type);
  }

  private static <T> T read(String json, Class<T> type) {
    Payload payload =
        Payload.newBuilder()
            .putMetadata("encoding", ByteString.copyFromUtf8("json/plain"))
            .setData(ByteString.copyFrom(json, StandardCharsets.UTF_8))
            .build();
    return JSON.fromPayload(payload, type, type);
  }
}
