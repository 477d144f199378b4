package dev.envforge.deploy.preview;

import static org.assertj.core.api.Assertions.assertThat;

import dev.envforge.testing.LocalPlatformExtension;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Tekton Task and the example Pipeline: accepted by a server-side dry run against Tekton's own
 * CRDs installed into the local API server (no Tekton controller runs there: nothing is executed by
 * Tekton), every reference in them declared, and the Task's script run as a plain shell step, with
 * the envforge command of this build, against the real API and worker.
 */
@ExtendWith({LocalPlatformExtension.class, PreviewStack.class})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TektonIT {

  private static final Path ROOT = LocalPlatformExtension.repositoryRoot();
  private static final Path TASK = ROOT.resolve("deploy/tekton/envforge-environment-task.yaml");
  private static final Path PIPELINE = ROOT.resolve("deploy/tekton/preview-pipeline.yaml");

  private PreviewStack.Stack stack;
  private Path kubectl;
  private Path cliBin;

  @BeforeAll
  void prepare(PreviewStack.Stack stack, @TempDir Path cliPrefix) {
    this.stack = stack;
    Command.Result crds =
        Command.of(
                ROOT,
                "bash",
                "deploy/tekton/crds.sh",
                "--install",
                stack.platform().kubeconfig().toString())
            .run(Duration.ofMinutes(10));
    assertThat(crds.exitCode()).as(crds.transcript()).isZero();
    Command.Result tools =
        Command.of(
                ROOT,
                "bash",
                "-c",
                "source deploy/local/versions.env; source deploy/local/lib/common.sh; python_tools")
            .run(Duration.ofMinutes(10));
    kubectl = Path.of(tools.stdout().strip(), "kubectl");
    Command.Result install =
        Command.of(ROOT, "bash", "starter/cli/install", cliPrefix.toString())
            .run(Duration.ofMinutes(10));
    assertThat(install.exitCode()).as(install.transcript()).isZero();
    cliBin = cliPrefix.resolve("bin");
  }

  @Test
  void theTaskAndThePipelineAreAcceptedByTektonsCrds() {
    Command.Result dryRun =
        kubectl(
            "create",
            "--dry-run=server",
            "--validate=strict",
            "-n",
            "default",
            "-f",
            TASK.toString(),
            "-f",
            PIPELINE.toString());
    assertThat(dryRun.exitCode()).as(dryRun.transcript()).isZero();
    assertThat(dryRun.stdout())
        .contains("task.tekton.dev/envforge-environment created (server dry run)")
        .contains("pipeline.tekton.dev/envforge-preview-check created (server dry run)")
        .contains("pipelinerun.tekton.dev/envforge-preview-check-");
  }

  @Test
  void aTaskTheCrdsDoNotDescribeIsRefused(@TempDir Path dir) throws IOException {
    Path misspelt = dir.resolve("task.yaml");
    Files.writeString(misspelt, Files.readString(TASK).replace("  results:\n", "  result:\n"));
    Command.Result dryRun =
        kubectl(
            "create",
            "--dry-run=server",
            "--validate=strict",
            "-n",
            "default",
            "-f",
            misspelt.toString());
    assertThat(dryRun.exitCode()).isNotZero();
    assertThat(dryRun.stderr()).contains("unknown field \"spec.result\"");
  }

  @Test
  void everyReferenceIsDeclaredAndThePipelineGivesWhatTheTaskNeeds() throws IOException {
    TektonTask task = TektonTask.read(TASK);
    String taskText = Files.readString(TASK);
    assertThat(references(TektonTask.PARAM_REFERENCE, taskText))
        .isNotEmpty()
        .isSubsetOf(task.paramDefaults().keySet());
    assertThat(references(TektonTask.RESULT_REFERENCE, taskText))
        .containsExactlyInAnyOrderElementsOf(task.resultNames());
    assertThat(task.resultNames()).contains("namespace", "secret-name", "phase");

    String pipeline = Files.readString(PIPELINE);
    Set<String> required = new HashSet<>();
    task.paramDefaults()
        .forEach(
            (name, value) -> {
              if (value == null) {
                required.add(name);
              }
            });
    assertThat(required).containsExactlyInAnyOrder("team", "name", "server");
    List<Set<String>> uses = TektonPipeline.read(PIPELINE).paramsGivenTo("envforge-environment");
    assertThat(uses).as("the Task in tasks and in finally").hasSize(2);
    for (Set<String> given : uses) {
      assertThat(given).isSubsetOf(task.paramDefaults().keySet()).containsAll(required);
    }
    assertThat(pipeline).contains("$(tasks.create-environment.results.namespace)");
    assertThat(pipeline).contains("$(tasks.create-environment.results.secret-name)");
  }

  @Test
  void theTasksScriptCreatesFindsAndDeletesAnEnvironment(@TempDir Path dir) throws IOException {
    String name = "tk-" + UUID.randomUUID().toString().substring(0, 6);
    Map<String, String> params =
        Map.of(
            "team",
            stack.team(),
            "name",
            name,
            "server",
            stack.server(),
            "database",
            "postgres",
            "ttl",
            "1h",
            "timeout",
            "3m");

    StepRun created = runStep(dir.resolve("create"), params);
    assertThat(created.exitCode).as(created.transcript).isZero();
    assertThat(created.results)
        .containsEntry("environment", stack.team() + "/" + name)
        .containsEntry("namespace", stack.namespaceOf(name))
        .containsEntry("secret-name", "envforge-database")
        .containsEntry("phase", "READY");

    StepRun again = runStep(dir.resolve("again"), params);
    assertThat(again.exitCode).as(again.transcript).isZero();
    assertThat(again.results)
        .containsEntry("phase", "READY")
        .containsEntry("namespace", stack.namespaceOf(name));

    Map<String, String> otherSpec = new HashMap<>(params);
    otherSpec.put("profile", "large");
    StepRun conflict = runStep(dir.resolve("conflict"), otherSpec);
    assertThat(conflict.exitCode).as(conflict.transcript).isEqualTo(5);
    assertThat(conflict.transcript).contains("profile");
    assertThat(conflict.results).containsEntry("phase", "READY");

    Map<String, String> delete = new HashMap<>(params);
    delete.put("command", "delete");
    StepRun deleted = runStep(dir.resolve("delete"), delete);
    assertThat(deleted.exitCode).as(deleted.transcript).isZero();
    assertThat(deleted.results).containsEntry("phase", "DESTROYED");

    delete.put("name", "tk-never-made");
    StepRun nothing = runStep(dir.resolve("nothing"), delete);
    assertThat(nothing.exitCode).as(nothing.transcript).isZero();
    assertThat(nothing.transcript).contains("nothing to delete");
    assertThat(nothing.results).containsEntry("phase", "DESTROYED").containsEntry("namespace", "");

    assertThat(created.transcript + again.transcript + deleted.transcript)
        .as("the token is never printed")
        .doesNotContain(stack.token());
  }

  @Test
  void aWrongParamStopsTheStepBeforeAnythingIsAsked(@TempDir Path dir) throws IOException {
    StepRun wrong =
        runStep(
            dir,
            Map.of(
                "team",
                stack.team(),
                "name",
                "tk-wrong",
                "server",
                stack.server(),
                "database",
                "mysql"));
    assertThat(wrong.exitCode).isEqualTo(2);
    assertThat(wrong.transcript).contains("database must be none or postgres");
  }

  /** What the step ended with: its exit code, its output, and the results it wrote. */
  private record StepRun(int exitCode, String transcript, Map<String, String> results) {}

  /** The Task's step, as Tekton would run it, but as a plain shell script on this machine. */
  private StepRun runStep(Path dir, Map<String, String> params) throws IOException {
    TektonTask task = TektonTask.read(TASK);
    Path results = Files.createDirectories(dir.resolve("results"));
    Path script = dir.resolve("script.sh");
    Files.writeString(script, task.script(results));
    Map<String, String> env = new HashMap<>(task.stepEnvironment(params, stack.token()));
    env.put("PATH", cliBin + ":" + System.getenv("PATH"));
    env.put("ENVFORGE_CONFIG", dir.resolve("no-login.json").toString());
    Command.Result result =
        new Command(List.of("sh", script.toString()), dir, env).run(Duration.ofMinutes(5));
    Map<String, String> written = new HashMap<>();
    for (String name : task.resultNames()) {
      Path file = results.resolve(name);
      if (Files.exists(file)) {
        written.put(name, Files.readString(file));
      }
    }
    return new StepRun(result.exitCode(), result.transcript(), written);
  }

  private Command.Result kubectl(String... arguments) {
    List<String> command =
        new java.util.ArrayList<>(
            List.of(kubectl.toString(), "--kubeconfig", stack.platform().kubeconfig().toString()));
    command.addAll(List.of(arguments));
    return new Command(command, ROOT, Map.of()).run(Duration.ofMinutes(2));
  }

  private static Set<String> references(java.util.regex.Pattern pattern, String text) {
    Set<String> found = new HashSet<>();
    Matcher m = pattern.matcher(text);
    while (m.find()) {
      found.add(m.group(1));
    }
    return found;
  }
}
