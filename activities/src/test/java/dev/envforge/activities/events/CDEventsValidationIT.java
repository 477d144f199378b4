package dev.envforge.activities.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.envforge.workflows.activities.LifecycleChange;
import dev.envforge.workflows.activities.LifecycleEvent;
import java.net.URI;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every kind of lifecycle event is valid by the CDEvents project's own validation (its Go SDK and
 * the spec's schemas), and that validation does reject a broken event, so a pass means something.
 */
class CDEventsValidationIT {

  private static final URI API = URI.create("https://envforge.example.com");
  private static CDEventsValidator validator;

  @BeforeAll
  static void buildValidator() {
    validator = CDEventsValidator.build();
  }

  @Test
  void givenEveryLifecycleChange_whenRenderedAsCloudEvents_itShouldPassTheCDEventsValidation() {
    List<byte[]> bodies =
        Arrays.stream(LifecycleChange.values())
            .map(change -> EnvironmentCDEvents.body(event(change, "1"), API))
            .toList();

    CDEventsValidator.Verdict verdict = validator.validate(bodies);

    assertThat(verdict.lines()).hasSize(LifecycleChange.values().length);
    assertThat(verdict.lines()).allSatisfy(line -> assertThat(line).startsWith("ok "));
    assertThat(verdict.allValid()).isTrue();
    assertThat(verdict.lines())
        .anySatisfy(line -> assertThat(line).contains("dev.cdevents.environment.created."))
        .anySatisfy(line -> assertThat(line).contains("dev.cdevents.environment.modified."))
        .anySatisfy(line -> assertThat(line).contains("dev.cdevents.environment.deleted."));
  }

  @Test
  void givenAnEventWhoseCDEventLacksItsSubject_whenValidated_itShouldBeRejected() throws Exception {
    ObjectMapper json = new ObjectMapper();
    ObjectNode broken =
        (ObjectNode)
            json.readTree(EnvironmentCDEvents.body(event(LifecycleChange.CREATED, "2"), API));
    ((ObjectNode) broken.path("data")).remove("subject");

    CDEventsValidator.Verdict verdict = validator.validate(List.of(json.writeValueAsBytes(broken)));

    assertThat(verdict.allValid()).isFalse();
    assertThat(verdict.lines()).singleElement().asString().startsWith("invalid ");
  }

  private static LifecycleEvent event(LifecycleChange change, String n) {
    return new LifecycleEvent(
        "environment/payments/checkout/run-1/" + change.label() + "/" + n,
        change,
        "payments-checkout",
        "payments",
        "checkout",
        "local",
        "env-payments-checkout",
        "environment/payments/checkout",
        Instant.parse("2030-01-01T12:00:00Z"),
        change == LifecycleChange.DELETED ? null : Instant.parse("2030-01-01T20:00:00Z"),
        change == LifecycleChange.DELETED ? "destroyed: done" : null);
  }
}
