package dev.envforge.deploy.preview;

import dev.envforge.testing.LocalPlatform;
import dev.envforge.testing.LocalPlatformExtension;
import dev.envforge.testing.WorkerJvm;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * envforge as the doors developers use see it: the packaged worker and the packaged API, each in a
 * JVM of its own, on a task queue of this test JVM, over the local platform; one team, and a static
 * API token for that team alone (not an admin), as a CI system or portal would be given. Started
 * once for every test class of this JVM that asks for a {@link Stack}; when the last has run, the
 * team's leftovers are deleted and both JVMs stopped.
 */
public final class PreviewStack implements BeforeAllCallback, ParameterResolver {

  /** Keeps these tests' namespaces and databases apart from everyone else's. */
  static final String NAMESPACE_PREFIX = "pv-";

  private static final Path TARGET = Path.of("target").toAbsolutePath();
  private static final ExtensionContext.Namespace STORE =
      ExtensionContext.Namespace.create(PreviewStack.class);

  /** What tests need to call the API as the team's CI would. */
  public record Stack(String server, String token, String team, LocalPlatform platform) {

    /** The namespace envforge makes for one of the team's environments. */
    String namespaceOf(String name) {
      return NAMESPACE_PREFIX + team + "-" + name;
    }
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    running(context);
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == Stack.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return running(context).stack();
  }

  private static Running running(ExtensionContext context) {
    return context
        .getRoot()
        .getStore(STORE)
        .computeIfAbsent(Running.class, key -> Running.start(), Running.class);
  }

  /** The two JVMs; JUnit closes what the root store holds when the last test class has run. */
  private record Running(Stack stack, WorkerJvm worker, ApiJvm api) implements AutoCloseable {

    static Running start() {
      LocalPlatform platform = LocalPlatformExtension.platform();
      String taskQueue = "preview-" + UUID.randomUUID();
      String team = "ci-" + UUID.randomUUID().toString().substring(0, 6);
      String token = newToken();
      Path tokensFile = tokensFile(team, token);
      WorkerJvm worker =
          WorkerJvm.start(
              platform, taskQueue, NAMESPACE_PREFIX, TARGET.resolve("preview-worker.log"));
      try {
        ApiJvm api =
            ApiJvm.start(
                platform,
                taskQueue,
                NAMESPACE_PREFIX,
                tokensFile,
                TARGET.resolve("preview-api.log"),
                // The tests make more changes a minute than one developer would.
                Map.of("ENVFORGE_RATE_LIMIT_CAPACITY", "1000"));
        return new Running(new Stack(api.address().toString(), token, team, platform), worker, api);
      } catch (RuntimeException e) {
        worker.close();
        throw e;
      }
    }

    @Override
    public void close() {
      try {
        new TeamLeftovers(stack).remove();
      } finally {
        api.close();
        worker.close();
      }
    }

    private static String newToken() {
      byte[] bytes = new byte[32];
      new SecureRandom().nextBytes(bytes);
      return HexFormat.of().formatHex(bytes);
    }

    /** The API is given only the token's SHA-256, in a file only this user can read. */
    private static Path tokensFile(String team, String token) {
      try {
        String sha256 =
            HexFormat.of()
                .formatHex(
                    MessageDigest.getInstance("SHA-256")
                        .digest(token.getBytes(StandardCharsets.UTF_8)));
        Path file =
            Files.createTempFile(
                TARGET,
                "preview-tokens",
                ".json",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(
            file,
            "[{\"name\":\"preview-ci\",\"sha256\":\""
                + sha256
                + "\",\"teams\":[\""
                + team
                + "\"],\"admin\":false}]");
        file.toFile().deleteOnExit();
        return file;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException(e);
      }
    }
  }
}
