package dev.envforge.starter.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class TokenBucketsTest {

  @Test
  void givenABurst_whenTheBucketIsEmpty_itShouldRefuseUntilItRefills() {
    AtomicLong now = new AtomicLong();
    TokenBuckets buckets = new TokenBuckets(2, Duration.ofSeconds(10), now::get);

    assertThat(buckets.take("ci").allowed()).isTrue();
    assertThat(buckets.take("ci").allowed()).isTrue();
    TokenBuckets.Decision refused = buckets.take("ci");
    assertThat(refused.allowed()).isFalse();
    assertThat(refused.retryAfter()).isEqualTo(Duration.ofSeconds(10));
    assertThat(buckets.take("someone-else").allowed()).as("buckets are per caller").isTrue();

    now.addAndGet(Duration.ofSeconds(5).toNanos());
    assertThat(buckets.take("ci").retryAfter()).isEqualTo(Duration.ofSeconds(5));
    now.addAndGet(Duration.ofSeconds(5).toNanos());
    assertThat(buckets.take("ci").allowed()).isTrue();
  }
}
