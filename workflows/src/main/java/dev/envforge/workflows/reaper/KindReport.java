package dev.envforge.workflows.reaper;

import java.util.List;
import java.util.Map;

/**
 * What a sweep found of one declared kind of leftover.
 *
 * @param placement where the kind lives, and so how it was looked for
 * @param counts how many fell into each class (complete)
 * @param names which, sorted, at most {@link SweepReport#MAX_LISTED} per class
 */
public record KindReport(
    LeftoverPlacement placement,
    Map<EnvironmentClass, Integer> counts,
    Map<EnvironmentClass, List<String>> names) {

  public int count(EnvironmentClass verdict) {
    return counts == null ? 0 : counts.getOrDefault(verdict, 0);
  }
}
