package dev.envforge.activities.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.envforge.workflows.activities.ClusterRef;
import dev.envforge.workflows.activities.ExpiryWarningActivities;
import dev.envforge.workflows.activities.ExpiryWarningNotice;
import dev.envforge.workflows.activities.LifecycleNotice;
import dev.envforge.workflows.activities.WebhookDelivery;
import io.temporal.failure.ApplicationFailure;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The webhook as a receiver sees it: a JDK HTTP server on a random loopback port checks the
 * CloudEvents attributes and verifies the signature the way the README tells receivers to.
 */
class ExpiryWebhookTest {

  private static final String KEY = "a-shared-webhook-key-of-the-receiver";
  private static final Instant EXPIRES_AT = Instant.parse("2030-01-01T18:00:00Z");
  private static final ExpiryWarningNotice NOTICE =
      new ExpiryWarningNotice(
          "environment/payments/checkout/run-7/expiring/2030-01-01T18:00:00Z",
          "payments-checkout",
          "payments",
          "checkout",
          ClusterRef.shared("local"),
          "env-payments-checkout",
          "environment/payments/checkout",
          EXPIRES_AT,
          EXPIRES_AT.minus(Duration.ofHours(1)));

  /** One POST as the receiver got it. */
  record Received(String contentType, String signature, byte[] body) {}

  private final List<Received> received = new CopyOnWriteArrayList<>();
  private volatile int answer = 202;
  private HttpServer server;
  private Path keyFile;

