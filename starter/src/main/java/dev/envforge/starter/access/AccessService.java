package dev.envforge.starter.access;

import dev.envforge.starter.environments.EnvironmentNotFoundException;
import dev.envforge.starter.environments.InvalidRequestException;
import dev.envforge.starter.security.Caller;
import dev.envforge.starter.temporal.EnvironmentAccessRuns;
import dev.envforge.starter.temporal.EnvironmentRuns;
import dev.envforge.starter.temporal.EnvironmentRuns.RunDescription;
import dev.envforge.starter.temporal.UpdateRefusedException;
import dev.envforge.workflows.access.AccessRequest;
import dev.envforge.workflows.access.GrantedAccess;
import dev.envforge.workflows.access.SealedTokens;
import dev.envforge.workflows.request.EnvironmentNaming;
import java.security.KeyPair;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Hands out kubeconfigs for environments. Each request makes a key pair of its own; only the public
 * key travels through the workflow, and the token comes back sealed to it, so the token exists in
 * the clear only here, in memory, for as long as the answer takes.
 */
@Service
public class AccessService {

  private static final Logger AUDIT = LoggerFactory.getLogger("envforge.audit");
  private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");

  /** A grant id as the worker makes them: lower-case hex; the API's document states it. */
  public static final String GRANT_ID_PATTERN = "[a-f0-9]{1,32}";

  private static final Pattern GRANT_ID = Pattern.compile(GRANT_ID_PATTERN);

  private final EnvironmentRuns runs;
  private final EnvironmentAccessRuns access;

  public AccessService(EnvironmentRuns runs, EnvironmentAccessRuns access) {
    this.runs = runs;
    this.access = access;
  }

  /**
   * A kubeconfig for a READY environment of the caller's team.
   *
   * @param ttl ISO-8601, or null for the longest allowed
   */
  public IssuedAccess grant(Caller caller, String team, String name, String ttl) {
    RunDescription run = openRun(caller, team, name);
    if (ttl != null) {
      requireDuration(ttl);
    }
    KeyPair keys = SealedTokens.newKeyPair();
    AccessRequest request =
        new AccessRequest(SealedTokens.encode(keys.getPublic()), ttl, caller.name());
    GrantedAccess granted =
        access
            .grant(run.workflowId(), run.runId(), request)
            .orElseThrow(() -> notReady("the environment is no longer running"));
    String grantId = granted.grant().grantId();
    String token = SealedTokens.open(keys.getPrivate(), grantId, granted.token());
    String contextName = "envforge-" + team + "-" + name;
    IssuedAccess issued =
        new IssuedAccess(
            grantId,
            Kubeconfig.render(contextName, granted.cluster(), granted.namespace(), token),
            granted.grant().expiresAt(),
            granted.namespace(),
            granted.cluster().server(),
            "system:serviceaccount:" + granted.namespace() + ":" + granted.serviceAccount(),
            caller.name());
    AUDIT.info(
        "caller={} action=\"grant access\" environment={}/{} grant={} expiresAt={}",
        caller.name(),
        team,
        name,
        grantId,
        issued.expiresAt());
    return issued;
  }

  /** Ends one grant's token. */
  public void revoke(Caller caller, String team, String name, String grantId) {
    if (grantId == null || !GRANT_ID.matcher(grantId).matches()) {
      throw new InvalidRequestException("grantId", "is not a grant id");
    }
    RunDescription run = openRun(caller, team, name);
    access
        .revoke(run.workflowId(), run.runId(), grantId)
        .orElseThrow(() -> notReady("the environment is no longer running"));
    AUDIT.info(
        "caller={} action=\"revoke access\" environment={}/{} grant={}",
        caller.name(),
        team,
        name,
        grantId);
  }

  /** Another team's environment is answered exactly like a missing one. */
  private RunDescription openRun(Caller caller, String team, String name) {
    requireLabel("team", team);
    requireLabel("name", name);
    if (!caller.mayActFor(team)) {
      throw new EnvironmentNotFoundException(team, name);
    }
    RunDescription run =
        runs.describe(EnvironmentNaming.workflowId(team, name))
            .orElseThrow(() -> new EnvironmentNotFoundException(team, name));
    if (!run.open()) {
      throw notReady(
          "the environment is " + (run.phase() == null ? "no longer running" : run.phase()));
    }
    return run;
  }

  private static void requireLabel(String field, String value) {
    if (value == null || !DNS_LABEL.matcher(value).matches()) {
      throw new InvalidRequestException(field, "must be a DNS-1123 label");
    }
  }

  private static void requireDuration(String ttl) {
    try {
      Duration.parse(ttl);
    } catch (DateTimeParseException e) {
      throw new InvalidRequestException("ttl", "is not an ISO-8601 duration such as PT1H");
    }
  }

  private static UpdateRefusedException notReady(String why) {
    return new UpdateRefusedException(
        UpdateRefusedException.Reason.WRONG_STATE, "access: " + why + ", not READY");
  }
}
