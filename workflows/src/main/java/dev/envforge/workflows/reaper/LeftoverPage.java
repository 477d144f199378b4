package dev.envforge.workflows.reaper;

import java.util.List;

/**
 * What a survey of one kind of leftover found, classified inside the activity.
 *
 * @param unactioned names ({@link FoundLeftover#reportName()}) of what is left alone, by class
 * @param abandoned the EXPIRED and ORPHAN ones, with what their removal needs
 */
public record LeftoverPage(List<ClassifiedLeftover> unactioned, List<FoundLeftover> abandoned) {

  /** A leftover by name and class only. */
  public record ClassifiedLeftover(String name, EnvironmentClass verdict) {}
}
