package dev.envforge.workflows.request;

import java.time.Duration;

/**
 * The TTL rules that hold for one team's environment of one profile, after the policy's most
 * specific settings won.
 *
 * @param maxFrom where the maximum comes from, for messages (e.g. "profile 'large'"); null for the
 *     global maximum
 * @param keepFrom where the keep permission comes from, for messages
 */
public record TtlBounds(
    Duration defaultTtl, Duration maxTtl, boolean keepAllowed, String maxFrom, String keepFrom) {}
