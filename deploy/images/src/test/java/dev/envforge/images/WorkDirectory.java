package dev.envforge.images;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A test's scratch directory under target/. An unpacked root holds files of other users, device
 * references and links that point outside it (to /run, /proc), so it is removed with rm, which
 * never follows them.
 */
final class WorkDirectory {

  private WorkDirectory() {}

  static Path fresh(Path directory) throws IOException {
    delete(directory);
    return Files.createDirectories(directory).toAbsolutePath();
  }

  static void delete(Path directory) throws IOException {
    Commands.run(List.of("rm", "-rf", "--one-file-system", directory.toString()));
  }
}
