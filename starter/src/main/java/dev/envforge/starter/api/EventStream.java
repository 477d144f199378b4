package dev.envforge.starter.api;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * One client's stream of status events: sends a view only when it differs from the last one this
 * client got, and ends once the environment has settled. Views arrive one at a time (the first from
 * the request, the rest from the run's watch, whose polls never overlap); ending may come from any
 * thread.
 */
final class EventStream {

  private final SseEmitter emitter;
  private final long deadlineNanos;
  private final AtomicBoolean ended = new AtomicBoolean();
  private EnvironmentView last;
  private int sequence;

  /**
   * @param deadlineNanos {@link System#nanoTime()} after which the stream ends even if the
   *     environment never settles; the servlet container's async timeout ends it too, but this
   *     bound holds without one
   */
  EventStream(SseEmitter emitter, long deadlineNanos) {
    this.emitter = emitter;
    this.deadlineNanos = deadlineNanos;
  }

  void emit(EnvironmentView view) {
    if (!view.equals(last)) {
      last = view;
      send(EnvironmentEventPublisher.EVENT_NAME, view);
    }
    if (EnvironmentEventPublisher.SETTLED.contains(view.phase())) {
      finish();
    }
  }

  /** Tells the client that the status could not be read, and ends the stream. */
  void fail(String detail) {
    send("error", Map.of("detail", detail));
    finish();
  }

  boolean pastDeadline() {
    return System.nanoTime() - deadlineNanos > 0;
  }

  boolean ended() {
    return ended.get();
  }

  /** Ends the stream and completes the response. */
  void finish() {
    if (ended.compareAndSet(false, true)) {
      emitter.complete();
    }
  }

  /** Marks the stream ended without touching the response: the client or container ended it. */
  void stop() {
    ended.set(true);
  }

  private void send(String name, Object data) {
    if (ended()) {
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
}
