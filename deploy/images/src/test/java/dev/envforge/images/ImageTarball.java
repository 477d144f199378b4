package dev.envforge.images;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * An image tarball as Jib's buildTar and {@code docker save} write it: {@code manifest.json} names
 * the config blob and the layers, lowest first. Opened by unpacking it into a directory.
 */
record ImageTarball(ImageConfig config, List<Path> layers) {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  static ImageTarball open(Path tarball, Path directory) throws IOException {
    if (!Files.isRegularFile(tarball)) {
      throw new IllegalStateException(
          "no image tarball at " + tarball + "; the image modules build it before this test");
    }
    Files.createDirectories(directory);
    Commands.run(List.of("tar", "-xf", tarball.toString(), "-C", directory.toString()));
    JsonNode manifest = JSON.readTree(directory.resolve("manifest.json").toFile()).get(0);
    JsonNode configBlob =
        JSON.readTree(directory.resolve(manifest.get("Config").asString()).toFile());
    List<Path> layers = new ArrayList<>();
    for (JsonNode layer : manifest.get("Layers")) {
      layers.add(directory.resolve(layer.asString()));
    }
    int diffIds = configBlob.path("rootfs").path("diff_ids").size();
    if (diffIds != layers.size()) {
      throw new IllegalStateException(
          tarball + " lists " + layers.size() + " layers but its config " + diffIds + " diff ids");
    }
    return new ImageTarball(ImageConfig.from(configBlob), layers);
  }
}
