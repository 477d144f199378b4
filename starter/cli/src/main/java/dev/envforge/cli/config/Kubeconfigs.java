package dev.envforge.cli.config;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes kubeconfigs readable by their owner only, and merges one into another the way {@code
 * kubectl config} would: clusters, users and contexts replaced by name, the new context current.
 */
public final class Kubeconfigs {

  private static final ObjectMapper YAML =
      new ObjectMapper(
          YAMLFactory.builder()
              .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
              .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
              .build());
  private static final List<String> NAMED_LISTS = List.of("clusters", "users", "contexts");

  private Kubeconfigs() {}

  /** The file kubectl reads: the first of {@code $KUBECONFIG}, else {@code ~/.kube/config}. */
  public static Path defaultPath(Map<String, String> environment) {
    String list = environment.get("KUBECONFIG");
    if (list != null && !list.isBlank()) {
      return Path.of(list.split(File.pathSeparator)[0]);
    }
    return Path.of(
        environment.getOrDefault("HOME", System.getProperty("user.home")), ".kube", "config");
  }

  public static void write(Path path, String kubeconfig) {
    try {
      Path directory = path.toAbsolutePath().getParent();
      Files.createDirectories(directory);
      Path fresh =
          Files.createTempFile(
              directory,
              ".kubeconfig",
              ".new",
              PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      Files.writeString(fresh, kubeconfig, StandardCharsets.UTF_8);
      Files.move(fresh, path, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + path + ": " + e.getMessage(), e);
    }
  }

  /** Merges {@code addition} into the kubeconfig at {@code path} (made if absent). */
  public static void merge(Path path, String addition) {
    try {
      Map<String, Object> target =
          Files.exists(path) && Files.size(path) > 0
              ? read(Files.readString(path))
              : new LinkedHashMap<>();
      Map<String, Object> added = read(addition);
      for (String list : NAMED_LISTS) {
        target.put(list, mergeByName(entries(target.get(list)), entries(added.get(list))));
      }
      target.putIfAbsent("apiVersion", "v1");
      target.putIfAbsent("kind", "Config");
      if (added.get("current-context") != null) {
        target.put("current-context", added.get("current-context"));
      }
      write(path, YAML.writeValueAsString(target));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot merge into " + path + ": " + e.getMessage(), e);
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> read(String yaml) throws IOException {
    Map<String, Object> map = YAML.readValue(yaml, LinkedHashMap.class);
    return map == null ? new LinkedHashMap<>() : map;
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> entries(Object list) {
    return list instanceof List<?> items ? (List<Map<String, Object>>) items : List.of();
  }

  private static List<Map<String, Object>> mergeByName(
      List<Map<String, Object>> existing, List<Map<String, Object>> added) {
    List<Map<String, Object>> merged = new ArrayList<>();
    for (Map<String, Object> entry : existing) {
      boolean replaced =
          added.stream()
              .anyMatch(other -> String.valueOf(other.get("name")).equals(entry.get("name")));
      if (!replaced) {
        merged.add(entry);
      }
    }
    merged.addAll(added);
    return merged;
  }
}
