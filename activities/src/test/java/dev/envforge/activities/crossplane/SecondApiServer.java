package dev.envforge.activities.crossplane;

import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.awaitility.core.ConditionTimeoutException;

/**
 * A second, throw-away Kubernetes API server (etcd + kube-apiserver from the local platform's
 * cached binaries) on free loopback ports, with its own CA and admin certificate in a temp dir. It
 * stands for a dedicated cluster. Closing it kills both processes and deletes the temp dir.
 */
public final class SecondApiServer implements AutoCloseable {

  private static final String LOOPBACK = "127.0.0.1";
  private static final Duration COMMAND_TIMEOUT = Duration.ofMinutes(2);

  private final Path dir;
  private final List<Process> processes = new ArrayList<>();
  private int apiPort;
  private String adminKubeconfig;

  private SecondApiServer(Path dir) {
    this.dir = dir;
  }

  /** Starts etcd and kube-apiserver and waits, at most {@code timeout}, until it is ready. */
  public static SecondApiServer start(Duration timeout) throws IOException {
    SecondApiServer server = new SecondApiServer(Files.createTempDirectory("envforge-second-api"));
    try {
      server.launch(timeout);
      return server;
    } catch (IOException | RuntimeException e) {
      server.close();
      throw e;
    }
  }

  /** An admin kubeconfig (certificates inline), as a dedicated cluster's Secret would hold. */
  public String adminKubeconfig() {
    return adminKubeconfig;
  }

  public String url() {
    return "https://" + LOOPBACK + ":" + apiPort;
  }

  public KubernetesClient client() {
    return new KubernetesClientBuilder()
        .withConfig(Config.fromKubeconfig(null, adminKubeconfig, null))
        .build();
  }

  private void launch(Duration timeout) throws IOException {
    Instant deadline = Instant.now().plus(timeout);
    List<String> binaries = binaryDirectories();
    Path kubeBin = Path.of(binaries.get(0));
    Path etcdBin = Path.of(binaries.get(1));
    Path pki = Files.createDirectories(dir.resolve("pki"));
    issueCertificates(pki);
    int etcdPort = freePort();
    int etcdPeerPort = freePort();
    apiPort = freePort();
    adminKubeconfig = kubeconfig(pki);

    String etcdUrl = "http://" + LOOPBACK + ":" + etcdPort;
    String peerUrl = "http://" + LOOPBACK + ":" + etcdPeerPort;
    launchProcess(
        "etcd",
        List.of(
            etcdBin.resolve("etcd").toString(),
            "--name=second",
            "--data-dir=" + dir.resolve("etcd"),
            "--listen-client-urls=" + etcdUrl,
            "--advertise-client-urls=" + etcdUrl,
            "--listen-peer-urls=" + peerUrl,
            "--initial-advertise-peer-urls=" + peerUrl,
            "--initial-cluster=second=" + peerUrl,
            "--unsafe-no-fsync",
            "--log-level=warn"));
    awaitPort(etcdPort, deadline, "etcd");
    launchProcess(
        "kube-apiserver",
        List.of(
            kubeBin.resolve("kube-apiserver").toString(),
            "--bind-address=" + LOOPBACK,
            "--advertise-address=" + LOOPBACK,
            "--secure-port=" + apiPort,
            "--etcd-servers=" + etcdUrl,
            "--tls-cert-file=" + pki.resolve("apiserver.crt"),
            "--tls-private-key-file=" + pki.resolve("apiserver.key"),
            "--client-ca-file=" + pki.resolve("ca.crt"),
            "--authorization-mode=RBAC",
            "--service-account-issuer=https://kubernetes.default.svc",
            "--service-account-key-file=" + pki.resolve("service-account.pub"),
            "--service-account-signing-key-file=" + pki.resolve("service-account.key"),
            "--service-cluster-ip-range=10.0.1.0/24",
            // With no pods, nothing needs the `kubernetes` service's endpoint (loopback anyway).
            "--endpoint-reconciler-type=none",
            "--cert-dir=" + dir.resolve("cert-dir"),
            "--profiling=false"));
    awaitReady(deadline);
  }

  private void awaitReady(Instant deadline) {
    try (KubernetesClient client = client()) {
      awaitUntil(
          deadline,
          "/readyz to answer ok",
          Duration.ofMillis(500),
          () -> readiness(client),
          "ok"::equals);
    }
  }

  /** What {@code /readyz} answers, or why it did not. */
  private String readiness(KubernetesClient client) {
    assertAlive();
    try {
      return client.raw("/readyz");
    } catch (RuntimeException e) {
      return e.getMessage();
    }
  }

  private void awaitPort(int port, Instant deadline, String what) {
    awaitUntil(
        deadline,
        what + " to listen on " + port,
        Duration.ofMillis(100),
        () -> listening(port),
        Boolean::booleanValue);
  }

