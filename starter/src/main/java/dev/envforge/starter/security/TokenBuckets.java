package dev.envforge.starter.security;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * One token bucket per caller: {@code capacity} calls at once, refilled one call per interval.
 * Buckets live in this process only, so with several API replicas a caller may make that many calls
 * on each; the limit is against runaway scripts, not an exact quota.
 */
public final class TokenBuckets {

  private static final class Bucket {
    private double tokens;
    private long updatedNanos;

    Bucket(double tokens, long now) {
      this.tokens = tokens;
      this.updatedNanos = now;
    }
  }

  /**
   * @param allowed whether the call may go ahead
   * @param retryAfter when refused, how long until a call would be allowed
   */
  public record Decision(boolean allowed, Duration retryAfter) {}

  private final int capacity;
  private final long refillNanos;
  private final LongSupplier clock;
  private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();

  public TokenBuckets(int capacity, Duration refillInterval, LongSupplier nanoClock) {
    this.capacity = capacity;
    this.refillNanos = Math.max(1, refillInterval.toNanos());
    this.clock = nanoClock;
  }

  public Decision take(String caller) {
    long now = clock.getAsLong();
    Bucket bucket = buckets.computeIfAbsent(caller, key -> new Bucket(capacity, now));
    synchronized (bucket) {
      double refilled = (double) (now - bucket.updatedNanos) / refillNanos;
      bucket.tokens = Math.min(capacity, bucket.tokens + refilled);
      bucket.updatedNanos = now;
      if (bucket.tokens >= 1) {
        bucket.tokens -= 1;
        return new Decision(true, Duration.ZERO);
      }
      long wait = (long) Math.ceil((1 - bucket.tokens) * refillNanos);
      return new Decision(false, Duration.ofNanos(wait));
    }
  }
}
