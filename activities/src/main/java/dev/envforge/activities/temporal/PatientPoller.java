package dev.envforge.activities.temporal;

import java.time.Duration;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The one way activities wait for something slow (a composite becoming Ready, a namespace going
 * away, a RoleBinding taking effect): look, heartbeat what was seen, sleep, until done or until the
 * patience is spent. The probe throws for failures that waiting cannot fix. In a local activity the
 * patience is cut to {@link ActivityPatience#LOCAL}.
 */
public final class PatientPoller {

  /**
   * One look: either the result, or what is still missing; and if something moved since the last
   * look ({@link #advanced}), the patience starts again, so that a slow but steady system is not
   * mistaken for a stuck one.
   */
  public sealed interface Probe<T> {
    record Done<T>(T value) implements Probe<T> {}

    record Pending<T>(String progress, boolean advanced) implements Probe<T> {}

    static <T> Probe<T> done(T value) {
      return new Done<>(value);
    }

    static <T> Probe<T> pending(String progress) {
      return new Pending<>(progress, false);
    }

    static <T> Probe<T> advanced(String progress) {
      return new Pending<>(progress, true);
    }
  }

  private final Duration patience;
  private final Duration interval;
  private final Heartbeat heartbeat;

  public PatientPoller(Duration patience, Duration interval, Heartbeat heartbeat) {
    this.patience = Objects.requireNonNull(patience, "patience");
    this.interval = Objects.requireNonNull(interval, "interval");
    this.heartbeat = Objects.requireNonNull(heartbeat, "heartbeat");
  }

  public Duration patience() {
    return patience;
  }

  /**
   * Probes until done; heartbeats {@code what: progress} while pending; when the patience is spent
   * throws {@code onTimeout.apply(lastProgress)}.
   */
  public <T> T await(
      String what, Supplier<Probe<T>> probe, Function<String, RuntimeException> onTimeout) {
    return awaitOrElse(
        what,
        probe,
        progress -> {
          throw onTimeout.apply(progress);
        });
  }

  /**
   * Probes until done; heartbeats {@code what: progress} while pending; when the patience is spent
   * returns {@code outOfPatience.apply(lastProgress)}: for waits whose caller reports what is left
   * rather than failing.
   */
  public <T> T awaitOrElse(
      String what, Supplier<Probe<T>> probe, Function<String, T> outOfPatience) {
    Duration allowed = ActivityPatience.within(patience);
    long deadline = System.nanoTime() + allowed.toNanos();
    while (true) {
      Probe<T> result = probe.get();
      if (result instanceof Probe.Done<T> done) {
        return done.value();
      }
      Probe.Pending<T> pending = (Probe.Pending<T>) result;
      if (pending.advanced()) {
        deadline = System.nanoTime() + allowed.toNanos();
      }
      String progress = pending.progress();
      heartbeat.beat(what + ": " + progress);
      long remaining = deadline - System.nanoTime();
      if (remaining <= 0) {
        return outOfPatience.apply(progress);
      }
      sleep(Math.min(remaining, interval.toNanos()));
    }
  }

  private static void sleep(long nanos) {
    try {
      Thread.sleep(Duration.ofNanos(nanos).toMillis(), (int) (nanos % 1_000_000));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting", e);
    }
  }
}
