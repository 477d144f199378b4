package dev.envforge.workflows.reaper;

import java.util.List;

/**
 * What one page of namespaces holds, classified inside the activity so that only a compact summary
 * travels through history.
 *
 * @param unactioned the names of namespaces left alone (LIVE, KEPT, RECENT, TERMINATING), by class
 * @param abandoned the EXPIRED and ORPHAN namespaces, with what their teardown needs
 * @param continueToken where the next page starts; null on the last page
 */
public record SurveyPage(
    List<ClassifiedNamespace> unactioned,
    List<AbandonedNamespace> abandoned,
    String continueToken) {

  /** A namespace by name and class only. */
  public record ClassifiedNamespace(String namespace, EnvironmentClass verdict) {}
}
