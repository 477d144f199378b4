package dev.envforge.bench;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import dev.envforge.activities.kubernetes.LocalClusterClients;
import dev.envforge.activities.kubernetes.RegistryClusterClients;
import dev.envforge.activities.postgres.DirectPostgresActivities;
import dev.envforge.activities.postgres.PostgresServer;
import dev.envforge.testing.LocalPlatform;
import dev.envforge.testing.LocalPlatformExtension;
import dev.envforge.testing.WorkerJvm;
import dev.envforge.workflows.activities.ClusterRef;
import dev.envforge.workflows.activities.DatabaseSpec;
import dev.envforge.workflows.activities.EnvironmentLabels;
import dev.envforge.workflows.environment.EnvironmentStatus;
import dev.envforge.workflows.environment.EnvironmentWorkflow;
import dev.envforge.workflows.environment.Phase;
import dev.envforge.workflows.reaper.ActionOutcome;
import dev.envforge.workflows.reaper.ReaperWorkflow;
import dev.envforge.workflows.reaper.SweepReport;
import dev.envforge.workflows.reaper.SweepRequest;
import dev.envforge.workflows.request.ClusterChoice;
import dev.envforge.workflows.request.DatabaseChoice;
import dev.envforge.workflows.request.EnvironmentNaming;
import dev.envforge.workflows.request.EnvironmentRequest;
import dev.envforge.workflows.request.Profile;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.serviceclient.WorkflowServiceStubs;
import java.io.PrintStream;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.slf4j.LoggerFactory;

/**
 * Seeds N managed namespaces across the reaper's classes on the local platform, runs one dry-run
 * sweep (the survey alone) and one real sweep with a worker JVM of its own, prints the times,
 * teardowns per second, the time until the real sweep's namespaces are gone next to the floor
 * (deleting as many directly), and the worker's peak memory, and removes everything it made. Run it
 * through {@code deploy/local/bench-reaper}.
 *
 * <p>A benchmark, not a test: it prints figures and checks none of them.
 */
public final class ReaperBench {

  private static final int SEED_THREADS = 16;
  private static final int DATABASE_THREADS = 2;
  private static final Duration TIME_LIMIT = Duration.ofMinutes(40);

  /** The default floor: as many namespaces as the sweep tears down (expired and orphaned). */
  private static final int SAME_COUNT = -1;

  private final int total;
  private final int drifted;
  private final int orphanDatabases;
  private final int floor;
  private final Duration grace;
  private final String run = HexFormat.of().formatHex(new SecureRandom().generateSeed(3));
  private final String prefix = "rb" + run + "-";
  private final String taskQueue = "reaper-bench-" + run;
  // Nobody polls this queue: a run started on it stays RUNNING, a cheap stand-in for a live one.
  private final String idleQueue = "reaper-bench-idle-" + run;
  private final PrintStream out = System.out;
  private final PrintStream progress = System.err;
  private final Deadline deadline = Deadline.in(TIME_LIMIT);

  private LocalPlatform platform;
  private WorkflowServiceStubs service;
  private WorkflowClient client;
  private RegistryClusterClients clusters;
  private KubernetesClient kubernetes;
  private final List<String> standIns = new ArrayList<>();
  private final List<EnvironmentWorkflow> realEnvironments = new ArrayList<>();
  private final List<DatabaseSpec> databases = new ArrayList<>();

  private ReaperBench(int total, int drifted, int orphanDatabases, int floor, Duration grace) {
    this.total = total;
    this.floor = floor;
    this.drifted = drifted;
    this.orphanDatabases = orphanDatabases;
    this.grace = grace;
  }

