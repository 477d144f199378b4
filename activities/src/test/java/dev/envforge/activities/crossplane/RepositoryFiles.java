package dev.envforge.activities.crossplane;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds files of the repository (e.g. {@code deploy/crossplane/}) from a test's working dir. */
final class RepositoryFiles {

  private RepositoryFiles() {}

  static Path root() {
    String configured = System.getProperty("envforge.repository.root");
    if (configured != null && Files.isDirectory(Path.of(configured, "deploy"))) {
      return Path.of(configured);
    }
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.isRegularFile(dir.resolve("deploy/local/build-kube.sh"))) {
        return dir;
      }
    }
    throw new IllegalStateException("cannot find the repository root above " + Path.of(""));
  }

  static Path resolve(String relative) {
    return root().resolve(relative);
  }
}
