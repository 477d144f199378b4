package dev.envforge.starter.temporal;

import io.grpc.Context;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Runs blocking calls to Temporal under a gRPC deadline. The SDK loops on long polls while a
 * workflow has no worker to answer; the deadline ends that loop, so no request thread waits without
 * bound.
 */
@Component
public class CallDeadlines implements DisposableBean {

  // gRPC deadlines need a timer; one daemon thread serves all bounded calls.
  private final ScheduledExecutorService timer =
      Executors.newSingleThreadScheduledExecutor(
          runnable -> {
            Thread thread = new Thread(runnable, "temporal-call-deadlines");
            thread.setDaemon(true);
            return thread;
          });

  public <T> T within(Duration patience, Supplier<T> call) {
    Context.CancellableContext bounded =
        Context.current().withDeadlineAfter(patience.toMillis(), TimeUnit.MILLISECONDS, timer);
    try {
      return bounded.wrap(() -> call.get()).call();
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    } finally {
      bounded.cancel(null);
    }
  }

  @Override
  public void destroy() {
    timer.shutdownNow();
  }
}
