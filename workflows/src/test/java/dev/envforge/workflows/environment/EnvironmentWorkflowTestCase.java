package dev.envforge.workflows.environment;

import io.temporal.client.WorkflowClient;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A test of the environment workflow on the time-skipping test server: every test gets a fresh
 * server with envforge's search attributes, a fresh {@link EnvironmentFixture} whose mocked
 * activities are registered on the worker, and a stub of environment/payments/review.
 */
abstract class EnvironmentWorkflowTestCase {

  @RegisterExtension
  static final TestWorkflowExtension temporal = EnvironmentFixture.temporalExtension();

  EnvironmentFixture fixture;
  TestWorkflowEnvironment env;
  WorkflowClient client;
  EnvironmentWorkflow workflow;

  @BeforeEach
  void startTestServer(TestWorkflowEnvironment env, Worker worker, WorkflowClient client) {
    this.env = env;
    this.client = client;
    fixture = new EnvironmentFixture();
    workflow = fixture.start(env, worker, client);
  }

  void awaitPhase(Phase phase) {
    EnvironmentFixture.awaitPhase(env, workflow, phase);
  }
}
