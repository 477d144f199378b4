package dev.envforge.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Watches the envforge processes and the platform while the API is under load: resident memory
 * sampled every 200 ms, the kernel's own peak (VmHWM) at the end, and CPU time spent in between,
 * beside the machine's total so that load from anything else on it shows too.
 */
final class ProcessWatch {

  private static final long SAMPLE_MILLIS = 200;

  /**
   * @param peakRssKb the highest resident set seen by sampling during the watch
   * @param hwmKb the kernel's peak resident set over the process's whole life
   * @param endRssKb the resident set when the watch stopped
   * @param cpuSeconds CPU time spent during the watch, children included
   */
  record Usage(
      String name, long pid, long peakRssKb, long hwmKb, long endRssKb, double cpuSeconds) {}

  /**
   * @param busyCoreSeconds CPU time all processes on the machine spent during the watch
   * @param wallSeconds how long the watch lasted
   */
  record Machine(double busyCoreSeconds, double wallSeconds, int cpus) {}

  private final Map<String, Long> processes;
  private final Map<String, Long> peakRss = new ConcurrentHashMap<>();
  private final Map<String, Long> cpuAtStart = new LinkedHashMap<>();
  private final ScheduledExecutorService sampler =
      Executors.newSingleThreadScheduledExecutor(Threads.daemon("rss-sampler"));
  private long[] machineAtStart;
  private long startNanos;

  ProcessWatch(Map<String, Long> processes) {
    Map<String, Long> all = new LinkedHashMap<>(processes);
    all.put("bench driver", ProcessHandle.current().pid());
    this.processes = all;
  }

  void start() {
    startNanos = System.nanoTime();
    machineAtStart = ProcFs.machineTicks();
    processes.forEach(
        (name, pid) -> cpuAtStart.put(name, ProcFs.cpuTicksWithChildren(pid).orElse(-1)));
    sampler.scheduleAtFixedRate(this::sample, 0, SAMPLE_MILLIS, TimeUnit.MILLISECONDS);
  }

  private void sample() {
    processes.forEach(
        (name, pid) ->
            ProcFs.statusKb(pid, "VmRSS").ifPresent(kb -> peakRss.merge(name, kb, Math::max)));
  }

  List<Usage> stop() {
    sampler.shutdownNow();
    sample();
    List<Usage> usages = new ArrayList<>();
    processes.forEach(
        (name, pid) -> {
          long before = cpuAtStart.getOrDefault(name, -1L);
          long after = ProcFs.cpuTicksWithChildren(pid).orElse(-1);
          double cpu =
              before < 0 || after < 0 ? Double.NaN : (after - before) / ProcFs.TICKS_PER_SECOND;
          usages.add(
              new Usage(
                  name,
                  pid,
                  peakRss.getOrDefault(name, -1L),
                  ProcFs.statusKb(pid, "VmHWM").orElse(-1),
                  ProcFs.statusKb(pid, "VmRSS").orElse(-1),
                  cpu));
        });
    return usages;
  }

  Machine machine() {
    long[] now = ProcFs.machineTicks();
    return new Machine(
        (now[0] - machineAtStart[0]) / ProcFs.TICKS_PER_SECOND,
        (System.nanoTime() - startNanos) / 1e9,
        Runtime.getRuntime().availableProcessors());
  }
}
