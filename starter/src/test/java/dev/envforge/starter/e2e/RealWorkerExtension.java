package dev.envforge.starter.e2e;

import dev.envforge.testing.LocalPlatformExtension;
import dev.envforge.testing.WorkerJvm;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Starts the real worker once for all end-to-end test classes of this JVM, on {@link
 * EndToEndSettings}' task queue, and stops it when the last of them has run: JUnit closes what the
 * root store holds at the very end.
 */
final class RealWorkerExtension implements BeforeAllCallback {

  /** Where the worker JVM writes its whole output. */
  static final Path WORKER_LOG = Path.of("target", "e2e-worker.log").toAbsolutePath();

  private static final ExtensionContext.Namespace STORE =
      ExtensionContext.Namespace.create(RealWorkerExtension.class);

  @Override
  public void beforeAll(ExtensionContext context) {
    context
        .getRoot()
        .getStore(STORE)
        .computeIfAbsent(
            WorkerJvm.class,
            key ->
                WorkerJvm.start(
                    LocalPlatformExtension.platform(),
                    EndToEndSettings.TASK_QUEUE,
                    EndToEndSettings.NAMESPACE_PREFIX,
                    WORKER_LOG),
            WorkerJvm.class);
  }
}
