package dev.envforge.activities.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PostgresServerTest {

  private static final Path FILE = Path.of("/run/secrets/pg-admin");

  @Test
  void givenOnlyTheAdminUrl_whenConfigured_itShouldGiveAppsTheAdminHostAndPortAndTwoSlots() {
    PostgresServer server =
        PostgresServer.of("jdbc:postgresql://10.1.2.3:15432/postgres", "admin", FILE);

    assertThat(server.appHost()).isEqualTo("10.1.2.3");
    assertThat(server.appPort()).isEqualTo(15432);
    assertThat(server.maxParallelCreates()).isEqualTo(2);
  }

  @Test
  void givenAnAdminUrlWithoutPort_whenConfigured_itShouldDefaultTo5432() {
    assertThat(PostgresServer.of("jdbc:postgresql://db/postgres", "admin", FILE).appPort())
        .isEqualTo(5432);
  }

  @Test
  void givenAMultiHostUrl_whenConfigured_itShouldGiveAppsTheFirstHost() {
    PostgresServer server =
        PostgresServer.of("jdbc:postgresql://a:5433,b:5434/postgres", "admin", FILE);

    assertThat(server.appHost()).isEqualTo("a");
    assertThat(server.appPort()).isEqualTo(5433);
  }

  @Test
  void givenAnExplicitAppHostAndPort_whenConfigured_itShouldKeepThem() {
    PostgresServer server =
        new PostgresServer(
            "jdbc:postgresql://127.0.0.1:15432/postgres", "admin", FILE, "pg.svc", 5432, 5);

    assertThat(server.appHost()).isEqualTo("pg.svc");
    assertThat(server.appPort()).isEqualTo(5432);
    assertThat(server.maxParallelCreates()).isEqualTo(5);
  }

  @Test
  void givenATemplateAsAdminDatabase_whenConfigured_itShouldBeRefused() {
    assertThatThrownBy(
            () -> PostgresServer.of("jdbc:postgresql://db:5432/template1", "admin", FILE))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("template1");
    assertThatThrownBy(
            () -> PostgresServer.of("jdbc:postgresql://db:5432/TEMPLATE0", "admin", FILE))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void givenSomethingElseThanAPostgresUrl_whenConfigured_itShouldBeRefusedWithoutItsQuery() {
    assertThatThrownBy(
            () -> PostgresServer.of("jdbc:mysql://db/postgres?password=hunter2", "admin", FILE))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("jdbc:mysql://db/postgres")
        .hasMessageNotContaining("hunter2");
  }

  @Test
  void givenAUrlWithAQuery_whenPrinted_itShouldLeaveTheQueryOut() {
    PostgresServer server =
        PostgresServer.of("jdbc:postgresql://db/postgres?password=hunter2", "admin", FILE);

    assertThat(server.toString())
        .contains("jdbc:postgresql://db/postgres")
        .doesNotContain("hunter2");
  }

  @Test
  void givenAPasswordFile_whenTheAdminPasswordIsRead_itShouldBeTheFileStripped(@TempDir Path dir)
      throws IOException {
    Path file = Files.writeString(dir.resolve("pw"), "  first\n");
    PostgresServer server = PostgresServer.of("jdbc:postgresql://db/postgres", "admin", file);

    assertThat(server.adminPassword()).isEqualTo("first");
    Files.writeString(file, "rotated\n");
    assertThat(server.adminPassword()).isEqualTo("rotated");
    assertThat(server.toString()).doesNotContain("rotated");
  }

  @Test
  void givenANegativeParallelism_whenConfigured_itShouldBeRefused() {
    assertThatThrownBy(
            () -> new PostgresServer("jdbc:postgresql://db/postgres", "admin", FILE, null, 0, -1))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
