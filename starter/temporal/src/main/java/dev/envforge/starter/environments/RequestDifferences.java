package dev.envforge.starter.environments;

import dev.envforge.workflows.request.EnvironmentRequest;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/** Which fields of two requests for the same team and name differ, after defaults. Pure. */
public final class RequestDifferences {

  private RequestDifferences() {}

  public static List<FieldDifference> between(EnvironmentRequest current, EnvironmentRequest next) {
    EnvironmentRequest a = current.withDefaults();
    EnvironmentRequest b = next.withDefaults();
    List<FieldDifference> differences = new ArrayList<>();
    compare("cluster.mode", text(a.cluster().mode()), text(b.cluster().mode()), differences);
    compare("cluster.name", a.cluster().name(), b.cluster().name(), differences);
    compare("profile", text(a.profile()), text(b.profile()), differences);
    compare("database.kind", text(a.database().kind()), text(b.database().kind()), differences);
    compare(
        "database.driver", text(a.database().driver()), text(b.database().driver()), differences);
    if (!a.keep().equals(b.keep())) {
      differences.add(
          new FieldDifference("keep", Boolean.toString(a.keep()), Boolean.toString(b.keep())));
    }
    compare("capabilities", capabilities(a), capabilities(b), differences);
    if (!sameTtl(a.ttl(), b.ttl())) {
      differences.add(new FieldDifference("ttl", a.ttl(), b.ttl()));
    }
    return differences;
  }

  private static void compare(
      String field, String current, String requested, List<FieldDifference> differences) {
    if (!Objects.equals(current, requested)) {
      differences.add(new FieldDifference(field, current, requested));
    }
  }

  /** PT8H and PT480M ask for the same thing; an absent TTL is the worker's default, not a value. */
  private static boolean sameTtl(String current, String requested) {
    if (current == null || requested == null) {
      return current == requested;
    }
    try {
      return Duration.parse(current).equals(Duration.parse(requested));
    } catch (DateTimeParseException e) {
      return current.equals(requested);
    }
  }

  /**
   * The same capabilities in any order ask for the same thing; absent ones are the profile's
   * defaults, not a value.
   */
  private static String capabilities(EnvironmentRequest request) {
    if (request.capabilities() == null) {
      return null;
    }
    return request.capabilities().stream()
        .map(capability -> capability == null ? "null" : capability.key())
        .distinct()
        .sorted()
        .collect(java.util.stream.Collectors.joining(",", "[", "]"));
  }

  /** Enum values as the request body spells them. */
  private static String text(Enum<?> value) {
    return value == null ? null : value.name().toLowerCase(Locale.ROOT);
  }
}
