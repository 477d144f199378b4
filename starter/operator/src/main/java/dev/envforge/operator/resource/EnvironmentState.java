package dev.envforge.operator.resource;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.List;
import java.util.Optional;

/**
 * The resource's status: what the environment's workflow reports, and whether the resource's spec
 * was taken. Only the Secret's name is here, never a value.
 *
 * @param phase the workflow's phase (AWAITING_APPROVAL, PROVISIONING, READY, SLEEPING, DESTROYING,
 *     DESTROYED, FAILED, REJECTED), or empty while nothing was started
 * @param workflowId the environment's workflow, {@code environment/<team>/<name>}
 * @param runId the run this resource follows; once set, the resource never starts another
 * @param steps one line per provisioning step
 * @param conditions {@code Ready}, {@code Failed} and {@code SpecApplied}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EnvironmentState(
    String phase,
    String team,
    String namespace,
    String secretName,
    String expiresAt,
    String workflowId,
    String runId,
    String temporalUiUrl,
    List<StepSummary> steps,
    Long observedGeneration,
    List<Condition> conditions) {

  /**
   * @param status PENDING, RUNNING, DONE, FAILED, COMPENSATED, ...
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record StepSummary(String name, String status, Integer attempts, String lastError) {}

  public Optional<Condition> condition(String type) {
    return conditions == null
        ? Optional.empty()
        : conditions.stream().filter(c -> type.equals(c.getType())).findFirst();
  }
}
