package dev.envforge.starter.api;

import dev.envforge.starter.environments.EnvironmentService.Observation;
import dev.envforge.starter.temporal.TemporalUnavailableException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls one run's status for every stream that follows it, so that ten clients watching the same
 * environment cost the status query of one. The workflow cannot push, so the watch asks: soon after
 * a change, since changes come in bursts while provisioning, and ever less often while the status
 * stays the same, up to a longest wait. It stops when its last stream has ended, or when the run
 * has closed and its final status has been handed out.
 *
 * <p>Polls never overlap: each one schedules the next when it is done.
 */
final class RunWatch {

  private static final Logger log = LoggerFactory.getLogger(RunWatch.class);

  private final String workflowId;
  private final Supplier<Observation> observe;
  private final TemporalUiLinks links;
  private final ScheduledExecutorService scheduler;
  private final Duration firstWait;
  private final Duration longestWait;
  private final Consumer<RunWatch> onRetired;

  private final List<EventStream> streams = new ArrayList<>(); // guarded by this
  private boolean retired; // guarded by this
  private boolean scheduled; // guarded by this
  private Duration wait;
  private EnvironmentView latest;

  /**
   * @param observe reads the run's status once
   * @param onRetired told once the watch has stopped and takes no more streams
   */
  RunWatch(
      String workflowId,
      Supplier<Observation> observe,
      TemporalUiLinks links,
      ScheduledExecutorService scheduler,
      Duration firstWait,
      Duration longestWait,
      Consumer<RunWatch> onRetired) {
    this.workflowId = workflowId;
    this.observe = observe;
    this.links = links;
    this.scheduler = scheduler;
    this.firstWait = firstWait;
    this.longestWait = longestWait;
    this.onRetired = onRetired;
    this.wait = firstWait;
  }

  /**
   * Adds a stream that has had its first event.
   *
   * @return false if the watch has stopped meanwhile; the caller then starts a new one
   */
  synchronized boolean join(EventStream stream) {
    if (retired) {
      return false;
    }
    streams.add(stream);
    if (!scheduled) {
      scheduleNext();
    }
    return true;
  }

  private void poll() {
    List<EventStream> audience = audience();
    if (audience.isEmpty()) {
      return;
    }
    Observation observation;
    try {
      observation = observe.get();
    } catch (TemporalUnavailableException e) {
      // Transient: the next poll tries again, and the streams' timeouts bound the waiting.
      log.debug("status of {} unavailable: {}", workflowId, e.getMessage());
      carryOn(false);
      return;
    } catch (RuntimeException e) {
      log.warn("status of {} failed, ending its event streams", workflowId, e);
      audience.forEach(stream -> stream.fail("the environment's status could not be read"));
      carryOn(false);
      return;
    }
    EnvironmentView view = EnvironmentView.of(observation.environment(), links);
    boolean changed = !view.equals(latest);
    latest = view;
    for (EventStream stream : audience) {
      stream.emit(view);
      if (observation.closed()) {
        // A closed run's status never changes again, settled or not.
        stream.finish();
      }
    }
    carryOn(changed);
  }

  /** The streams still listening; those past their deadline are ended first. */
  private synchronized List<EventStream> audience() {
    for (EventStream stream : streams) {
      if (stream.pastDeadline()) {
        stream.finish();
      }
    }
    streams.removeIf(EventStream::ended);
    if (streams.isEmpty()) {
      retire();
    }
    return List.copyOf(streams);
  }

  private synchronized void carryOn(boolean changed) {
    scheduled = false;
    streams.removeIf(EventStream::ended);
    if (streams.isEmpty()) {
      retire();
      return;
    }
    wait = changed ? firstWait : min(wait.multipliedBy(2), longestWait);
    scheduleNext();
  }

  private void scheduleNext() {
    scheduled = true;
    scheduler.schedule(this::poll, wait.toMillis(), TimeUnit.MILLISECONDS);
  }

  private void retire() {
    if (!retired) {
      retired = true;
      onRetired.accept(this);
    }
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }
}
