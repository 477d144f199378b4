package dev.envforge.starter.environments;

import dev.envforge.starter.temporal.ListedEnvironment;
import java.util.List;

/**
 * One page of environments.
 *
 * @param nextPageToken pass it back as {@code pageToken} for the next page; null on the last page
 */
public record EnvironmentListing(List<ListedEnvironment> items, String nextPageToken) {}
