package dev.envforge.cli.config;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

/**
 * Where {@code envforge login} keeps the server and the token: {@code $ENVFORGE_CONFIG}, else
 * {@code $XDG_CONFIG_HOME/envforge/config.json}, else {@code ~/.config/envforge/config.json}. The
 * file is readable by its owner only (0600) from the moment it exists: it is written to a new 0600
 * file next to it and moved into place.
 */
public final class ConfigFile {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path path;

  public ConfigFile(Path path) {
    this.path = path;
  }

  public static ConfigFile locate(Map<String, String> environment) {
    String explicit = environment.get("ENVFORGE_CONFIG");
    if (explicit != null && !explicit.isBlank()) {
      return new ConfigFile(Path.of(explicit));
    }
    String xdg = environment.get("XDG_CONFIG_HOME");
    Path base =
        xdg != null && !xdg.isBlank()
            ? Path.of(xdg)
            : Path.of(environment.getOrDefault("HOME", System.getProperty("user.home")), ".config");
    return new ConfigFile(base.resolve("envforge").resolve("config.json"));
  }

  public Path path() {
    return path;
  }

  /** The saved login, or null before the first {@code envforge login}. */
  public Login read() {
    if (!Files.exists(path)) {
      return null;
    }
    try {
      return JSON.readValue(path.toFile(), Login.class);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + path + ": " + e.getMessage(), e);
    }
  }

  public void write(Login login) {
    try {
      Path directory = path.toAbsolutePath().getParent();
      Files.createDirectories(directory);
      Path fresh = directory.resolve("." + path.getFileName() + ".new");
      Files.deleteIfExists(fresh);
      try {
        Files.createFile(
            fresh,
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      } catch (FileAlreadyExistsException e) {
        throw new IOException("another login is writing " + fresh, e);
      }
      Files.write(fresh, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(login));
      try {
        Files.move(
            fresh, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(fresh, path, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + path + ": " + e.getMessage(), e);
    }
  }
}
