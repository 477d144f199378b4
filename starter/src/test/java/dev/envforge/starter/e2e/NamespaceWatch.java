package dev.envforge.starter.e2e;

import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * What the API server reported about one namespace while the watch was open. A namespace that lives
 * for a moment (made, then undone by a compensation) is seen here even when no poll would ever
 * catch it.
 */
final class NamespaceWatch implements AutoCloseable {

  /** One change: the watch action and the namespace's labels at that time. */
  record Change(Watcher.Action action, Map<String, String> labels) {}

  private final List<Change> changes = new CopyOnWriteArrayList<>();
  private Watch watch;

  private NamespaceWatch() {}

  static NamespaceWatch start(KubernetesClient kubernetes, String name) {
    NamespaceWatch recorder = new NamespaceWatch();
    recorder.watch =
        kubernetes
            .namespaces()
            .withName(name)
            .watch(
                new Watcher<>() {
                  @Override
                  public void eventReceived(Action action, Namespace namespace) {
                    Map<String, String> labels = namespace.getMetadata().getLabels();
                    recorder.changes.add(new Change(action, labels == null ? Map.of() : labels));
                  }

                  @Override
                  public void onClose(WatcherException cause) {
                    // Closed by close(), or the connection broke; what was seen stays recorded.
                  }
                });
    return recorder;
  }

  List<Change> changes() {
    return List.copyOf(changes);
  }

  List<Watcher.Action> actions() {
    return changes.stream().map(Change::action).toList();
  }

  @Override
  public void close() {
    watch.close();
  }
}
