package dev.envforge.workflows.reaper;

import io.temporal.activity.ActivityInterface;

/** What the reaper reads of the clusters and of Temporal. Only reads; teardowns act. */
@ActivityInterface
public interface ReaperActivities {

  /**
   * Lists one page of a cluster's namespaces labelled {@code app.kubernetes.io/managed-by=envforge}
   * whose name starts with the prefix, asks Temporal about each one's environment workflow, and
   * classifies them.
   */
  SurveyPage surveyNamespaces(SurveyRequest request);

  /**
   * Finds running environment workflows in phase READY whose namespace is gone from their
   * (registered) cluster.
   */
  java.util.List<DriftedEnvironment> findDrifted(DriftRequest request);

  /**
   * Checks again, right before acting, that the namespace is the same one, is not kept and that no
   * environment workflow has taken it over since the survey.
   */
  boolean stillAbandoned(AbandonedNamespace namespace);
}
