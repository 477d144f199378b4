package dev.envforge.starter.api;

import dev.envforge.starter.environments.RequestChecks;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * A rejection; its reason is required and shown to the requester.
 *
 * @param reason why: at least one character other than a space
 */
@Schema(description = "A rejection of an environment that awaits approval")
public record RejectBody(
    @Schema(
            description = "why; required, shown in the environment's status",
            requiredMode = Schema.RequiredMode.REQUIRED,
            maxLength = RequestChecks.MAX_REASON_LENGTH)
        String reason) {}
