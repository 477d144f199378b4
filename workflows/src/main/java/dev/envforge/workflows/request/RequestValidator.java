package dev.envforge.workflows.request;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** Checks a request's fields; every message names the field it is about. Pure. */
public final class RequestValidator {

  /**
   * RFC 1123 label as Kubernetes uses it for namespace names. Public, with the length, so that the
   * API's document states the very rule this enforces.
   */
  public static final String DNS_1123_LABEL_PATTERN = "[a-z0-9]([-a-z0-9]*[a-z0-9])?";

  public static final int MAX_LABEL_LENGTH = 63;

  private static final Pattern DNS_1123_LABEL = Pattern.compile(DNS_1123_LABEL_PATTERN);

  private RequestValidator() {}

  public static List<FieldError> validate(EnvironmentRequest raw, RequestLimits limits) {
    List<FieldError> errors = new ArrayList<>();
    if (raw == null) {
      errors.add(new FieldError("request", "must not be empty"));
      return errors;
    }
    EnvironmentRequest request = raw.withDefaults();
    label("team", request.team(), errors);
    label("name", request.name(), errors);
    if (errors.isEmpty()) {
      String namespace = limits.namespacePrefix() + request.environmentId();
      if (namespace.length() > MAX_LABEL_LENGTH) {
        errors.add(
            new FieldError(
                "name",
                "team and name together make the namespace '"
                    + namespace
                    + "', "
                    + namespace.length()
                    + " characters; at most "
                    + MAX_LABEL_LENGTH
                    + " are allowed"));
      }
    }
    ClusterChoice cluster = request.cluster();
    if (cluster.mode() == ClusterMode.SHARED && cluster.name() != null) {
      label("cluster.name", cluster.name(), errors);
    }
    if (cluster.mode() == ClusterMode.DEDICATED && cluster.name() != null) {
      errors.add(new FieldError("cluster.name", "must be empty for a dedicated cluster"));
    }
    if (!request.database().wanted() && raw.database() != null && raw.database().driver() != null) {
      errors.add(new FieldError("database.driver", "needs database.kind 'postgres'"));
    }
    TtlBounds bounds = limits.ttl().boundsFor(request.team(), request.profile());
    ttl(request.ttl(), bounds, errors);
    keep(request, bounds, errors);
    capabilities(request, errors);
    return errors;
  }

  /**
   * The capabilities the environment gets, in a stable order: the requested ones, or the profile's
   * defaults without those the environment cannot have (a state store without a database), so that
   * a default never fails a request. Call only on a valid request.
   */
  public static List<Capability> effectiveCapabilities(
      EnvironmentRequest request, RequestLimits limits) {
    EnvironmentRequest filled = request.withDefaults();
    if (filled.capabilities() != null) {
      return List.copyOf(withAll(filled.capabilities()));
    }
    Set<Capability> defaults = withAll(limits.capabilities().forProfile(filled.profile()));
    if (!filled.database().wanted()) {
      defaults.remove(Capability.STATESTORE);
    }
    return List.copyOf(defaults);
  }

  private static Set<Capability> withAll(List<Capability> capabilities) {
    Set<Capability> set = EnumSet.noneOf(Capability.class);
    set.addAll(capabilities);
    return set;
  }

  private static void capabilities(EnvironmentRequest request, List<FieldError> errors) {
    List<Capability> wanted = request.capabilities();
    if (wanted == null) {
      return;
    }
    Set<Capability> seen = EnumSet.noneOf(Capability.class);
    for (int i = 0; i < wanted.size(); i++) {
      Capability capability = wanted.get(i);
      String field = "capabilities[" + i + "]";
      if (capability == null) {
        errors.add(new FieldError(field, "must be one of " + knownCapabilities()));
      } else if (!seen.add(capability)) {
        errors.add(new FieldError(field, "'" + capability.key() + "' is named twice"));
      } else if (capability == Capability.STATESTORE && !request.database().wanted()) {
        errors.add(
            new FieldError(
                field,
                "'statestore' keeps its state in the database: needs database.kind 'postgres'"));
      }
    }
  }

  private static String knownCapabilities() {
    List<String> keys = new ArrayList<>();
    for (Capability capability : Capability.values()) {
      keys.add("'" + capability.key() + "'");
    }
    return String.join(", ", keys);
  }

  /**
   * The TTL to use: the requested one, or the policy's default for the team and profile; null for a
   * kept environment, which has none. Call only on a valid request.
   */
  public static Duration effectiveTtl(EnvironmentRequest request, RequestLimits limits) {
    if (request.keep()) {
      return null;
    }
    return request.ttl() == null
        ? limits.ttl().boundsFor(request.team(), request.profile()).defaultTtl()
        : Duration.parse(request.ttl());
  }

  private static void label(String field, String value, List<FieldError> errors) {
    if (value == null || value.isEmpty()) {
      errors.add(new FieldError(field, "is required"));
    } else if (value.length() > MAX_LABEL_LENGTH) {
      errors.add(new FieldError(field, "must be at most " + MAX_LABEL_LENGTH + " characters"));
    } else if (!DNS_1123_LABEL.matcher(value).matches()) {
      errors.add(
          new FieldError(
              field,
              "must be a DNS-1123 label: lowercase letters, digits and '-', starting and ending"
                  + " with a letter or digit"));
    }
  }

  private static void keep(EnvironmentRequest request, TtlBounds bounds, List<FieldError> errors) {
    if (!request.keep()) {
      return;
    }
    if (!bounds.keepAllowed()) {
      errors.add(
          new FieldError(
              "keep",
              "is not allowed for team '"
                  + request.team()
                  + "' with profile '"
                  + TtlPolicy.key(request.profile())
                  + "' (by "
                  + bounds.keepFrom()
                  + "); give a ttl instead"));
    }
    if (request.ttl() != null) {
      errors.add(
          new FieldError("ttl", "must be empty when keep is true: a kept environment has no TTL"));
    }
  }

  private static void ttl(String ttl, TtlBounds bounds, List<FieldError> errors) {
    if (ttl == null) {
      return;
    }
    Duration parsed;
    try {
      parsed = Duration.parse(ttl);
    } catch (DateTimeParseException e) {
      errors.add(new FieldError("ttl", "must be an ISO-8601 duration such as PT8H or P2D"));
      return;
    }
    if (parsed.compareTo(RequestLimits.MIN_TTL) < 0) {
      errors.add(new FieldError("ttl", "must be at least " + RequestLimits.MIN_TTL));
    } else if (parsed.compareTo(bounds.maxTtl()) > 0) {
      errors.add(
          new FieldError(
              "ttl", "must be at most " + bounds.maxTtl() + describeSource(bounds.maxFrom())));
    }
  }

  /** Names where a bound comes from, unless it is the global policy (the usual case). */
  private static String describeSource(String source) {
    return source == null ? "" : " (the maximum for " + source + ")";
  }
}
