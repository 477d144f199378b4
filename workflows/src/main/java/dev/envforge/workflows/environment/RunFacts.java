package dev.envforge.workflows.environment;

import io.temporal.workflow.Workflow;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a run records in its memo for the platform's delivery figures: when it became READY, why it
 * failed, how often it was extended. Visibility returns the memo with every listed run, so the
 * figures need neither a second store nor a query per run. Written only when one of them changes,
 * in runs that took {@link LifecycleEvents#LIFECYCLE_EVENTS}.
 */
public final class RunFacts {

  /** Memo key: the instant the environment became READY (RFC 3339), absent if it never did. */
  public static final String READY_AT = "readyAt";

  /** Memo key: the failure type of a run that ended FAILED, e.g. {@code UNKNOWN_CLUSTER}. */
  public static final String FAILURE_TYPE = "failureType";

  /** Memo key: how many times the expiry was extended. */
  public static final String EXTENSIONS = "extensions";

  private boolean active;
  private Instant readyAt;
  private String failureType;
  private int extensions;

  /** Whether this run records its facts: the runs that announce their changes do. */
  void activate(boolean active) {
    this.active = active;
  }

  void ready(Instant at) {
    readyAt = at;
    record();
  }

  void failed(String type) {
    failureType = type;
    record();
  }

  void extended() {
    extensions++;
    record();
  }

  private void record() {
    if (!active) {
      return;
    }
    Map<String, Object> memo = new LinkedHashMap<>();
    if (readyAt != null) {
      memo.put(READY_AT, readyAt.toString());
    }
    if (failureType != null) {
      memo.put(FAILURE_TYPE, failureType);
    }
    memo.put(EXTENSIONS, extensions);
    Workflow.upsertMemo(memo);
  }
}
