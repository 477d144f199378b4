package dev.envforge.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/** Applies a function to many items on a few threads, giving up on what the deadline cuts off. */
final class Parallel {

  private Parallel() {}

  /**
   * @return item → result, for the items that finished in time; the others are missing
   */
  static <T, R> Map<T, R> map(
      List<T> items, int threads, Deadline deadline, String name, Function<T, R> function)
      throws InterruptedException {
    ExecutorService pool =
        Executors.newFixedThreadPool(
            Math.max(1, Math.min(threads, items.size())), Threads.daemon(name));
    try {
      List<Future<R>> futures = new ArrayList<>();
      for (T item : items) {
        futures.add(pool.submit(() -> function.apply(item)));
      }
      pool.shutdown();
      pool.awaitTermination(deadline.remaining().toMillis(), TimeUnit.MILLISECONDS);
      Map<T, R> results = new LinkedHashMap<>();
      for (int i = 0; i < items.size(); i++) {
        Future<R> future = futures.get(i);
        if (future.isDone() && !future.isCancelled()) {
          try {
            results.put(items.get(i), future.get());
          } catch (ExecutionException e) {
            // The function reports its own failures; an escaped one counts as unfinished.
          }
        }
      }
      return results;
    } finally {
      pool.shutdownNow();
    }
  }
}
