package dev.envforge.images;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * An image's entrypoint running on an unpacked root filesystem the way a container runtime runs it,
 * without one: in mount and PID namespaces of its own, chrooted into the root, which is mounted
 * read-only as the Helm chart asks ({@code readOnlyRootFilesystem}), with {@code /proc}, {@code
 * /dev}, {@code /sys}, an empty writable {@code /tmp} (the chart's emptyDir), the host's {@code
 * /etc/hosts} and {@code /etc/resolv.conf}, and read-only volumes; started as the image's user,
 * with only the image's environment plus what the caller adds (a pod's {@code env}), in the image's
 * working directory. It shares the host's network, as a pod on the host network would.
 *
 * <p>When the entrypoint ends, every process of its PID namespace ends with it, and the mounts go
 * with the mount namespace.
 */
final class ContainerRun implements AutoCloseable {

  private final Process process;
  private final Path log;

  private ContainerRun(Process process, Path log) {
    this.process = process;
    this.log = log;
  }

  static Builder of(Path root, ImageConfig config) {
    return new Builder(root, config);
  }

  /** The process the image's entrypoint became, once it has started. */
  Optional<ProcessHandle> entrypointProcess() {
    // setpriv, exec unshare (outer) -> its child: sh, exec unshare (inner), exec the entrypoint.
    return process.toHandle().children().findFirst();
  }

  boolean isAlive() {
    return process.isAlive();
  }

  /**
   * Waits for a one-shot command to end, as a Job's pod or a pipeline step would, and returns its
   * exit code (the entrypoint's: unshare passes it on).
   */
  int awaitExit(Duration patience) throws InterruptedException {
    if (!process.waitFor(patience.toMillis(), TimeUnit.MILLISECONDS)) {
      close();
      throw new IllegalStateException("the container still ran after " + patience);
    }
    return process.exitValue();
  }

  /** Everything the container printed, standard output and error interleaved. */
  String output() throws IOException {
    return Files.readString(log);
  }

