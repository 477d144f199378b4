package dev.envforge.activities.temporal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.envforge.activities.temporal.PatientPoller.Probe;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class PatientPollerTest {

  private final List<Object> beats = new ArrayList<>();

  @Test
  void givenAProbeThatSucceedsOnTheThirdLook_whenAwaited_itShouldHeartbeatTwiceAndReturnTheValue() {
    AtomicInteger looks = new AtomicInteger();
    PatientPoller poller =
        new PatientPoller(Duration.ofSeconds(10), Duration.ofMillis(5), beats::add);

    String value =
        poller.await(
            "thing",
            () ->
                looks.incrementAndGet() < 3
                    ? Probe.pending("look " + looks.get())
                    : Probe.done("ok"),
            progress -> new IllegalStateException("no timeout expected"));

    assertThat(value).isEqualTo("ok");
    assertThat(beats).containsExactly("thing: look 1", "thing: look 2");
  }

  @Test
  void givenAProbeThatNeverSucceeds_whenThePatienceIsSpent_itShouldThrowWithTheLastProgress() {
    PatientPoller poller =
        new PatientPoller(Duration.ofMillis(200), Duration.ofMillis(20), beats::add);
    long started = System.nanoTime();

    assertThatThrownBy(
            () ->
                poller.await(
                    "thing",
                    () -> Probe.pending("still creating"),
                    progress -> new IllegalStateException("gave up: " + progress)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("gave up: still creating");
    assertThat(Duration.ofNanos(System.nanoTime() - started))
        .isBetween(Duration.ofMillis(200), Duration.ofSeconds(5));
    assertThat(beats.size()).isGreaterThan(2);
  }

  @Test
  void givenAProbeThatThrows_whenAwaited_itShouldStopAtOnce() {
    PatientPoller poller =
        new PatientPoller(Duration.ofMinutes(1), Duration.ofMillis(5), beats::add);

    assertThatThrownBy(
            () ->
                poller.await(
                    "thing",
                    () -> {
                      throw new IllegalArgumentException("paused");
                    },
                    progress -> new IllegalStateException("no timeout expected")))
        .hasMessage("paused");
    assertThat(beats).isEmpty();
  }

  @Test
  void givenAProbeThatKeepsAdvancing_whenAwaited_itShouldWaitPastThePatienceUntilDone() {
    AtomicInteger looks = new AtomicInteger();
    PatientPoller poller =
        new PatientPoller(Duration.ofMillis(100), Duration.ofMillis(40), beats::add);

    String value =
        poller.await(
            "queue",
            () ->
                looks.incrementAndGet() < 10
                    ? Probe.advanced((10 - looks.get()) + " left")
                    : Probe.done("empty"),
            progress -> new IllegalStateException("gave up: " + progress));

    // Ten looks 40 ms apart outlast a patience of 100 ms: each step forward restarted it.
    assertThat(value).isEqualTo("empty");
    assertThat(beats).hasSize(9).endsWith("queue: 1 left");
  }

  @Test
  void givenAProbeThatStopsAdvancing_whenThePatienceIsSpent_itShouldReturnTheFallback() {
    AtomicInteger looks = new AtomicInteger();
    PatientPoller poller =
        new PatientPoller(Duration.ofMillis(150), Duration.ofMillis(20), beats::add);
    long started = System.nanoTime();

    String value =
        poller.awaitOrElse(
            "queue",
            () ->
                looks.incrementAndGet() <= 3
                    ? Probe.<String>advanced("moving")
                    : Probe.<String>pending("stuck"),
            progress -> "gave up on " + progress);

    assertThat(value).isEqualTo("gave up on stuck");
    assertThat(Duration.ofNanos(System.nanoTime() - started))
        .isBetween(Duration.ofMillis(150), Duration.ofSeconds(5));
  }
}