  private boolean listening(int port) {
    assertAlive();
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(LOOPBACK, port), 200);
      return true;
    } catch (IOException notYet) {
      return false;
    }
  }

  /**
   * Waits, until the deadline that the whole start shares, for {@code look} to answer what {@code
   * done} accepts; a timeout says what the two processes logged last.
   */
  private <T> void awaitUntil(
      Instant deadline, String what, Duration every, Callable<T> look, Predicate<T> done) {
    Duration left = Duration.between(Instant.now(), deadline);
    try {
      await(what)
          .atMost(left.isNegative() || left.isZero() ? Duration.ofMillis(1) : left)
          .pollInterval(every)
          .until(look, done);
    } catch (ConditionTimeoutException e) {
      throw new IllegalStateException(
          "the second API server did not start in time: " + e.getMessage() + "\n" + logTail(), e);
    }
  }

  private void assertAlive() {
    for (Process process : processes) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            "a process of the second API server exited with "
                + process.exitValue()
                + "\n"
                + logTail());
      }
    }
  }

  private void launchProcess(String name, List<String> command) throws IOException {
    Path log = dir.resolve(name + ".log");
    processes.add(
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start());
  }

  private String logTail() {
    StringBuilder tail = new StringBuilder();
    for (String name : List.of("etcd", "kube-apiserver")) {
      Path log = dir.resolve(name + ".log");
      try {
        if (Files.exists(log)) {
          List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
          tail.append("--- ").append(name).append(" ---\n");
          lines
              .subList(Math.max(0, lines.size() - 15), lines.size())
              .forEach(line -> tail.append(line).append('\n'));
        }
      } catch (IOException e) {
        tail.append("(cannot read ").append(log).append(")\n");
      }
    }
    return tail.toString();
  }

  /** Same PKI as the local platform's: a CA, a serving cert for loopback, an admin client. */
  private static void issueCertificates(Path pki) throws IOException {
    run(
        pki,
        "openssl",
        "req",
        "-x509",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-days",
        "2",
        "-subj",
        "/CN=envforge-second-ca",
        "-keyout",
        "ca.key",
        "-out",
        "ca.crt");
    issue(pki, "apiserver", "/CN=kube-apiserver", "DNS:localhost,IP:127.0.0.1,IP:10.0.1.1");
    issue(pki, "admin", "/O=system:masters/CN=envforge-second-admin", null);
    run(pki, "openssl", "genrsa", "-out", "service-account.key", "2048");
    run(
        pki,
        "openssl",
        "rsa",
        "-in",
        "service-account.key",
        "-pubout",
        "-out",
        "service-account.pub");
  }

  private static void issue(Path pki, String name, String subject, String altNames)
      throws IOException {
    run(
        pki,
        "openssl",
        "req",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-subj",
        subject,
        "-keyout",
        name + ".key",
        "-out",
        name + ".csr");
    String extensions =
        "extendedKeyUsage=clientAuth,serverAuth\n"
            + (altNames == null ? "" : "subjectAltName=" + altNames + "\n");
    Files.writeString(pki.resolve(name + ".ext"), extensions);
    run(
        pki,
        "openssl",
        "x509",
        "-req",
        "-in",
        name + ".csr",
        "-CA",
        "ca.crt",
        "-CAkey",
        "ca.key",
        "-CAcreateserial",
        "-days",
        "2",
        "-extfile",
        name + ".ext",
        "-out",
        name + ".crt");
  }

  private String kubeconfig(Path pki) throws IOException {
    return String.join(
        "\n",
        "apiVersion: v1",
        "kind: Config",
        "clusters:",
        "- name: second",
        "  cluster:",
        "    server: " + url(),
        "    certificate-authority-data: " + base64(pki.resolve("ca.crt")),
        "users:",
        "- name: second-admin",
        "  user:",
        "    client-certificate-data: " + base64(pki.resolve("admin.crt")),
        "    client-key-data: " + base64(pki.resolve("admin.key")),
        "contexts:",
        "- name: second",
        "  context:",
        "    cluster: second",
        "    user: second-admin",
        "current-context: second",
        "");
  }

  private static String base64(Path file) throws IOException {
    return Base64.getEncoder().encodeToString(Files.readAllBytes(file));
  }

  /** Line 1: the Kubernetes binaries' dir, line 2: etcd's (built once, cached). */
  private static List<String> binaryDirectories() throws IOException {
    Path script = RepositoryFiles.resolve("deploy/local/build-kube.sh");
    Process process =
        new ProcessBuilder(script.toString())
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    waitFor(process, script.toString());
    List<String> lines = output.strip().lines().toList();
    if (lines.size() < 2) {
      throw new IllegalStateException(script + " printed " + lines + ", not two directories");
    }
    return lines;
  }

  private static void run(Path workDir, String... command) throws IOException {
    Process process =
        new ProcessBuilder(command)
            .directory(workDir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    waitFor(process, String.join(" ", List.of(command).subList(0, 2)));
  }

  private static void waitFor(Process process, String what) {
    try {
      if (!process.waitFor(COMMAND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException(what + " did not finish in " + COMMAND_TIMEOUT);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running " + what, e);
    }
    if (process.exitValue() != 0) {
      throw new IllegalStateException(what + " failed with exit code " + process.exitValue());
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(LOOPBACK))) {
      return socket.getLocalPort();
    }
  }

  @Override
  public void close() {
    // The API server first, so it does not log a storm of etcd errors on the way down.
    for (int i = processes.size() - 1; i >= 0; i--) {
      Process process = processes.get(i);
      process.destroy();
      try {
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
          process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
      } catch (InterruptedException e) {
        process.destroyForcibly();
        Thread.currentThread().interrupt();
      }
    }
    processes.clear();
    deleteRecursively(dir);
  }

  private static void deleteRecursively(Path root) {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      paths.sorted(Comparator.reverseOrder()).forEach(SecondApiServer::deleteQuietly);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot clean up " + root, e);
    }
  }

  private static void deleteQuietly(Path path) {
    try {
      Files.deleteIfExists(path);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + path, e);
    }
  }
}
