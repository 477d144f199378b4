package dev.envforge.starter.api;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/**
 * @param nextPageToken pass as {@code pageToken} to get the next page; null on the last page
 */
public record EnvironmentPageView(
    List<EnvironmentListItemView> items,
    @Schema(
            types = {"string", "null"},
            description = "pass as pageToken to get the next page; null on the last page")
        String nextPageToken) {}
