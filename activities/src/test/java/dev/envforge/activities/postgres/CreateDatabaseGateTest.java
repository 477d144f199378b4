package dev.envforge.activities.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class CreateDatabaseGateTest {

  private final List<Duration> pauses = new ArrayList<>();

  private CreateDatabaseGate gate(int slots, int attempts) {
    return new CreateDatabaseGate(
        slots, Duration.ofMillis(200), attempts, Duration.ofMillis(100), pauses::add);
  }

  @Test
  void givenTheTemplateIsBusyTwice_whenCreating_itShouldRetryWithGrowingBackoffAndSucceed()
      throws SQLException {
    AtomicInteger calls = new AtomicInteger();

    gate(1, 5)
        .create(
            "d",
            () -> {
              if (calls.incrementAndGet() <= 2) {
                throw new SQLException("source database is being accessed", "55006");
              }
            });

    assertThat(calls).hasValue(3);
    assertThat(pauses).containsExactly(Duration.ofMillis(100), Duration.ofMillis(200));
  }

  @Test
  void givenTheTemplateStaysBusy_whenCreating_itShouldGiveUpAfterTheAttemptsWith55006() {
    AtomicInteger calls = new AtomicInteger();

    assertThatThrownBy(
            () ->
                gate(1, 3)
                    .create(
                        "d",
                        () -> {
                          calls.incrementAndGet();
                          throw new SQLException("busy", "55006");
                        }))
        .isInstanceOf(SQLException.class)
        .extracting(e -> ((SQLException) e).getSQLState())
        .isEqualTo("55006");
    assertThat(calls).hasValue(3);
  }

  @Test
  void givenAnotherError_whenCreating_itShouldNotRetry() {
    AtomicInteger calls = new AtomicInteger();

    assertThatThrownBy(
            () ->
                gate(1, 5)
                    .create(
                        "d",
                        () -> {
                          calls.incrementAndGet();
                          throw new SQLException("exists", "42P04");
                        }))
        .isInstanceOf(SQLException.class);
    assertThat(calls).hasValue(1);
    assertThat(pauses).isEmpty();
  }

  @Test
  void givenManyConcurrentCreations_whenGated_itShouldRunAtMostTheSlotsAtOnce() throws Exception {
    int slots = 2;
    CreateDatabaseGate gate =
        new CreateDatabaseGate(slots, Duration.ofSeconds(10), 1, Duration.ZERO, d -> {});
    AtomicInteger running = new AtomicInteger();
    AtomicInteger mostAtOnce = new AtomicInteger();
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(6);
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int i = 0; i < 6; i++) {
        futures.add(
            pool.submit(
                () -> {
                  start.await();
                  gate.create(
                      "d",
                      () -> {
                        mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
                        try {
                          Thread.sleep(50);
                        } catch (InterruptedException e) {
                          Thread.currentThread().interrupt();
                        }
                        running.decrementAndGet();
                      });
                  return null;
                }));
      }
      start.countDown();
      for (Future<?> future : futures) {
        future.get(10, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }

    assertThat(mostAtOnce.get()).isEqualTo(slots);
  }

  @Test
  void givenNoSlotFreesUp_whenCreating_itShouldFailTransientlyWithoutRunning() throws Exception {
    CreateDatabaseGate gate =
        new CreateDatabaseGate(1, Duration.ofMillis(100), 1, Duration.ZERO, d -> {});
    CountDownLatch holding = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    Thread holder =
        new Thread(
            () -> {
              try {
                gate.create(
                    "first",
                    () -> {
                      holding.countDown();
                      try {
                        release.await(10, TimeUnit.SECONDS);
                      } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                      }
                    });
              } catch (SQLException e) {
                throw new IllegalStateException(e);
              }
            });
    holder.start();
    try {
      assertThat(holding.await(10, TimeUnit.SECONDS)).isTrue();
      AtomicInteger calls = new AtomicInteger();

      assertThatThrownBy(() -> gate.create("second", calls::incrementAndGet))
          .isInstanceOf(PostgresOperationException.class)
          .hasMessageContaining("second");
      assertThat(calls).hasValue(0);
    } finally {
      release.countDown();
      holder.join(10_000);
    }
  }
}
