package dev.envforge.starter.api;

import dev.envforge.starter.config.EnvforgeProperties;
import dev.envforge.starter.environments.EnvironmentService;
import dev.envforge.starter.environments.ObservedEnvironment;
import dev.envforge.starter.temporal.TemporalUnavailableException;
import dev.envforge.workflows.environment.Phase;
import java.io.IOException;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Streams an environment's status as server-sent events named {@code status}, one per change of
 * phase or step, until the environment settles. The workflow cannot push, so each stream polls the
 * status query on a shared scheduler and sends only what differs from its last event.
 */
@Component
public class EnvironmentEventPublisher implements DisposableBean {

  static final String EVENT_NAME = "status";

  /** Phases after which nothing more happens without someone asking for it. */
  static final Set<Phase> SETTLED = EnumSet.of(Phase.READY, Phase.FAILED, Phase.DESTROYED);

  private static final Logger log = LoggerFactory.getLogger(EnvironmentEventPublisher.class);

  private final EnvironmentService environments;
  private final TemporalUiLinks links;
  private final Duration timeout;
  private final Duration pollInterval;
  private final ScheduledExecutorService poller;

  public EnvironmentEventPublisher(
      EnvironmentService environments, TemporalUiLinks links, EnvforgeProperties properties) {
    this.environments = environments;
    this.links = links;
    this.timeout = properties.events().timeout();
    this.pollInterval = properties.events().pollInterval();
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
    Stream stream = new Stream(emitter, first);
    emitter.onCompletion(stream::stop);
    emitter.onTimeout(stream::finish);
    emitter.onError(error -> stream.stop());
    stream.emit(EnvironmentView.of(first, links));
    if (!stream.stopped) {
      stream.follow(
          poller.scheduleWithFixedDelay(
              stream::poll,
              pollInterval.toMillis(),
              pollInterval.toMillis(),
              TimeUnit.MILLISECONDS));
    }
    return emitter;
  }

  @Override
  public void destroy() {
    poller.shutdownNow();
  }

  /** One client's stream. Polls of one stream never overlap: the scheduler uses a fixed delay. */
  private final class Stream {
    private final SseEmitter emitter;
    private final ObservedEnvironment first;
    private final long deadlineNanos;
    private volatile boolean stopped;
    private volatile ScheduledFuture<?> polling;
    private EnvironmentView last;
    private int sequence;

    Stream(SseEmitter emitter, ObservedEnvironment first) {
      this.emitter = emitter;
      this.first = first;
      // The servlet container's async timeout ends the stream too; this bound holds without it.
      this.deadlineNanos = System.nanoTime() + timeout.toNanos();
    }

    void follow(ScheduledFuture<?> future) {
      polling = future;
      if (stopped) {
        future.cancel(false);
      }
    }

    void poll() {
      if (stopped) {
        return;
      }
      if (System.nanoTime() - deadlineNanos > 0) {
        finish();
        return;
      }
      ObservedEnvironment current;
      try {
        current = environments.observe(first.team(), first.name(), first.runId());
      } catch (TemporalUnavailableException e) {
        // Transient: the next poll tries again, and the stream's timeout bounds the waiting.
        log.debug("status of {} unavailable: {}", first.workflowId(), e.getMessage());
        return;
      } catch (RuntimeException e) {
        log.warn("status of {} failed, ending its event stream", first.workflowId(), e);
        send("error", Map.of("detail", "the environment's status could not be read"));
        finish();
        return;
      }
      emit(EnvironmentView.of(current, links));
    }

    void emit(EnvironmentView view) {
      if (!view.equals(last)) {
        last = view;
        send(EVENT_NAME, view);
      }
      if (SETTLED.contains(view.phase())) {
        finish();
      }
    }

    private void send(String name, Object data) {
      if (stopped) {
        return;
      }
      try {
        emitter.send(
            SseEmitter.event()
                .name(name)
                .id(Integer.toString(++sequence))
                .data(data, MediaType.APPLICATION_JSON));
      } catch (IOException | IllegalStateException e) {
        // The client went away; nothing to tell anyone.
        stop();
      }
    }

    void finish() {
      if (!stopped) {
        stop();
        emitter.complete();
      }
    }

    void stop() {
      stopped = true;
      ScheduledFuture<?> future = polling;
      if (future != null) {
        future.cancel(false);
      }
    }
  }
}
