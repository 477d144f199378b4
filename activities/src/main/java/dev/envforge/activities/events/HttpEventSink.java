package dev.envforge.activities.events;

import dev.envforge.activities.notification.WebhookSignature;
import dev.envforge.workflows.activities.ExpiryWarningActivities;
import io.temporal.failure.ApplicationFailure;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;

/**
 * POSTs one signed event to one sink, once: the caller's retry policy bounds the retries. The key
 * is read from its file at every send and never logged or put into a message.
 */
public final class HttpEventSink {

  private final EventSink sink;
  private final HttpClient http;

  public HttpEventSink(EventSink sink) {
    this.sink = sink;
    this.http =
        HttpClient.newBuilder()
            .connectTimeout(sink.timeout())
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  public EventSink sink() {
    return sink;
  }

  /**
   * @throws IllegalStateException when the sink could not be reached or answered in a way that may
   *     pass (408, 429, 5xx): the activity retries
   * @throws ApplicationFailure non-retryable, of type {@value
   *     ExpiryWarningActivities#WEBHOOK_REJECTED}, when the sink refused the event
   */
  public void post(byte[] body) {
    HttpRequest request =
        HttpRequest.newBuilder(sink.url())
            .timeout(sink.timeout())
            .header("Content-Type", EnvironmentCDEvents.CONTENT_TYPE)
            .header(WebhookSignature.HEADER, WebhookSignature.header(key(), body))
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .build();
    int status;
    try {
      status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (IOException e) {
      throw new IllegalStateException(
          "event sink " + sink.host() + " could not be reached: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while posting to " + sink.host(), e);
    }
    if (status >= 200 && status < 300) {
      return;
    }
    String answer = "event sink " + sink.host() + " answered HTTP " + status;
    if (retryable(status)) {
      throw new IllegalStateException(answer);
    }
    throw ApplicationFailure.newNonRetryableFailure(
        answer + "; not retried", ExpiryWarningActivities.WEBHOOK_REJECTED);
  }

  /** Timeouts, throttling and server errors may pass; other answers will not change. */
  static boolean retryable(int status) {
    return status == 408 || status == 429 || status >= 500;
  }

  private byte[] key() {
    try {
      return WebhookSignature.keyFromFile(Files.readAllBytes(sink.secretFile()));
    } catch (NoSuchFileException e) {
      throw new IllegalStateException(
          "the key file "
              + sink.secretFile()
              + " of event sink "
              + sink.host()
              + " does not exist");
    } catch (IOException e) {
      throw new IllegalStateException(
          "the key file "
              + sink.secretFile()
              + " of event sink "
              + sink.host()
              + " could not be read: "
              + e.getClass().getSimpleName());
    }
  }
}
