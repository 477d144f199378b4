package dev.envforge.activities.notification;

import dev.envforge.workflows.activities.ExpiryWarningActivities;
import dev.envforge.workflows.activities.ExpiryWarningNotice;
import dev.envforge.workflows.activities.WebhookDelivery;
import io.temporal.failure.ApplicationFailure;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * POSTs expiry warnings as signed CloudEvents to the configured webhook. One attempt per call: the
 * caller's retry policy bounds the retries. The key is read from its file at every send and never
 * logged or put into a message.
 */
public final class HttpWebhookNotifier {

  private static final Logger log = LoggerFactory.getLogger(HttpWebhookNotifier.class);

  private final WebhookSettings settings;
  private final HttpClient http;

  public HttpWebhookNotifier(WebhookSettings settings) {
    this.settings = settings;
    this.http =
        HttpClient.newBuilder()
            .connectTimeout(settings.timeout())
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  public WebhookDelivery send(ExpiryWarningNotice notice) {
    if (!settings.enabled()) {
      return WebhookDelivery.DISABLED;
    }
    return post(notice.id(), ExpiryCloudEvent.body(notice, settings.apiBaseUrl()));
  }

  /**
   * POSTs one CloudEvent body, signed; {@code id} names it in the log.
   *
   * @return DISABLED when no webhook is configured
   */
  public WebhookDelivery post(String id, byte[] body) {
    if (!settings.enabled()) {
      return WebhookDelivery.DISABLED;
    }
    HttpRequest request =
        HttpRequest.newBuilder(settings.url())
            .timeout(settings.timeout())
            .header("Content-Type", ExpiryCloudEvent.CONTENT_TYPE)
            .header(WebhookSignature.HEADER, WebhookSignature.header(key(), body))
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .build();
    int status;
    try {
      status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (IOException e) {
      throw new IllegalStateException(
          "webhook " + settings.url().getHost() + " could not be reached: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while posting to the webhook", e);
    }
    if (status >= 200 && status < 300) {
      log.info("notification {} delivered to the webhook ({})", id, status);
      return WebhookDelivery.DELIVERED;
    }
    String answer = "webhook answered HTTP " + status;
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
      return WebhookSignature.keyFromFile(Files.readAllBytes(settings.secretFile()));
    } catch (NoSuchFileException e) {
      throw new IllegalStateException(
          "the webhook's key file " + settings.secretFile() + " does not exist");
    } catch (IOException e) {
      throw new IllegalStateException(
          "the webhook's key file "
              + settings.secretFile()
              + " could not be read: "
              + e.getClass().getSimpleName());
    }
  }
}
