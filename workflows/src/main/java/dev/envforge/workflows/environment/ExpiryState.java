package dev.envforge.workflows.environment;

import java.time.Duration;
import java.time.Instant;
import java.util.function.UnaryOperator;

/**
 * When the environment expires, when it is warned of that, and what became of the latest warning.
 * It decides; the workflow acts, passing in its own time. Pure, so the decisions can be checked
 * without a Temporal test server.
 *
 * <p>The warning period begins {@code warnBefore} ahead of the expiry. An extend moves the expiry
 * and re-arms the warning, so a later warning period warns again.
 */
final class ExpiryState {

  private Instant expiresAt;
  private Duration warnBefore;
  private boolean expiring;
  private boolean annotationStale;
  private ExpiryWarning warning;

  /** Sets the first expiry; a kept environment never gets one. */
  void start(Instant expiresAt, Duration warnBefore) {
    this.expiresAt = expiresAt;
    this.warnBefore = warnBefore;
  }

  /**
   * Moves the expiry after an extend and re-arms the warning.
   *
   * @param annotated whether the namespace exists and so carries the old expiry, which must now be
   *     rewritten
   */
  void extendTo(Instant newExpiry, boolean annotated) {
    expiresAt = newExpiry;
    expiring = false;
    annotationStale = annotated;
  }

  /** Null until the first expiry is set, and always for a kept environment. */
  Instant expiresAt() {
    return expiresAt;
  }

  /** True once the warning period of the current expiry has begun. */
  boolean expiring() {
    return expiring;
  }

  /** The latest warning sent, or null if none was. */
  ExpiryWarning warning() {
    return warning;
  }

  boolean expiredAt(Instant now) {
    return !now.isBefore(expiresAt);
  }

  /**
   * Whether the warning period has begun at {@code now} for an expiry not yet warned of; if so, it
   * counts as warned of from here on. True once per expiry.
   */
  boolean beginsWarningAt(Instant now) {
    if (expiring || now.isBefore(warnAt())) {
      return false;
    }
    expiring = true;
    return true;
  }

  /** The next moment something is due: the warning period's start, or else the expiry. */
  Instant nextWakeUp(Instant now) {
    return now.isBefore(warnAt()) ? warnAt() : expiresAt;
  }

  /** Whether an extend moved the expiry and the namespace's annotation still shows the old one. */
  boolean annotationStale() {
    return annotationStale;
  }

  /** Whether the annotation is stale; it counts as rewritten from here on. */
  boolean takeStaleAnnotation() {
    boolean stale = annotationStale;
    annotationStale = false;
    return stale;
  }

  /** Records a new warning about the current expiry, both channels pending; numbered on. */
  ExpiryWarning warned(String id, Instant now) {
    warning = ExpiryWarning.pending(id, warning == null ? 1 : warning.number() + 1, now, expiresAt);
    return warning;
  }

  /**
   * Records a channel's outcome, unless a later warning (after an extend) replaced this one.
   *
   * @return whether the outcome was recorded
   */
  boolean settle(String id, UnaryOperator<ExpiryWarning> outcome) {
    if (warning == null || !warning.id().equals(id)) {
      return false;
    }
    warning = outcome.apply(warning);
    return true;
  }

  private Instant warnAt() {
    return expiresAt.minus(warnBefore);
  }
}
