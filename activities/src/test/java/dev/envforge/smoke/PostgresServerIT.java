package dev.envforge.smoke;

import static org.assertj.core.api.Assertions.assertThat;

import dev.envforge.testing.LocalPlatform;
import dev.envforge.testing.LocalPlatformExtension;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Proves the local Postgres is real: the admin connects and creates a database that works. */
@ExtendWith(LocalPlatformExtension.class)
class PostgresServerIT {

  @Test
  void givenTheAdminRole_whenItCreatesADatabase_itShouldAcceptConnectionsToIt(
      LocalPlatform platform) throws SQLException {
    String database = "smoke_" + UUID.randomUUID().toString().substring(0, 8);
    try (Connection admin =
            DriverManager.getConnection(
                platform.postgresUrl(), platform.postgresUser(), platform.postgresPassword());
        Statement statement = admin.createStatement()) {
      statement.execute("CREATE DATABASE " + database);
      try {
        String url = platform.postgresUrl().replaceFirst("/postgres(\\?|$)", "/" + database + "$1");
        try (Connection fresh =
                DriverManager.getConnection(
                    url, platform.postgresUser(), platform.postgresPassword());
            ResultSet current = fresh.createStatement().executeQuery("SELECT current_database()")) {
          assertThat(current.next()).isTrue();
          assertThat(current.getString(1)).isEqualTo(database);
        }
        try (PreparedStatement exists =
            admin.prepareStatement("SELECT count(*) FROM pg_database WHERE datname = ?")) {
          exists.setString(1, database);
          try (ResultSet rows = exists.executeQuery()) {
            rows.next();
            assertThat(rows.getInt(1)).isEqualTo(1);
          }
        }
      } finally {
        statement.execute("DROP DATABASE IF EXISTS " + database);
      }
    }
  }
}
