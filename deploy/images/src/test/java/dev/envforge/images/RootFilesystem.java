package dev.envforge.images;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * An image's root filesystem made the way a container runtime makes it: the layers unpacked in
 * order, each on top of the ones below, with ownership and modes as the layer records them. A
 * whiteout entry ({@code .wh.<name>}) removes a path of a lower layer, an opaque marker ({@code
 * .wh..wh..opq}) everything a lower layer put in its directory.
 */
final class RootFilesystem {

  private static final String WHITEOUT = ".wh.";
  private static final String OPAQUE = ".wh..wh..opq";

  private RootFilesystem() {}

  static Path unpack(List<Path> layers, Path root) throws IOException {
    Files.createDirectories(root);
    for (Path layer : layers) {
      applyWhiteouts(layer, root);
      Commands.run(
          List.of(
              "tar",
              "-xzf",
              layer.toString(),
              "-C",
              root.toString(),
              "--numeric-owner",
              "--same-owner",
              "--preserve-permissions",
              "--exclude=" + WHITEOUT + "*",
              "--exclude=*/" + WHITEOUT + "*"));
    }
    return root;
  }

  private static void applyWhiteouts(Path layer, Path root) throws IOException {
    for (String entry : Commands.run(List.of("tar", "-tzf", layer.toString())).split("\n")) {
      Path path = Path.of(entry.startsWith("./") ? entry.substring(2) : entry);
      Path name = path.getFileName();
      if (name == null || !name.toString().startsWith(WHITEOUT)) {
        continue;
      }
      Path directory = path.getParent() == null ? root : root.resolve(path.getParent());
      if (name.toString().equals(OPAQUE)) {
        try (Stream<Path> below =
            Files.exists(directory) ? Files.list(directory) : Stream.empty()) {
          below.forEach(RootFilesystem::deleteTree);
        }
      } else {
        deleteTree(directory.resolve(name.toString().substring(WHITEOUT.length())));
      }
    }
  }

  private static void deleteTree(Path path) {
    if (!Files.exists(path, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try (Stream<Path> tree = Files.walk(path)) {
      for (Path each : tree.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(each);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