  public static void main(String[] args) throws Exception {
    int total = 2000;
    int drifted = 10;
    int databases = 50;
    int floor = SAME_COUNT;
    for (int i = 0; i < args.length; i += 2) {
      switch (args[i]) {
        case "-n" -> total = Integer.parseInt(args[i + 1]);
        case "--drifted" -> drifted = Integer.parseInt(args[i + 1]);
        case "--databases" -> databases = Integer.parseInt(args[i + 1]);
        case "--floor" -> floor = Integer.parseInt(args[i + 1]);
        default -> {
          System.err.println("usage: ReaperBench [-n N] [--drifted D] [--databases K] [--floor F]");
          System.exit(2);
        }
      }
    }
    ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).setLevel(Level.WARN);
    System.exit(new ReaperBench(total, drifted, databases, floor, Duration.ofSeconds(30)).run());
  }

  private int run() throws Exception {
    PrintStream stdout = System.out;
    System.setOut(progress); // the platform script's status is progress, not a figure
    try {
      platform = LocalPlatformExtension.platform();
    } finally {
      System.setOut(stdout);
    }
    connect();
    Path log = Path.of("target", "reaper-bench-worker.log").toAbsolutePath();
    progress.println("[bench-reaper] starting a worker (log " + log + ")");
    try (WorkerJvm worker =
        WorkerJvm.start(
            platform,
            taskQueue,
            prefix,
            log,
            Map.of("ENVFORGE_REAPER_ORPHAN_GRACE", grace.toString()))) {
      ProcessWatch watch = new ProcessWatch(Map.of("worker", worker.pid()));
      watch.start();
      try {
        return measure(watch);
      } finally {
        cleanUp();
      }
    } finally {
      clusters.close();
      kubernetes.close();
      service.shutdownNow();
    }
  }

  private int measure(ProcessWatch watch) throws Exception {
    int live = total / 5;
    int expired = total / 4;
    int orphans = total / 4;
    int kept = total * 3 / 20;
    int recent = total - live - expired - orphans - kept;
    out.printf(
        "reaper benchmark: %d managed namespaces (prefix %s) + %d drifted environments,"
            + " cluster local%n",
        total, prefix, drifted);

    int floorCount = floor == SAME_COUNT ? expired + orphans : floor;
    double floorSeconds = floorCount > 0 ? measureDeletionFloor(floorCount) : Double.NaN;
    long seedStart = System.nanoTime();
    seedDrifted();
    List<Seed> seeds = new ArrayList<>();
    Instant past = Instant.now().minus(Duration.ofHours(1));
    Instant future = Instant.now().plus(Duration.ofDays(1));
    seeds.addAll(seeds("orphan", orphans, future, false));
    seeds.addAll(seeds("expired", expired, past, false));
    seeds.addAll(seeds("kept", kept, past, true));
    List<Seed> liveSeeds = seeds("live", live, future, false);
    seeds.addAll(liveSeeds);
    startStandIns(liveSeeds);
    int created = create(seeds);
    long oldSeeded = System.nanoTime();
    createOrphanDatabases(seeds.stream().filter(s -> s.team().equals("orphan")).toList());
    // Orphans must be older than the grace period; the recent ones younger.
    long waitMillis = grace.plusSeconds(2).toMillis() - (System.nanoTime() - oldSeeded) / 1_000_000;
    if (waitMillis > 0) {
      progress.printf("[bench-reaper] waiting %d s for the grace period%n", waitMillis / 1000);
      Thread.sleep(waitMillis);
    }
    created += create(seeds("recent", recent, future, false));
    double seedSeconds = (System.nanoTime() - seedStart) / 1e9;
    out.printf(
        "seeded %d namespaces in %.1f s: live %d, expired %d, orphan %d (%d with a database),"
            + " kept %d, recent %d; drifted %d%n",
        created, seedSeconds, live, expired, orphans, databases.size(), kept, recent, drifted);

    progress.println("[bench-reaper] dry-run sweep");
    long dryStart = System.nanoTime();
    SweepReport dry = sweep("dry", true);
    double drySeconds = (System.nanoTime() - dryStart) / 1e9;
    out.printf("dry-run sweep (survey only): %.1f s, classes %s%n", drySeconds, dry.counts());

    progress.println("[bench-reaper] sweep");
    List<String> abandoned =
        seeds.stream()
            .filter(s -> s.team().equals("orphan") || s.team().equals("expired"))
            .map(this::namespaceOf)
            .toList();
    long sweepStart = System.nanoTime();
    CompletableFuture<SweepReport> acting = sweepAsync("real", false);
    awaitGone(abandoned);
    double goneSeconds = (System.nanoTime() - sweepStart) / 1e9;
    SweepReport real = acting.get();
    double sweepSeconds = (System.nanoTime() - sweepStart) / 1e9;
    int tornDown = real.count(ActionOutcome.TORN_DOWN);
    out.printf("sweep: %.1f s, classes %s%n", sweepSeconds, real.counts());
    out.printf("actions: %s%n", real.outcomes());
    out.printf(
        "teardowns: %d in %.1f s = %.1f /s%n", tornDown, sweepSeconds, tornDown / sweepSeconds);
    out.printf(
        "all %d expired and orphaned namespaces gone %.1f s after the sweep started"
            + " (its report after %.1f s); floor for %d: %.1f s; ratio %.2f%n",
        abandoned.size(),
        goneSeconds,
        sweepSeconds,
        floorCount,
        floorSeconds,
        floorCount == abandoned.size() ? goneSeconds / floorSeconds : Double.NaN);
    if (!real.clusterFailures().isEmpty()) {
      out.printf("cluster failures: %s%n", real.clusterFailures());
    }
    for (ProcessWatch.Usage usage : watch.stop()) {
      if (usage.name().equals("worker")) {
        out.printf(
            "worker peak RSS: %d MB sampled (kernel high-water mark %d MB), CPU %.1f s%n",
            usage.peakRssKb() / 1024, usage.hwmKb() / 1024, usage.cpuSeconds());
      }
    }
    return real.count(ActionOutcome.FAILED) == 0 ? 0 : 1;
  }

  /**
   * The floor: F empty managed namespaces deleted at once, straight through the API, timed until
   * they are gone. Namespace deletion is done by kube-controller-manager, whatever asks for it.
   */
  private double measureDeletionFloor(int count) throws InterruptedException {
    List<Seed> seeds = seeds("floor", count, Instant.now(), false);
    create(seeds);
    long start = System.nanoTime();
    Parallel.map(
        seeds,
        SEED_THREADS,
        deadline,
        "floor-delete",
        seed -> {
          kubernetes.namespaces().withName(namespaceOf(seed)).delete();
          return true;
        });
    awaitGone(seeds.stream().map(this::namespaceOf).toList());
    double seconds = (System.nanoTime() - start) / 1e9;
    out.printf(
        "floor: %d empty namespaces deleted directly and gone in %.1f s = %.1f /s%n",
        count, seconds, count / seconds);
    return seconds;
  }

  /** Returns once none of the namespaces exists; the floor and the sweep are timed alike. */
  private void awaitGone(List<String> namespaces) throws InterruptedException {
    for (String namespace : namespaces) {
      while (kubernetes.namespaces().withName(namespace).get() != null) {
        if (deadline.expired()) {
          throw new IllegalStateException("namespace " + namespace + " is still there");
        }
        Thread.sleep(200);
      }
    }
  }

  private void connect() {
    service = platform.newTemporalService();
    client = platform.workflowClient(service);
    clusters = LocalClusterClients.of(platform);
    kubernetes = clusters.shared("local");
  }

  private record Seed(String team, String name, Instant expiresAt, boolean keep) {
    String environmentId() {
      return EnvironmentNaming.environmentId(team, name);
    }

    String workflowId() {
      return EnvironmentNaming.workflowId(team, name);
    }

    EnvironmentLabels labels() {
      return new EnvironmentLabels(environmentId(), team, workflowId(), expiresAt);
    }
  }

  private List<Seed> seeds(String team, int count, Instant expiresAt, boolean keep) {
    return IntStream.range(0, count)
        .mapToObj(i -> new Seed(team, "e" + run + "-" + i, expiresAt, keep))
        .toList();
  }

  private String namespaceOf(Seed seed) {
    return EnvironmentNaming.namespace(prefix, seed.team(), seed.name());
  }

  /** Creates the namespaces in parallel; returns how many were made. */
  private int create(List<Seed> seeds) throws InterruptedException {
    long start = System.nanoTime();
    Map<Seed, Boolean> made =
        Parallel.map(seeds, SEED_THREADS, deadline, "seed", seed -> createNamespace(seed));
    progress.printf(
        "[bench-reaper] created %d namespaces in %.1f s%n",
        made.size(), (System.nanoTime() - start) / 1e9);
    return made.size();
  }

  private boolean createNamespace(Seed seed) {
    Map<String, String> labels = new HashMap<>();
    labels.put(EnvironmentLabels.MANAGED_BY, EnvironmentLabels.MANAGED_BY_VALUE);
    labels.put(EnvironmentLabels.ENVIRONMENT, seed.environmentId());
    labels.put(EnvironmentLabels.TEAM, seed.team());
    if (seed.keep()) {
      labels.put(EnvironmentLabels.KEEP, "true");
    }
    kubernetes
        .resource(
            new NamespaceBuilder()
                .withNewMetadata()
                .withName(namespaceOf(seed))
                .withLabels(labels)
                .withAnnotations(
                    Map.of(
                        EnvironmentLabels.EXPIRES_AT, seed.expiresAt().toString(),
                        EnvironmentLabels.WORKFLOW_ID, seed.workflowId()))
                .endMetadata()
                .build())
        .create();
    return true;
  }

  private void startStandIns(List<Seed> live) throws InterruptedException {
    Parallel.map(
        live,
        SEED_THREADS,
        deadline,
        "stand-in",
        seed -> {
          client
              .newUntypedWorkflowStub(
                  "EnvironmentWorkflow",
                  WorkflowOptions.newBuilder()
                      .setWorkflowId(seed.workflowId())
                      .setTaskQueue(idleQueue)
                      .build())
              .start();
          synchronized (standIns) {
            standIns.add(seed.workflowId());
          }
          return true;
        });
  }

  private void createOrphanDatabases(List<Seed> orphans) throws InterruptedException {
    DirectPostgresActivities postgres = postgres();
    List<DatabaseSpec> specs =
        orphans.stream()
            .limit(orphanDatabases)
            .map(
                seed -> {
                  String name = EnvironmentNaming.postgresName(namespaceOf(seed));
                  return new DatabaseSpec(
                      ClusterRef.shared("local"),
                      namespaceOf(seed),
                      name,
                      name,
                      EnvironmentNaming.CONNECTION_SECRET_NAME,
                      seed.labels());
                })
            .toList();
    databases.addAll(specs);
    Parallel.map(
        specs,
        DATABASE_THREADS,
        deadline,
        "database",
        spec -> {
          postgres.ensureDatabase(spec);
          return true;
        });
  }

  /** Real environments whose namespaces are then deleted by hand. */
  private void seedDrifted() throws InterruptedException {
    for (int i = 0; i < drifted; i++) {
      EnvironmentWorkflow environment =
          client.newWorkflowStub(
              EnvironmentWorkflow.class,
              WorkflowOptions.newBuilder()
                  .setWorkflowId(EnvironmentNaming.workflowId("drift", "e" + run + "-" + i))
                  .setTaskQueue(taskQueue)
                  .build());
      WorkflowClient.start(
          environment::run,
          new EnvironmentRequest(
              "drift",
              "e" + run + "-" + i,
              ClusterChoice.sharedDefault(),
              Profile.SMALL,
              DatabaseChoice.none(),
              "PT1H"));
      realEnvironments.add(environment);
    }
    for (EnvironmentWorkflow environment : realEnvironments) {
      EnvironmentStatus status = environment.status();
      while (status.phase() != Phase.READY) {
        if (status.phase().terminal() || deadline.expired()) {
          throw new IllegalStateException("a drifted environment did not get READY: " + status);
        }
        Thread.sleep(200);
        status = environment.status();
      }
      kubernetes.namespaces().withName(status.outputs().namespace()).delete();
    }
  }

  private SweepReport sweep(String name, boolean dryRun) throws Exception {
    return sweepAsync(name, dryRun).get();
  }

  private CompletableFuture<SweepReport> sweepAsync(String name, boolean dryRun) {
    ReaperWorkflow reaper =
        client.newWorkflowStub(
            ReaperWorkflow.class,
            WorkflowOptions.newBuilder()
                .setWorkflowId("reaper-bench-" + run + "/" + name)
                .setTaskQueue(taskQueue)
                .build());
    return WorkflowClient.execute(reaper::sweep, new SweepRequest(dryRun));
  }

  private DirectPostgresActivities postgres() {
    return new DirectPostgresActivities(
        PostgresServer.of(
            platform.postgresUrl(), platform.postgresUser(), platform.postgresPasswordFile()),
        clusters);
  }

  /** Everything this run made, whatever the sweep left. */
  private void cleanUp() throws InterruptedException {
    progress.println("[bench-reaper] cleaning up");
    Parallel.map(
        List.copyOf(standIns),
        SEED_THREADS,
        Deadline.in(Duration.ofMinutes(5)),
        "terminate",
        id -> {
          client.newUntypedWorkflowStub(id).terminate("reaper benchmark finished");
          return true;
        });
    for (EnvironmentWorkflow environment : realEnvironments) {
      WorkflowStub stub = WorkflowStub.fromTyped(environment);
      if (stub.describe().getStatus()
          == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING) {
        stub.terminate("reaper benchmark finished");
      }
    }
    DirectPostgresActivities postgres = postgres();
    for (DatabaseSpec database : databases) {
      postgres.dropDatabase(database);
    }
    List<String> left =
        kubernetes
            .namespaces()
            .withLabel(EnvironmentLabels.MANAGED_BY, EnvironmentLabels.MANAGED_BY_VALUE)
            .list()
            .getItems()
            .stream()
            .map(ns -> ns.getMetadata().getName())
            .filter(name -> name.startsWith(prefix))
            .toList();
    Parallel.map(
        left,
        SEED_THREADS,
        Deadline.in(Duration.ofMinutes(5)),
        "delete",
        name -> {
          kubernetes.namespaces().withName(name).delete();
          return true;
        });
    progress.printf("[bench-reaper] deleted %d leftover namespaces%n", left.size());
  }
}
