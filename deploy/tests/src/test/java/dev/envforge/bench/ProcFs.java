package dev.envforge.bench;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;

/** Memory and CPU figures of processes and of the machine, read from Linux's /proc. */
final class ProcFs {

  /** Linux reports CPU time to user space in USER_HZ ticks, which is 100 on every architecture. */
  static final double TICKS_PER_SECOND = 100.0;

  private ProcFs() {}

  /** A {@code kB} field of /proc/PID/status, e.g. VmRSS or VmHWM (the peak resident set). */
  static OptionalLong statusKb(long pid, String field) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
        if (line.startsWith(field + ":")) {
          return OptionalLong.of(Long.parseLong(line.replaceAll("[^0-9]", "")));
        }
      }
    } catch (IOException | NumberFormatException e) {
      // The process is gone, or not ours to read.
    }
    return OptionalLong.empty();
  }

  /**
   * CPU ticks spent by the process, by its children that ended, and by its live children: Postgres
   * does its work in one short-lived backend per connection, so the postmaster alone says nothing.
   */
  static OptionalLong cpuTicksWithChildren(long pid) {
    OptionalLong own = cpuTicks(pid, true);
    if (own.isEmpty()) {
      return own;
    }
    long total = own.getAsLong();
    for (long child : children(pid)) {
      total += cpuTicks(child, true).orElse(0);
    }
    return OptionalLong.of(total);
  }

  /** Busy and total ticks of all CPUs together, from the first line of /proc/stat. */
  static long[] machineTicks() {
    try {
      String[] fields = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
      long total = 0;
      for (int i = 1; i < fields.length && i <= 8; i++) {
        total += Long.parseLong(fields[i]);
      }
      long idle = Long.parseLong(fields[4]) + Long.parseLong(fields[5]);
      return new long[] {total - idle, total};
    } catch (IOException | RuntimeException e) {
      return new long[] {0, 0};
    }
  }

  private static OptionalLong cpuTicks(long pid, boolean withEndedChildren) {
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
      // The command name in parentheses may hold spaces; the numbers come after its ')'.
      String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split("\\s+");
      long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
      if (withEndedChildren) {
        ticks += Long.parseLong(fields[13]) + Long.parseLong(fields[14]);
      }
      return OptionalLong.of(ticks);
    } catch (IOException | RuntimeException e) {
      return OptionalLong.empty();
    }
  }

  private static List<Long> children(long pid) {
    List<Long> children = new java.util.ArrayList<>();
    try (DirectoryStream<Path> tasks =
        Files.newDirectoryStream(Path.of("/proc", Long.toString(pid), "task"))) {
      for (Path task : tasks) {
        String text = Files.readString(task.resolve("children")).trim();
        if (!text.isEmpty()) {
          for (String child : text.split("\\s+")) {
            children.add(Long.parseLong(child));
          }
        }
      }
    } catch (IOException | RuntimeException e) {
      // A task ended while listed; its children were counted through the others or are gone.
    }
    return children;
  }
}