  @BeforeEach
  void startReceiver(@TempDir Path dir) throws IOException {
    keyFile = dir.resolve("webhook-key");
    // Written the way `echo "$KEY" > file` or a Secret mounted from such a file looks.
    Files.writeString(keyFile, KEY + "\n");
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/hooks/envforge",
        exchange -> {
          received.add(
              new Received(
                  exchange.getRequestHeaders().getFirst("Content-Type"),
                  exchange.getRequestHeaders().getFirst("X-Envforge-Signature"),
                  exchange.getRequestBody().readAllBytes()));
          exchange.sendResponseHeaders(answer, -1);
          exchange.close();
        });
    server.start();
  }

  @AfterEach
  void stopReceiver() {
    server.stop(0);
  }

  @Test
  void givenAWebhook_whenAWarningIsSent_itShouldPostAStructuredCloudEvent() throws Exception {
    WebhookDelivery delivery = notifier().send(NOTICE);

    assertThat(delivery).isEqualTo(WebhookDelivery.DELIVERED);
    assertThat(received).hasSize(1);
    Received post = received.get(0);
    assertThat(post.contentType()).isEqualTo("application/cloudevents+json");
    JsonNode event = new ObjectMapper().readTree(post.body());
    assertThat(event.path("specversion").asText()).isEqualTo("1.0");
    assertThat(event.path("id").asText()).isEqualTo(NOTICE.id());
    assertThat(event.path("source").asText()).isEqualTo("/envforge/environments");
    assertThat(event.path("type").asText()).startsWith("dev.cdevents.environment.modified.");
    assertThat(event.path("subject").asText()).isEqualTo("payments-checkout");
    assertThat(event.path("time").asText()).isEqualTo("2030-01-01T17:00:00Z");
    assertThat(event.path("datacontenttype").asText()).isEqualTo("application/json");
    JsonNode cdEvent = event.path("data");
    assertThat(cdEvent.path("context").path("id").asText()).isEqualTo(NOTICE.id());
    assertThat(cdEvent.path("subject").path("id").asText()).isEqualTo("payments-checkout");
    JsonNode data = cdEvent.path("customData");
    assertThat(data.path("change").asText()).isEqualTo("expiring");
    assertThat(data.path("team").asText()).isEqualTo("payments");
    assertThat(data.path("name").asText()).isEqualTo("checkout");
    assertThat(data.path("namespace").asText()).isEqualTo("env-payments-checkout");
    assertThat(data.path("cluster").asText()).isEqualTo("local");
    assertThat(data.path("expiresAt").asText()).isEqualTo("2030-01-01T18:00:00Z");
    assertThat(data.path("workflowId").asText()).isEqualTo("environment/payments/checkout");
    assertThat(data.path("extendUrl").asText())
        .isEqualTo("https://envforge.example.com/api/v1/environments/payments/checkout/extend");
  }

  @Test
  void givenALifecycleNotice_whenSent_itShouldPostASignedCloudEventOfItsKind() throws Exception {
    LifecycleNotice notice =
        new LifecycleNotice(
            "environment/payments/checkout/run-7/approval.rejected/2030-01-01T10:00:00Z",
            "approval.rejected",
            "payments-checkout",
            "payments",
            "checkout",
            "environment/payments/checkout",
            "payments-lead",
            "use a smaller profile",
            Instant.parse("2030-01-01T10:00:00Z"));

    WebhookDelivery delivery =
        new WebhookLifecycleNotifications(notifier()).sendLifecycleWebhook(notice);

    assertThat(delivery).isEqualTo(WebhookDelivery.DELIVERED);
    Received post = received.get(0);
    assertThat(verifies(KEY, post)).isTrue();
    JsonNode event = new ObjectMapper().readTree(post.body());
    assertThat(event.path("type").asText()).isEqualTo("dev.envforge.environment.approval.rejected");
    assertThat(event.path("id").asText()).isEqualTo(notice.id());
    assertThat(event.path("time").asText()).isEqualTo("2030-01-01T10:00:00Z");
    assertThat(event.path("data").path("actor").asText()).isEqualTo("payments-lead");
    assertThat(event.path("data").path("detail").asText()).isEqualTo("use a smaller profile");
  }

  @Test
  void givenTheSharedKey_whenTheReceiverVerifiesTheSignature_itShouldMatchAndAWrongKeyShouldNot() {
    notifier().send(NOTICE);

    Received post = received.get(0);
    assertThat(post.signature()).startsWith("sha256=");
    assertThat(verifies(KEY, post)).isTrue();
    assertThat(verifies("another-key", post)).isFalse();
    assertThat(verifies(KEY + "\n", post)).isFalse();
    // A body changed on the way no longer matches its signature.
    byte[] tampered = post.body().clone();
    tampered[tampered.length - 2] ^= 1;
    assertThat(verifies(KEY, new Received(post.contentType(), post.signature(), tampered)))
        .isFalse();
  }

  @Test
  void givenARetry_whenTheSameWarningIsSentAgain_itShouldCarryTheSameIdBodyAndSignature() {
    HttpWebhookNotifier notifier = notifier();
    notifier.send(NOTICE);
    notifier.send(NOTICE);

    assertThat(received).hasSize(2);
    assertThat(received.get(1).body()).isEqualTo(received.get(0).body());
    assertThat(received.get(1).signature()).isEqualTo(received.get(0).signature());
  }

  @Test
  void givenAReceiverInTrouble_whenSent_itShouldFailSoThatTheActivityRetries() {
    answer = 503;

    Throwable failure = catchThrowable(() -> notifier().send(NOTICE));

    assertThat(failure).isInstanceOf(IllegalStateException.class).hasMessageContaining("503");
    assertThat(failure).isNotInstanceOf(ApplicationFailure.class);
  }

  @Test
  void givenAReceiverThatRefuses_whenSent_itShouldFailForGoodWithoutTheKey() {
    answer = 401;

    Throwable failure = catchThrowable(() -> notifier().send(NOTICE));

    assertThat(failure)
        .isInstanceOfSatisfying(
            ApplicationFailure.class,
            f -> {
              assertThat(f.isNonRetryable()).isTrue();
              assertThat(f.getType()).isEqualTo(ExpiryWarningActivities.WEBHOOK_REJECTED);
            })
        .hasMessageContaining("401")
        .hasMessageNotContaining(KEY);
  }

  @Test
  void givenNoReceiverListening_whenSent_itShouldFailSoThatTheActivityRetries() {
    server.stop(0);

    assertThatThrownBy(() -> notifier().send(NOTICE))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("could not be reached");
  }

  @Test
  void givenNoWebhookUrl_whenAWarningIsSent_itShouldSendNothing() {
    assertThat(new HttpWebhookNotifier(WebhookSettings.off()).send(NOTICE))
        .isEqualTo(WebhookDelivery.DISABLED);
    assertThat(received).isEmpty();
  }

  @Test
  void givenAUrlWithoutAKeyFile_whenConfigured_itShouldRefuseToStartUnsigned() {
    assertThatThrownBy(
            () -> new WebhookSettings(URI.create("https://hooks.example.com/x"), null, null, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("secret-file");
  }

  private HttpWebhookNotifier notifier() {
    URI url = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/hooks/envforge");
    return new HttpWebhookNotifier(
        new WebhookSettings(
            url, keyFile, Duration.ofSeconds(5), URI.create("https://envforge.example.com/")));
  }

  /** The receiver's side, written as the README's recipe says, independent of the sender's code. */
  private static boolean verifies(String key, Received post) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      String expected = "sha256=" + HexFormat.of().formatHex(mac.doFinal(post.body()));
      return MessageDigest.isEqual(
          expected.getBytes(StandardCharsets.UTF_8),
          post.signature().getBytes(StandardCharsets.UTF_8));
    } catch (java.security.GeneralSecurityException e) {
      throw new AssertionError(e);
    }
  }
}
