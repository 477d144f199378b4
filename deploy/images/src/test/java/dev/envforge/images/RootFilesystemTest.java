package dev.envforge.images;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RootFilesystemTest {

  @TempDir Path work;

  @Test
  void givenALayerWithWhiteouts_whenUnpackedOverALowerOne_itShouldRemoveWhatTheyHide()
      throws IOException {
    Path lower = layer("lower", "app/keep.txt", "app/gone.txt", "cache/old.txt", "cache/older.txt");
    Path upperContent = work.resolve("upper");
    Files.createDirectories(upperContent.resolve("app"));
    Files.createDirectories(upperContent.resolve("cache"));
    Files.writeString(upperContent.resolve("app/.wh.gone.txt"), "");
    Files.writeString(upperContent.resolve("cache/.wh..wh..opq"), "");
    Files.writeString(upperContent.resolve("cache/new.txt"), "new");
    Path upper = pack(upperContent);

    Path root = RootFilesystem.unpack(List.of(lower, upper), work.resolve("root"));

    assertThat(root.resolve("app/keep.txt")).hasContent("app/keep.txt");
    assertThat(root.resolve("app/gone.txt")).doesNotExist();
    assertThat(root.resolve("app/.wh.gone.txt")).doesNotExist();
    assertThat(root.resolve("cache/old.txt")).doesNotExist();
    assertThat(root.resolve("cache/older.txt")).doesNotExist();
    assertThat(root.resolve("cache/new.txt")).hasContent("new");
    assertThat(root.resolve("cache/.wh..wh..opq")).doesNotExist();
  }

  @Test
  void givenTwoLayers_whenUnpacked_itShouldLetTheUpperOneWin() throws IOException {
    Path lower = layer("one", "etc/setting");
    Path upperContent = work.resolve("two");
    Files.createDirectories(upperContent.resolve("etc"));
    Files.writeString(upperContent.resolve("etc/setting"), "upper");

    Path root = RootFilesystem.unpack(List.of(lower, pack(upperContent)), work.resolve("root"));

    assertThat(root.resolve("etc/setting")).hasContent("upper");
  }

  /** A layer whose files each hold their own path. */
  private Path layer(String name, String... files) throws IOException {
    Path content = work.resolve(name);
    for (String file : files) {
      Files.createDirectories(content.resolve(file).getParent());
      Files.writeString(content.resolve(file), file);
    }
    return pack(content);
  }

  private Path pack(Path content) throws IOException {
    Path layer = work.resolve(content.getFileName() + ".tar.gz");
    Commands.run(List.of("tar", "-czf", layer.toString(), "-C", content.toString(), "."));
    return layer;
  }
}
