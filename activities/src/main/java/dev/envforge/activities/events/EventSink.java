package dev.envforge.activities.events;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

/**
 * One receiver of lifecycle events.
 *
 * @param url where events are POSTed
 * @param secretFile a file holding the HMAC-SHA256 key (its content, without a trailing newline);
 *     read at every send, so a rotated Secret takes effect without a restart
 * @param timeout how long one POST may take, connection included
 */
public record EventSink(URI url, Path secretFile, Duration timeout) {

  public EventSink {
    timeout = timeout == null ? Duration.ofSeconds(10) : timeout;
    if (url == null) {
      throw new IllegalArgumentException("an event sink needs a url");
    }
    String scheme = url.getScheme();
    if (!"http".equals(scheme) && !"https".equals(scheme)) {
      throw new IllegalArgumentException("an event sink's url must be an http or https URL");
    }
    if (secretFile == null) {
      throw new IllegalArgumentException(
          "the event sink " + url.getHost() + " has no secret-file: events are always signed");
    }
  }

  /** How logs and errors name the sink: its host, never its path or query (they may hold keys). */
  public String host() {
    return url.getHost();
  }
}
