package dev.envforge.activities.temporal;

import io.temporal.activity.Activity;
import io.temporal.activity.ActivityExecutionContext;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Wraps activities that block without heartbeating of their own (a database create waiting for a
 * slot or a lock) so that they heartbeat while they run. Temporal then notices a crashed worker
 * after the heartbeat timeout instead of after the whole start-to-close timeout, and retries the
 * activity elsewhere sooner. A local activity has nothing to heartbeat to and is not kept alive.
 */
public final class KeepAlive {

  private static final ScheduledExecutorService BEATS =
      Executors.newSingleThreadScheduledExecutor(
          runnable -> {
            Thread thread = new Thread(runnable, "envforge-activity-keepalive");
            thread.setDaemon(true);
            return thread;
          });

  private KeepAlive() {}

  /** The same activities, heartbeating every {@code interval} while a method runs. */
  @SuppressWarnings("unchecked")
  public static <T> T wrap(Class<T> activityInterface, T target, Duration interval) {
    InvocationHandler handler =
        (proxy, method, args) -> {
          if (method.getDeclaringClass() == Object.class) {
            return method.invoke(target, args);
          }
          ActivityExecutionContext context = Activity.getExecutionContext();
          if (context.getInfo().isLocal()) {
            return invoke(target, method, args);
          }
          ScheduledFuture<?> beats =
              BEATS.scheduleAtFixedRate(
                  () -> beat(context),
                  interval.toMillis(),
                  interval.toMillis(),
                  TimeUnit.MILLISECONDS);
          try {
            return invoke(target, method, args);
          } finally {
            beats.cancel(false);
          }
        };
    return (T)
        Proxy.newProxyInstance(
            activityInterface.getClassLoader(), new Class<?>[] {activityInterface}, handler);
  }

  private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
    try {
      return method.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }

  private static void beat(ActivityExecutionContext context) {
    try {
      context.heartbeat(null);
    } catch (RuntimeException cancelledOrGone) {
      // The activity's own thread learns about cancellation when it finishes; nothing to do here.
    }
  }
}
