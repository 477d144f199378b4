package dev.envforge.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Brings up the local platform (or finds it already up) once per test JVM and hands tests a {@link
 * LocalPlatform}. The platform script is idempotent and honours the ENVFORGE_* variables that point
 * at a user's own Temporal, cluster or Postgres. The platform is left running after the tests so
 * that the next run starts in seconds; {@code deploy/local/platform down} stops it.
 */
public final class LocalPlatformExtension implements BeforeAllCallback, ParameterResolver {

  // The first run on a fresh machine compiles Kubernetes and etcd from source.
  private static final long FIRST_START_TIMEOUT_MINUTES = 60;

  private static LocalPlatform platform;

  @Override
  public void beforeAll(ExtensionContext context) {
    platform();
  }

  public static synchronized LocalPlatform platform() {
    if (platform == null) {
      Path script = repositoryRoot().resolve("deploy/local/platform");
      System.out.print(run(script, "up"));
      platform = LocalPlatform.fromSettings(parseSettings(run(script, "env")));
    }
    return platform;
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == LocalPlatform.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return platform();
  }

  static Map<String, String> parseSettings(String text) {
    Map<String, String> settings = new LinkedHashMap<>();
    for (String line : text.split("\n")) {
      int equals = line.indexOf('=');
      if (equals > 0 && !line.startsWith("#")) {
        settings.put(line.substring(0, equals).strip(), line.substring(equals + 1).strip());
      }
    }
    return settings;
  }

  /** The checkout this build runs in: where deploy/ and the modules' target folders are. */
  public static Path repositoryRoot() {
    String configured = System.getProperty("envforge.repository.root");
    if (configured != null && Files.isRegularFile(Path.of(configured, "deploy/local/platform"))) {
      return Path.of(configured);
    }
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.isRegularFile(dir.resolve("deploy/local/platform"))) {
        return dir;
      }
    }
    throw new IllegalStateException("cannot find deploy/local/platform above " + Path.of(""));
  }

  /** Runs the platform script; its progress goes to the test log, its stdout is returned. */
  private static String run(Path script, String command) {
    try {
      Process process =
          new ProcessBuilder("bash", script.toString(), command)
              .redirectError(ProcessBuilder.Redirect.INHERIT)
              .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
              .start();
      String output;
      try (InputStream stdout = process.getInputStream()) {
        output = new String(stdout.readAllBytes(), StandardCharsets.UTF_8);
      }
      if (!process.waitFor(FIRST_START_TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
        process.destroyForcibly();
        throw new IllegalStateException("deploy/local/platform " + command + " timed out");
      }
      if (process.exitValue() != 0) {
        throw new IllegalStateException(
            "deploy/local/platform " + command + " failed with exit code " + process.exitValue());
      }
      return output;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while starting the local platform", e);
    }
  }
}
