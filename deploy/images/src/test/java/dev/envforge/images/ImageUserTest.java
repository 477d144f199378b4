package dev.envforge.images;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageUserTest {

  @TempDir Path root;

  @BeforeEach
  void imageAccounts() throws IOException {
    Files.createDirectories(root.resolve("etc"));
    Files.writeString(
        root.resolve("etc/passwd"),
        "root:x:0:0:root:/root:/bin/bash\nenvforge:x:10001:10002::/nonexistent:/usr/sbin/nologin\n");
    Files.writeString(root.resolve("etc/group"), "root:x:0:\nops:x:10003:\n");
  }

  @Test
  void givenNoUser_itShouldBeRoot() throws IOException {
    assertThat(ImageUser.resolve("", root)).isEqualTo(new ImageUser(0, 0));
  }

  @Test
  void givenNumericIds_itShouldTakeThemAsTheyAre() throws IOException {
    assertThat(ImageUser.resolve("10001:10001", root)).isEqualTo(new ImageUser(10001, 10001));
    assertThat(ImageUser.resolve("4242", root)).isEqualTo(new ImageUser(4242, 0));
  }

  @Test
  void givenNames_itShouldLookThemUpInTheImage() throws IOException {
    assertThat(ImageUser.resolve("envforge", root)).isEqualTo(new ImageUser(10001, 10002));
    assertThat(ImageUser.resolve("envforge:ops", root)).isEqualTo(new ImageUser(10001, 10003));
  }

  @Test
  void givenAnUnknownName_itShouldSaySo() {
    assertThatThrownBy(() -> ImageUser.resolve("nobody", root))
        .hasMessageContaining("/etc/passwd has no nobody");
  }
}
