package dev.envforge.activities.postgres;

import java.util.Optional;

/**
 * Postgres has no labels, so envforge marks its roles and databases with a comment naming the
 * environment. Pure.
 */
final class OwnershipComment {

  static final String PREFIX = "envforge:environment=";

  private OwnershipComment() {}

  static String of(String environmentId) {
    return PREFIX + environmentId;
  }

  /** The environment a comment names, or empty for no comment or one envforge did not write. */
  static Optional<String> environmentOf(String comment) {
    if (comment == null || !comment.startsWith(PREFIX)) {
      return Optional.empty();
    }
    return Optional.of(comment.substring(PREFIX.length()));
  }

  static boolean names(String comment, String environmentId) {
    return environmentOf(comment).filter(environmentId::equals).isPresent();
  }

  /** Who a comment says the object belongs to, for messages. */
  static String describeOwner(String comment) {
    return environmentOf(comment)
        .map(id -> "environment '" + id + "'")
        .orElse("no envforge environment");
  }
}
