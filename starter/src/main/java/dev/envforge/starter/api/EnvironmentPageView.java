package dev.envforge.starter.api;

import java.util.List;

/**
 * @param nextPageToken pass as {@code pageToken} to get the next page; null on the last page
 */
public record EnvironmentPageView(List<EnvironmentListItemView> items, String nextPageToken) {}
