package dev.envforge.starter.e2e;

import java.nio.file.Files;
import java.nio.file.Path;

/** The checkout this build runs in, where the worker jar and the browser tooling are. */
final class RepositoryRoot {

  private RepositoryRoot() {}

  static Path get() {
    // Failsafe passes the reactor's root; from an IDE, the working directory is below it.
    String configured = System.getProperty("envforge.repository.root");
    if (configured != null && isRoot(Path.of(configured))) {
      return Path.of(configured).toAbsolutePath();
    }
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (isRoot(dir)) {
        return dir;
      }
    }
    throw new IllegalStateException("cannot find the repository root above " + Path.of(""));
  }

  private static boolean isRoot(Path dir) {
    return Files.isRegularFile(dir.resolve("deploy/local/platform"))
        && Files.isDirectory(dir.resolve("worker"));
  }
}
