package dev.envforge.activities.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.envforge.activities.kubernetes.LocalClusterClients;
import dev.envforge.activities.kubernetes.RegistryClusterClients;
import dev.envforge.testing.LocalPlatform;
import dev.envforge.testing.LocalPlatformExtension;
import dev.envforge.workflows.activities.ClusterRef;
import dev.envforge.workflows.activities.DatabaseRef;
import dev.envforge.workflows.activities.DatabaseSpec;
import dev.envforge.workflows.activities.EnvironmentLabels;
import dev.envforge.workflows.request.EnvironmentNaming;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.temporal.failure.ApplicationFailure;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The direct driver against the local platform's real Postgres 15 and real API server: what it
 * creates, that the credentials it hands out work where they should and nowhere else, and that it
 * survives retries after partial success.
 */
@ExtendWith(LocalPlatformExtension.class)
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class DirectPostgresActivitiesIT {

  private static final String TEAM = "itpg";

  private final String suffix = UUID.randomUUID().toString().substring(0, 8);
  private final List<DatabaseSpec> created = new ArrayList<>();
  private final List<String> extraRoles = new ArrayList<>();

  private LocalPlatform platform;
  private RegistryClusterClients clusters;
  private KubernetesClient kube;
  private PostgresServer server;
  private DirectPostgresActivities activities;

  @BeforeEach
  void connect(LocalPlatform platform) {
    this.platform = platform;
    clusters = LocalClusterClients.of(platform);
    kube = clusters.shared("local");
    server =
        PostgresServer.of(
            platform.postgresUrl(), platform.postgresUser(), platform.postgresPasswordFile());
    activities = new DirectPostgresActivities(server, clusters);
  }

  @AfterEach
  void cleanUp() throws SQLException {
    try (Connection admin = admin();
        Statement statement = admin.createStatement()) {
      for (DatabaseSpec spec : created) {
        statement.execute(PostgresSql.dropDatabase(spec.databaseName()));
        statement.execute(PostgresSql.dropRole(spec.roleName()));
      }
      for (String role : extraRoles) {
        statement.execute(PostgresSql.dropRole(role));
      }
    } finally {
      for (DatabaseSpec spec : created) {
        kube.namespaces().withName(spec.namespace()).delete();
      }
      clusters.close();
    }
  }

  @Test
  void givenANewEnvironment_whenEnsureDatabase_itShouldCreateRoleAndDatabaseTheSecretReaches()
      throws SQLException {
    DatabaseSpec spec = environment("fresh");

    DatabaseRef ref = activities.ensureDatabase(spec);

    assertThat(ref)
        .isEqualTo(
            new DatabaseRef(
                server.appHost(),
                server.appPort(),
                spec.databaseName(),
                spec.roleName(),
                spec.secretName()));
    Map<String, String> secret = secretValues(spec);
    assertThat(secret)
        .containsOnlyKeys("host", "port", "database", "username", "password", "jdbc-url", "uri");
    assertThat(secret.get("username")).isEqualTo(spec.roleName());
    try (Connection app =
            DriverManager.getConnection(
                secret.get("jdbc-url"), secret.get("username"), secret.get("password"));
        Statement statement = app.createStatement()) {
      try (ResultSet row = statement.executeQuery("SELECT current_database(), current_user")) {
        row.next();
        assertThat(row.getString(1)).isEqualTo(spec.databaseName());
        assertThat(row.getString(2)).isEqualTo(spec.roleName());
      }
      // The role owns its database: it may create tables in it.
      statement.execute("CREATE TABLE greeting (text varchar)");
    }
    assertThat(roleComment(spec.roleName()))
        .isEqualTo("envforge:environment=" + spec.labels().environmentId());
    assertThat(databaseOwnerAndComment(spec.databaseName()))
        .containsExactly(spec.roleName(), "envforge:environment=" + spec.labels().environmentId());
  }

  @Test
  void givenTwoEnvironments_whenOnesCredentialsConnectToTheOthersDatabase_itShouldBeRefused()
      throws SQLException {
    DatabaseSpec mine = environment("mine");
    DatabaseSpec theirs = environment("theirs");
    activities.ensureDatabase(mine);
    activities.ensureDatabase(theirs);
    Map<String, String> myCredentials = secretValues(mine);
    String theirUrl = secretValues(theirs).get("jdbc-url");

    // The same credentials do work on their own database, so the refusal below is about CONNECT.
    try (Connection own = appConnection(myCredentials)) {
      assertThat(own.isValid(5)).isTrue();
    }
    Throwable refused =
        catchThrowable(
            () ->
                DriverManager.getConnection(
                        theirUrl, myCredentials.get("username"), myCredentials.get("password"))
                    .close());

    assertThat(refused).isInstanceOf(SQLException.class);
    assertThat(((SQLException) refused).getSQLState()).isEqualTo("42501");
  }

  @Test
  void givenAnEnsuredDatabase_whenEnsuredAgain_itShouldKeepStateAndPassword() throws SQLException {
    DatabaseSpec spec = environment("twice");
    DatabaseRef first = activities.ensureDatabase(spec);
    Map<String, String> firstSecret = secretValues(spec);
    try (Connection app = appConnection(firstSecret);
        Statement statement = app.createStatement()) {
      statement.execute("CREATE TABLE kept (id int)");
      statement.execute("INSERT INTO kept VALUES (42)");
    }

    DatabaseRef second = activities.ensureDatabase(spec);

    assertThat(second).isEqualTo(first);
    Map<String, String> secondSecret = secretValues(spec);
    assertThat(secondSecret).isEqualTo(firstSecret);
    try (Connection app = appConnection(secondSecret);
        ResultSet row = app.createStatement().executeQuery("SELECT id FROM kept")) {
      assertThat(row.next()).isTrue();
      assertThat(row.getInt(1)).isEqualTo(42);
    }
    assertThat(databaseOwnerAndComment(spec.databaseName()))
        .containsExactly(spec.roleName(), "envforge:environment=" + spec.labels().environmentId());
  }

  @Test
  void givenTheRoleButNotTheDatabase_whenEnsureDatabaseIsRetried_itShouldComplete()
      throws SQLException {
    DatabaseSpec spec = environment("partial");
    // A first attempt that got as far as the Secret and the role, then died.
    activities.ensureDatabase(spec);
    String password = secretValues(spec).get("password");
    adminExecute(PostgresSql.dropDatabase(spec.databaseName()));
    assertThat(databaseOwnerAndComment(spec.databaseName())).isEmpty();
    assertThat(roleComment(spec.roleName())).isNotNull();

    activities.ensureDatabase(spec);

    assertThat(databaseOwnerAndComment(spec.databaseName()))
        .containsExactly(spec.roleName(), "envforge:environment=" + spec.labels().environmentId());
    Map<String, String> secret = secretValues(spec);
    assertThat(secret.get("password")).isEqualTo(password);
    try (Connection app = appConnection(secret)) {
      assertThat(app.isValid(5)).isTrue();
    }
  }

  @Test
  void givenADatabaseLeftUncommentedByACrash_whenEnsureDatabaseIsRetried_itShouldAdoptIt()
      throws SQLException {
    DatabaseSpec spec = environment("uncommented");
    activities.ensureDatabase(spec);
    // CREATE DATABASE and its COMMENT cannot share a transaction: a crash can fall in between.
    adminExecute("COMMENT ON DATABASE " + PostgresSql.identifier(spec.databaseName()) + " IS NULL");

    activities.ensureDatabase(spec);

    assertThat(databaseOwnerAndComment(spec.databaseName()))
        .containsExactly(spec.roleName(), "envforge:environment=" + spec.labels().environmentId());
  }

  @Test
  void givenTheSecretWasLost_whenEnsureDatabaseIsRetried_itShouldHandOutANewPasswordThatWorks()
      throws SQLException {
    DatabaseSpec spec = environment("lost");
    activities.ensureDatabase(spec);
    String oldPassword = secretValues(spec).get("password");
    kube.secrets().inNamespace(spec.namespace()).withName(spec.secretName()).delete();
    kube.secrets()
        .inNamespace(spec.namespace())
        .withName(spec.secretName())
        .waitUntilCondition(s -> s == null, 30, TimeUnit.SECONDS);

    activities.ensureDatabase(spec);

    Map<String, String> secret = secretValues(spec);
    assertThat(secret.get("password")).isNotEqualTo(oldPassword);
    try (Connection app = appConnection(secret)) {
      assertThat(app.isValid(5)).isTrue();
    }
    Map<String, String> stale = new HashMap<>(secret);
    stale.put("password", oldPassword);
    assertThat(catchThrowable(() -> appConnection(stale).close()))
        .isInstanceOf(SQLException.class)
        .extracting(e -> ((SQLException) e).getSQLState())
        .isEqualTo("28P01");
  }

  @Test
  void givenAnOpenAppSession_whenDropDatabase_itShouldRemoveDatabaseRoleAndSecret()
      throws SQLException {
    DatabaseSpec spec = environment("dropped");
    activities.ensureDatabase(spec);
    try (Connection app = appConnection(secretValues(spec))) {
      assertThat(app.isValid(5)).isTrue();

      activities.dropDatabase(spec);

      assertThat(app.isValid(5)).isFalse();
    }
    assertThat(databaseOwnerAndComment(spec.databaseName())).isEmpty();
    assertThat(roleExists(spec.roleName())).isFalse();
    assertThat(kube.secrets().inNamespace(spec.namespace()).withName(spec.secretName()).get())
        .isNull();
  }

  @Test
  void givenADroppedDatabase_whenDroppedAgain_itShouldDoNothingAndNotFail() throws SQLException {
    DatabaseSpec spec = environment("redropped");
    activities.ensureDatabase(spec);
    activities.dropDatabase(spec);

    activities.dropDatabase(spec);

    assertThat(databaseOwnerAndComment(spec.databaseName())).isEmpty();
    assertThat(roleExists(spec.roleName())).isFalse();
  }

  @Test
  void givenADatabaseOfAnotherEnvironment_whenEnsureDatabase_itShouldFailWithDatabaseConflict()
      throws SQLException {
    DatabaseSpec spec = environment("taken");
    adminExecute("CREATE DATABASE " + PostgresSql.identifier(spec.databaseName()));
    adminExecute(
        PostgresSql.commentOnDatabase(spec.databaseName(), "envforge:environment=itpg-other"));

    Throwable failure = catchThrowable(() -> activities.ensureDatabase(spec));

    assertThat(failure).isInstanceOf(ApplicationFailure.class);
    assertThat(((ApplicationFailure) failure).getType()).isEqualTo("DATABASE_CONFLICT");
    assertThat(((ApplicationFailure) failure).isNonRetryable()).isTrue();
    assertThat(failure.getMessage()).contains(spec.databaseName(), "itpg-other");
    // Refused before touching anything: no role, no Secret.
    assertThat(roleExists(spec.roleName())).isFalse();
    assertThat(kube.secrets().inNamespace(spec.namespace()).withName(spec.secretName()).get())
        .isNull();
  }

  @Test
  void givenADatabaseOfAnotherEnvironment_whenDropDatabase_itShouldLeaveItAlone()
      throws SQLException {
    DatabaseSpec spec = environment("notmine");
    adminExecute("CREATE DATABASE " + PostgresSql.identifier(spec.databaseName()));
    adminExecute(
        PostgresSql.commentOnDatabase(spec.databaseName(), "envforge:environment=itpg-other"));

    activities.dropDatabase(spec);

    assertThat(databaseOwnerAndComment(spec.databaseName()))
        .containsExactly(platform.postgresUser(), "envforge:environment=itpg-other");
  }

  @Test
  void givenARoleNotMadeByEnvforge_whenEnsureDatabase_itShouldFailWithDatabaseConflict()
      throws SQLException {
    DatabaseSpec spec = environment("handmade");
    adminExecute("CREATE ROLE " + PostgresSql.identifier(spec.roleName()));

    assertThatThrownBy(() -> activities.ensureDatabase(spec))
        .isInstanceOf(ApplicationFailure.class)
        .satisfies(
            e -> assertThat(((ApplicationFailure) e).getType()).isEqualTo("DATABASE_CONFLICT"))
        .hasMessageContaining("role \"" + spec.roleName() + "\"");
    activities.dropDatabase(spec);
    assertThat(roleExists(spec.roleName())).isTrue();
  }

  @Test
  void givenAnEnsuredDatabase_whenItsRefAndLaterFailuresArePrinted_itShouldNotShowThePassword()
      throws SQLException {
    DatabaseSpec spec = environment("quiet");
    DatabaseRef ref = activities.ensureDatabase(spec);
    String password = secretValues(spec).get("password");
    adminExecute(
        PostgresSql.commentOnDatabase(spec.databaseName(), "envforge:environment=itpg-other"));

    Throwable failure = catchThrowable(() -> activities.ensureDatabase(spec));

    assertThat(ref.toString()).doesNotContain(password);
    assertThat(failure).isInstanceOf(ApplicationFailure.class);
    assertThat(failure.toString()).doesNotContain(password);
    assertThat(failure.getMessage()).doesNotContain(password);
    assertThat(failure.getCause()).isNull();
  }

  @Test
  void givenAnAdminThatMayNotCreateRoles_whenEnsureDatabase_itShouldFailForbiddenWithoutPassword(
      @TempDir Path dir) throws SQLException, IOException {
    DatabaseSpec spec = environment("weak");
    DirectPostgresActivities weak = activitiesAsNewAdmin(dir, "LOGIN");

    Throwable failure = catchThrowable(() -> weak.ensureDatabase(spec));

    assertThat(failure).isInstanceOf(ApplicationFailure.class);
    assertThat(((ApplicationFailure) failure).getType()).isEqualTo("FORBIDDEN");
    assertThat(failure.getMessage()).contains("42501");
    // The Secret was written first; its password shows up nowhere in the failure.
    String password = secretValues(spec).get("password");
    assertThat(failure.toString()).doesNotContain(password);
    assertThat(failure.getCause()).isNull();
    assertThat(roleExists(spec.roleName())).isFalse();
  }

  @Test
  void givenAnAdminWithCreateRoleAndCreateDbButNoSuperuser_whenEnsuredAndDropped_itShouldWork(
      @TempDir Path dir) throws SQLException, IOException {
    DatabaseSpec spec = environment("managed");
    DirectPostgresActivities managed = activitiesAsNewAdmin(dir, "LOGIN CREATEROLE CREATEDB");

    managed.ensureDatabase(spec);
    try (Connection app = appConnection(secretValues(spec))) {
      assertThat(app.isValid(5)).isTrue();
      managed.dropDatabase(spec);
    }

    assertThat(databaseOwnerAndComment(spec.databaseName())).isEmpty();
    assertThat(roleExists(spec.roleName())).isFalse();
  }

  @Test
  void givenASessionOnTheTemplate_whenEnsureDatabase_itShouldRetry55006UntilTheTemplateIsFree()
      throws SQLException {
    DatabaseSpec spec = environment("template");
    Connection onTemplate = templateSession();
    AtomicInteger pauses = new AtomicInteger();
    // The gate's first pause between attempts is when the other session goes away.
    CreateDatabaseGate gate =
        new CreateDatabaseGate(
            1,
            Duration.ofSeconds(10),
            5,
            Duration.ZERO,
            backoff -> {
              pauses.incrementAndGet();
              closeQuietly(onTemplate);
            });
    try {
      DirectPostgresActivities retrying =
          new DirectPostgresActivities(server, clusters, new PasswordGenerator(), gate);

      DatabaseRef ref = retrying.ensureDatabase(spec);

      assertThat(pauses).as("CREATE DATABASE met 55006 and was retried").hasValue(1);
      assertThat(ref.database()).isEqualTo(spec.databaseName());
      assertThat(databaseOwnerAndComment(spec.databaseName())).first().isEqualTo(spec.roleName());
    } finally {
      closeQuietly(onTemplate);
    }
  }

  @Test
  void givenTheTemplateStaysBusy_whenEnsureDatabase_itShouldFailTransientlyAndSucceedLater()
      throws SQLException {
    DatabaseSpec spec = environment("busy");
    // One attempt: Postgres itself waits five seconds for the template before refusing.
    CreateDatabaseGate impatient =
        new CreateDatabaseGate(1, Duration.ofSeconds(10), 1, Duration.ZERO, backoff -> {});
    DirectPostgresActivities activities =
        new DirectPostgresActivities(server, clusters, new PasswordGenerator(), impatient);
    Throwable failure;
    try (Connection onTemplate = templateSession()) {
      failure = catchThrowable(() -> activities.ensureDatabase(spec));
    }

    assertThat(failure).isInstanceOf(PostgresOperationException.class);
    assertThat(((PostgresOperationException) failure).sqlState()).isEqualTo("55006");
    // What the workflow's retry would do once the template is free.
    activities.ensureDatabase(spec);
    try (Connection app = appConnection(secretValues(spec))) {
      assertThat(app.isValid(5)).isTrue();
    }
  }

  // ---- helpers ----

  private DatabaseSpec environment(String name) {
    String envName = name + "-" + suffix;
    String namespace = EnvironmentNaming.namespace("", TEAM, envName);
    String postgresName = EnvironmentNaming.postgresName(namespace);
    DatabaseSpec spec =
        new DatabaseSpec(
            ClusterRef.shared("local"),
            namespace,
            postgresName,
            postgresName,
            EnvironmentNaming.CONNECTION_SECRET_NAME,
            new EnvironmentLabels(
                EnvironmentNaming.environmentId(TEAM, envName),
                TEAM,
                EnvironmentNaming.workflowId(TEAM, envName),
                Instant.now().plus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS)));
    kube.resource(
            new NamespaceBuilder().withNewMetadata().withName(namespace).endMetadata().build())
        .create();
    created.add(spec);
    return spec;
  }

  /** A new admin role with {@code attributes} and a password file, and activities that use it. */
  private DirectPostgresActivities activitiesAsNewAdmin(Path dir, String attributes)
      throws SQLException, IOException {
    String role = "itpg_admin_" + suffix;
    String password = UUID.randomUUID().toString();
    adminExecute(
        "CREATE ROLE "
            + PostgresSql.identifier(role)
            + " "
            + attributes
            + " PASSWORD "
            + PostgresSql.literal(password));
    extraRoles.add(role);
    Path file = Files.writeString(dir.resolve("password"), password);
    return new DirectPostgresActivities(
        PostgresServer.of(platform.postgresUrl(), role, file), clusters);
  }

  private Map<String, String> secretValues(DatabaseSpec spec) {
    Secret secret = kube.secrets().inNamespace(spec.namespace()).withName(spec.secretName()).get();
    assertThat(secret).as("Secret %s/%s", spec.namespace(), spec.secretName()).isNotNull();
    Map<String, String> values = new HashMap<>();
    secret
        .getData()
        .forEach(
            (key, value) ->
                values.put(
                    key, new String(Base64.getDecoder().decode(value), StandardCharsets.UTF_8)));
    return values;
  }

  private static Connection appConnection(Map<String, String> secret) throws SQLException {
    Properties properties = new Properties();
    properties.setProperty("user", secret.get("username"));
    properties.setProperty("password", secret.get("password"));
    properties.setProperty("connectTimeout", "10");
    return DriverManager.getConnection(secret.get("jdbc-url"), properties);
  }

  private Connection templateSession() throws SQLException {
    String templateUrl = platform.postgresUrl().replaceFirst("/postgres(\\?|$)", "/template1$1");
    assertThat(templateUrl).contains("/template1");
    return DriverManager.getConnection(
        templateUrl, platform.postgresUser(), platform.postgresPassword());
  }

  private static void closeQuietly(Connection connection) {
    try {
      connection.close();
    } catch (SQLException e) {
      // Already gone is as good as closed.
    }
  }

  private Connection admin() throws SQLException {
    return DriverManager.getConnection(
        platform.postgresUrl(), platform.postgresUser(), platform.postgresPassword());
  }

  private void adminExecute(String sql) throws SQLException {
    try (Connection admin = admin();
        Statement statement = admin.createStatement()) {
      statement.execute(sql);
    }
  }

  private String roleComment(String role) throws SQLException {
    try (Connection admin = admin();
        PreparedStatement query =
            admin.prepareStatement(
                "SELECT shobj_description(oid, 'pg_authid') FROM pg_roles WHERE rolname = ?")) {
      query.setString(1, role);
      try (ResultSet row = query.executeQuery()) {
        return row.next() ? row.getString(1) : null;
      }
    }
  }

  private boolean roleExists(String role) throws SQLException {
    try (Connection admin = admin();
        PreparedStatement query =
            admin.prepareStatement("SELECT 1 FROM pg_roles WHERE rolname = ?")) {
      query.setString(1, role);
      try (ResultSet row = query.executeQuery()) {
        return row.next();
      }
    }
  }

  /** Owner and comment of the database, or an empty list when there is no such database. */
  private List<String> databaseOwnerAndComment(String database) throws SQLException {
    try (Connection admin = admin();
        PreparedStatement query =
            admin.prepareStatement(
                "SELECT pg_get_userbyid(datdba), shobj_description(oid, 'pg_database')"
                    + " FROM pg_database WHERE datname = ?")) {
      query.setString(1, database);
      try (ResultSet row = query.executeQuery()) {
        List<String> result = new ArrayList<>();
        if (row.next()) {
          result.add(row.getString(1));
          result.add(row.getString(2));
        }
        return result;
      }
    }
  }
}
