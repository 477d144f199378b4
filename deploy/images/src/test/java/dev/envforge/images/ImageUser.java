package dev.envforge.images;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The numeric user and group an image's {@code User} stands for, resolved as a runtime does: {@code
 * uid[:gid]} as given, names through the image's own {@code /etc/passwd} and {@code /etc/group}. An
 * empty {@code User} means root.
 */
record ImageUser(int uid, int gid) {

  static ImageUser resolve(String user, Path root) throws IOException {
    if (user.isEmpty()) {
      return new ImageUser(0, 0);
    }
    String[] parts = user.split(":", 2);
    String[] passwd = parts[0].matches("\\d+") ? null : entry(root, "passwd", parts[0]);
    int uid = passwd == null ? Integer.parseInt(parts[0]) : Integer.parseInt(passwd[2]);
    int gid;
    if (parts.length == 2) {
      gid =
          parts[1].matches("\\d+")
              ? Integer.parseInt(parts[1])
              : Integer.parseInt(entry(root, "group", parts[1])[2]);
    } else if (passwd != null) {
      gid = Integer.parseInt(passwd[3]);
    } else {
      // A numeric user without a group runs with group 0, as with Docker and containerd.
      gid = 0;
    }
    return new ImageUser(uid, gid);
  }

  private static String[] entry(Path root, String database, String name) throws IOException {
    Path file = root.resolve("etc").resolve(database);
    for (String line : Files.readAllLines(file)) {
      // A group without members ends in an empty field, which split would otherwise drop.
      String[] fields = line.split(":", -1);
      if (fields.length >= 4 && fields[0].equals(name)) {
        return fields;
      }
    }
    throw new IllegalStateException("the image's /etc/" + database + " has no " + name);
  }
}
