package dev.envforge.starter.temporal;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** The address of a run's history page in the Temporal UI, where people watch it. Pure. */
public final class RunHistoryLink {

  private RunHistoryLink() {}

  /** The workflow id's slashes are encoded so that it stays one path segment. */
  public static String of(String uiBaseUrl, String namespace, String workflowId, String runId) {
    String base =
        uiBaseUrl.endsWith("/") ? uiBaseUrl.substring(0, uiBaseUrl.length() - 1) : uiBaseUrl;
    return base
        + "/namespaces/"
        + encode(namespace)
        + "/workflows/"
        + encode(workflowId)
        + "/"
        + encode(runId)
        + "/history";
  }

  private static String encode(String segment) {
    return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
