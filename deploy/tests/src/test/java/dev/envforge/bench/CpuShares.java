package dev.envforge.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The CPU that envforge's orchestration spent per environment beside the CPU of the platform it
 * drives. The platform's share is the work any provisioning tool would cause (Kubernetes objects, a
 * database); the orchestration's share is what envforge adds on top, so their ratio says how heavy
 * the orchestration is.
 *
 * @param orchestrationSeconds CPU of the worker, the API and the Temporal server
 * @param platformSeconds CPU of kube-apiserver, etcd, kube-controller-manager and Postgres
 * @param environments how many environments the CPU is shared out over
 * @param unwatched the processes of either side that were not watched (an external Temporal or
 *     cluster has no pid here), so that a partial sum is never taken for a whole one
 */
record CpuShares(
    double orchestrationSeconds, double platformSeconds, int environments, List<String> unwatched) {

  /** The names deploy/local/bench gives the watched processes. */
  static final List<String> ORCHESTRATION = List.of("worker", "starter", "temporal");

  static final List<String> PLATFORM =
      List.of("kube-apiserver", "etcd", "kube-controller-manager", "postgres");

  static final String ORCHESTRATION_LABEL = "envforge (worker + API + Temporal)";
  static final String PLATFORM_LABEL =
      "platform (kube-apiserver + etcd + kube-controller-manager + Postgres)";

  static CpuShares of(List<ProcessWatch.Usage> usages, int environments) {
    Map<String, ProcessWatch.Usage> byName =
        usages.stream()
            .filter(usage -> !Double.isNaN(usage.cpuSeconds()))
            .collect(Collectors.toMap(ProcessWatch.Usage::name, Function.identity()));
    List<String> unwatched = new ArrayList<>();
    double orchestration = sum(ORCHESTRATION, byName, unwatched);
    double platform = sum(PLATFORM, byName, unwatched);
    return new CpuShares(orchestration, platform, environments, List.copyOf(unwatched));
  }

  private static double sum(
      List<String> names, Map<String, ProcessWatch.Usage> byName, List<String> unwatched) {
    double seconds = 0;
    for (String name : names) {
      ProcessWatch.Usage usage = byName.get(name);
      if (usage == null) {
        unwatched.add(name);
      } else {
        seconds += usage.cpuSeconds();
      }
    }
    return seconds;
  }

  double orchestrationMillisPerEnvironment() {
    return perEnvironment(orchestrationSeconds);
  }

  double platformMillisPerEnvironment() {
    return perEnvironment(platformSeconds);
  }

  /** Orchestration over platform; NaN when the platform spent nothing measurable. */
  double ratio() {
    return platformSeconds <= 0 ? Double.NaN : orchestrationSeconds / platformSeconds;
  }

  private double perEnvironment(double seconds) {
    return environments == 0 ? Double.NaN : seconds * 1000 / environments;
  }
}
