package dev.envforge.workflows.reaper;

/**
 * What became of one leftover a sweep set out to remove.
 *
 * @param outcome {@link ActionOutcome#TORN_DOWN}, {@link ActionOutcome#SKIPPED} (no longer
 *     abandoned when checked again) or {@link ActionOutcome#FAILED}
 * @param detail why it was skipped or failed, or what still holds it; null otherwise
 */
public record LeftoverRemoval(FoundLeftover leftover, ActionOutcome outcome, String detail) {}
