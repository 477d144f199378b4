package dev.envforge.starter.api;

import dev.envforge.starter.config.EnvforgeProperties;
import dev.envforge.starter.environments.EnvironmentService;
import dev.envforge.starter.environments.ObservedEnvironment;
import dev.envforge.workflows.environment.Phase;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Streams an environment's status as server-sent events named {@code status}, one per change of
 * phase or step, until the environment settles. The workflow cannot push, so the status is polled:
 * all streams of one run share one {@link RunWatch}, which backs off while nothing changes; each
 * stream sends only what differs from its own last event.
 */
@Component
public class EnvironmentEventPublisher implements DisposableBean {

  static final String EVENT_NAME = "status";

  /** Phases after which nothing more happens without someone asking for it. */
  static final Set<Phase> SETTLED =
      EnumSet.of(Phase.READY, Phase.SLEEPING, Phase.FAILED, Phase.DESTROYED, Phase.REJECTED);

  private final EnvironmentService environments;
  private final TemporalUiLinks links;
  private final Duration timeout;
  private final Duration pollInterval;
  private final Duration maxPollInterval;
  private final ScheduledExecutorService poller;
  private final ConcurrentMap<String, RunWatch> watchesByRunId = new ConcurrentHashMap<>();

  public EnvironmentEventPublisher(
      EnvironmentService environments, TemporalUiLinks links, EnvforgeProperties properties) {
    this.environments = environments;
    this.links = links;
    this.timeout = properties.events().timeout();
    this.pollInterval = properties.events().pollInterval();
    this.maxPollInterval = properties.events().maxPollInterval();
    AtomicInteger threads = new AtomicInteger();
    this.poller =
        Executors.newScheduledThreadPool(
            properties.events().pollerThreads(),
            runnable -> {
              Thread thread =
                  new Thread(runnable, "environment-events-" + threads.incrementAndGet());
              thread.setDaemon(true);
              return thread;
            });
  }

  /** Opens a stream that starts with the given status and follows the same run. */
  public SseEmitter stream(ObservedEnvironment first) {
    SseEmitter emitter = new SseEmitter(timeout.toMillis());
    EventStream stream = new EventStream(emitter, System.nanoTime() + timeout.toNanos());
    emitter.onCompletion(stream::stop);
    emitter.onTimeout(stream::finish);
    emitter.onError(error -> stream.stop());
    stream.emit(EnvironmentView.of(first, links));
    if (!stream.ended()) {
      watch(first, stream);
    }
    return emitter;
  }

  /** Number of runs being polled for streams right now. */
  int watchedRuns() {
    return watchesByRunId.size();
  }

  private void watch(ObservedEnvironment run, EventStream stream) {
    while (true) {
      RunWatch watch = watchesByRunId.computeIfAbsent(run.runId(), runId -> newWatch(run));
      if (watch.join(stream)) {
        return;
      }
      // It stopped between being found and being joined.
      watchesByRunId.remove(run.runId(), watch);
    }
  }

  private RunWatch newWatch(ObservedEnvironment run) {
    return new RunWatch(
        run.workflowId(),
        () -> environments.follow(run.team(), run.name(), run.runId()),
        links,
        poller,
        pollInterval,
        maxPollInterval,
        retired -> watchesByRunId.remove(run.runId(), retired));
  }

  @Override
  public void destroy() {
    poller.shutdownNow();
  }
}
