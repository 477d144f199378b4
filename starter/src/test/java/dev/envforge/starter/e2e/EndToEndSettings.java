package dev.envforge.starter.e2e;

import java.util.UUID;

/**
 * What the in-process starter and the worker JVM must agree on. The task queue is unique to this
 * test JVM, so no other worker (a developer's, another test run's) takes these workflows and this
 * worker takes no one else's.
 */
final class EndToEndSettings {

  static final String TASK_QUEUE = "e2e-" + UUID.randomUUID();

  /** Keeps these tests' namespaces and Postgres objects apart from everyone else's. */
  static final String NAMESPACE_PREFIX = "e2e-";

  private EndToEndSettings() {}
}