  String logTail(int lines) {
    try {
      List<String> all = Files.readAllLines(log);
      return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  /**
   * Stops it as a runtime stops a container: SIGTERM to the entrypoint (the namespace's first
   * process; unshare itself passes it no signal), time to shut down, then SIGKILL.
   */
  @Override
  public void close() throws InterruptedException {
    entrypointProcess().ifPresent(ProcessHandle::destroy);
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      process.waitFor(10, TimeUnit.SECONDS);
    }
  }

  static final class Builder {
    private final Path root;
    private final ImageConfig config;
    private final Map<String, String> environment = new LinkedHashMap<>();
    private final Map<Path, String> volumes = new LinkedHashMap<>();
    private final Map<Path, String> writableVolumes = new LinkedHashMap<>();
    private List<String> command;
    private List<String> args;

    private Builder(Path root, ImageConfig config) {
      this.root = root;
      this.config = config;
    }

    /** An environment variable added to (or replacing one of) the image's. */
    Builder env(String name, String value) {
      environment.put(name, value);
      return this;
    }

    /** A host directory mounted read-only at a path in the container. */
    Builder volume(Path hostDirectory, String containerPath) {
      volumes.put(hostDirectory, containerPath);
      return this;
    }

    /** A host directory mounted writable at a path in the container (a step's results). */
    Builder writableVolume(Path hostDirectory, String containerPath) {
      writableVolumes.put(hostDirectory, containerPath);
      return this;
    }

    /** Arguments in place of the image's command, after its entrypoint (a pod's {@code args}). */
    Builder args(String... arguments) {
      this.args = List.of(arguments);
      return this;
    }

    /**
     * A command in place of the image's entrypoint and command (a pod's {@code command}, or a
     * Tekton step's script), found through the image's PATH.
     */
    Builder command(String... commandLine) {
      this.command = List.of(commandLine);
      return this;
    }

    ContainerRun start(Path log) throws IOException {
      if (!Integer.valueOf(0).equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid"))) {
        throw new IllegalStateException(
            "starting an image needs root, as a container runtime does: it mounts and chroots");
      }
      ImageUser user = ImageUser.resolve(config.user(), root);
      List<String> command = commandToRun();
      if (command.isEmpty()) {
        throw new IllegalStateException("the image has neither an entrypoint nor a command");
      }
      for (String mountPoint : mountPoints()) {
        Files.createDirectories(root.resolve(mountPoint));
      }
      for (String file : List.of("etc/hosts", "etc/resolv.conf")) {
        if (!Files.exists(root.resolve(file))) {
          Files.createFile(root.resolve(file));
        }
      }
      Path script = Files.writeString(log.resolveSibling("run-container.sh"), script());

      List<String> launcher = new ArrayList<>();
      // If the test's JVM dies, the kernel kills unshare, unshare's end kills the entrypoint, and
      // the entrypoint's end every process of its namespace: nothing outlives a crashed test.
      launcher.addAll(List.of("setpriv", "--pdeathsig", "KILL", "--"));
      launcher.addAll(
          List.of(
              "unshare", "--mount", "--pid", "--fork", "--kill-child", "--propagation", "private"));
      launcher.addAll(
          List.of(
              "/bin/sh",
              script.toString(),
              root.toString(),
              config.workingDirOrRoot(),
              Integer.toString(user.uid()),
              Integer.toString(user.gid())));
      launcher.addAll(command);

      ProcessBuilder builder =
          new ProcessBuilder(launcher)
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
      // Only the image's environment and the added variables, nothing of the test's JVM.
      builder.environment().clear();
      builder.environment().putAll(config.environment());
      builder.environment().putAll(environment);
      return new ContainerRun(builder.start(), log);
    }

    /** As a runtime joins them: the entrypoint, then the arguments or else the image's command. */
    private List<String> commandToRun() {
      if (command != null) {
        return command;
      }
      if (args == null) {
        return config.command();
      }
      List<String> joined = new ArrayList<>(config.entrypoint());
      joined.addAll(args);
      return joined;
    }

    private List<String> mountPoints() {
      List<String> points = new ArrayList<>(List.of("proc", "dev", "sys", "tmp"));
      volumes.values().forEach(path -> points.add(path.replaceFirst("^/", "")));
      writableVolumes.values().forEach(path -> points.add(path.replaceFirst("^/", "")));
      return points;
    }

    /**
     * Runs as root in the new namespaces on the host's shell and tools, then becomes the image's
     * process: its arguments are the root, working directory, uid, gid and the command.
     */
    private String script() {
      StringBuilder script = new StringBuilder();
      script.append("set -eu\n");
      script.append("root=\"$1\" workdir=\"$2\" uid=\"$3\" gid=\"$4\"\nshift 4\n");
      // A mount of its own, so that the root can be made read-only below without the host's.
      script.append("mount --bind \"$root\" \"$root\"\n");
      script.append("mount -t proc proc \"$root/proc\"\n");
      script.append("mount --rbind /dev \"$root/dev\"\n");
      script.append("mount --rbind /sys \"$root/sys\"\n");
      script.append("mount -t tmpfs -o mode=1777,nosuid,nodev tmpfs \"$root/tmp\"\n");
      script.append("mount --bind -o ro /etc/hosts \"$root/etc/hosts\"\n");
      script.append("mount --bind -o ro /etc/resolv.conf \"$root/etc/resolv.conf\"\n");
      volumes.forEach(
          (host, container) ->
              script
                  .append("mount --bind -o ro ")
                  .append(quoted(host.toString()))
                  .append(" \"$root\"")
                  .append(quoted(container))
                  .append('\n'));
      writableVolumes.forEach(
          (host, container) ->
              script
                  .append("mount --bind ")
                  .append(quoted(host.toString()))
                  .append(" \"$root\"")
                  .append(quoted(container))
                  .append('\n'));
      // Only the root's own mount becomes read-only; the volumes and /tmp keep their modes.
      script.append("mount -o remount,bind,ro \"$root\"\n");
      // Changes root, directory, group (dropping the supplementary ones) and user, then execs
      // the command, found through the image's PATH inside the new root.
      script.append(
          "exec unshare --root=\"$root\" --wd=\"$workdir\" --setgid=\"$gid\" --setuid=\"$uid\""
              + " -- \"$@\"\n");
      return script.toString();
    }

    private static String quoted(String value) {
      return "'" + value.replace("'", "'\\''") + "'";
    }
  }
}
