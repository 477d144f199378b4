package dev.envforge.client;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/** Reads a {@code text/event-stream} body and hands over each complete event. */
final class ServerSentEvents {

  /** One event: its name ({@code message} when unnamed) and its data lines joined. */
  record Event(String name, String data) {}

  interface Listener {
    /** Returns false to stop reading. */
    boolean onEvent(Event event);
  }

  private ServerSentEvents() {}

  /** Reads until the stream ends or the listener stops; returns whether the listener stopped. */
  static boolean read(InputStream body, Listener listener) throws IOException {
    BufferedReader reader = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8));
    String name = null;
    StringBuilder data = null;
    String line;
    while ((line = reader.readLine()) != null) {
      if (line.isEmpty()) {
        if (data != null
            && !listener.onEvent(new Event(name == null ? "message" : name, data.toString()))) {
          return true;
        }
        name = null;
        data = null;
      } else if (line.startsWith(":")) {
        continue; // a comment, e.g. a keep-alive
      } else {
        int colon = line.indexOf(':');
        String field = colon < 0 ? line : line.substring(0, colon);
        String value = colon < 0 ? "" : line.substring(colon + 1);
        if (value.startsWith(" ")) {
          value = value.substring(1);
        }
        if (field.equals("event")) {
          name = value;
        } else if (field.equals("data")) {
          data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
        }
      }
    }
    return false;
  }
}
