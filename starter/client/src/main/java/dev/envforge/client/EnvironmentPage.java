package dev.envforge.client;

import java.util.List;

/**
 * One page of a list ({@code EnvironmentPageView} on the server).
 *
 * @param nextPageToken pass to the next call for the next page; null on the last page
 */
public record EnvironmentPage(List<EnvironmentListItem> items, String nextPageToken) {

  public EnvironmentPage {
    items = items == null ? List.of() : List.copyOf(items);
  }
}
