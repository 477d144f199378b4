package dev.envforge.workflows.activities;

import java.time.Instant;

/**
 * One lifecycle change worth telling people about: an approval asked for or decided, a sleep or a
 * wake. Sent on the notification webhook beside expiry warnings.
 *
 * @param id the same however often the run replays, so receivers can drop duplicates by it
 * @param kind what happened, e.g. {@code approval.requested}, {@code slept}
 * @param actor who made it happen: a caller's name, {@code schedule}, or null for a timeout
 * @param detail the reason or a short account, if any
 */
public record LifecycleNotice(
    String id,
    String kind,
    String environmentId,
    String team,
    String name,
    String workflowId,
    String actor,
    String detail,
    Instant at) {}
