package dev.envforge.starter.api;

import dev.envforge.starter.environments.RequestChecks;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * An approval, with an optional reason.
 *
 * @param reason why, if the approver says
 */
@Schema(description = "An approval of an environment that awaits approval")
public record ApproveBody(
    @Schema(description = "why, if the approver says", maxLength = RequestChecks.MAX_REASON_LENGTH)
        String reason) {}
