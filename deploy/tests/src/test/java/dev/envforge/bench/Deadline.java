package dev.envforge.bench;

import java.time.Duration;

/** A point in monotonic time by which something must end; every wait of the benchmark has one. */
record Deadline(long atNanos) {

  static Deadline in(Duration duration) {
    return new Deadline(System.nanoTime() + duration.toNanos());
  }

  boolean expired() {
    return atNanos - System.nanoTime() <= 0;
  }

  Duration remaining() {
    return Duration.ofNanos(Math.max(0, atNanos - System.nanoTime()));
  }

  /** This deadline, or {@code duration} from now if that comes first. */
  Deadline within(Duration duration) {
    Deadline other = in(duration);
    return atNanos - other.atNanos <= 0 ? this : other;
  }

  /** Sleeps for {@code duration}, or less if the deadline comes first. */
  void sleep(Duration duration) throws InterruptedException {
    long millis = Math.min(duration.toMillis(), remaining().toMillis());
    if (millis > 0) {
      Thread.sleep(millis);
    }
  }
}
