package dev.envforge.images;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import tools.jackson.databind.JsonNode;

/**
 * What an image's configuration tells a container runtime: the user to run as, the environment, the
 * command and where to start it. Read from the config blob of the OCI image specification.
 */
record ImageConfig(
    String user,
    Map<String, String> environment,
    List<String> entrypoint,
    List<String> cmd,
    String workingDir,
    Set<String> exposedPorts) {

  static ImageConfig from(JsonNode configBlob) {
    JsonNode config = configBlob.path("config");
    Map<String, String> environment = new TreeMap<>();
    for (JsonNode entry : config.path("Env")) {
      String text = entry.asString();
      int equals = text.indexOf('=');
      environment.put(text.substring(0, equals), text.substring(equals + 1));
    }
    Set<String> ports = new TreeSet<>(config.path("ExposedPorts").propertyNames());
    return new ImageConfig(
        config.path("User").asString(""),
        environment,
        strings(config.path("Entrypoint")),
        strings(config.path("Cmd")),
        config.path("WorkingDir").asString(""),
        ports);
  }

  /** What runs: the entrypoint followed by its arguments, as a runtime joins them. */
  List<String> command() {
    List<String> command = new ArrayList<>(entrypoint);
    command.addAll(cmd);
    return command;
  }

  /** The directory the command starts in; a runtime starts in the root when none is set. */
  String workingDirOrRoot() {
    return workingDir.isEmpty() ? "/" : workingDir;
  }

  private static List<String> strings(JsonNode array) {
    List<String> values = new ArrayList<>();
    array.forEach(value -> values.add(value.asString()));
    return values;
  }
}
