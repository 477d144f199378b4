package dev.envforge.workflows.activities;

import java.time.Duration;
import java.time.Instant;

/**
 * One grant's token to mint.
 *
 * @param grantId names the object the token is bound to
 * @param lifetime the lifetime asked for, or null for the configured maximum
 * @param notAfter the token must expire by then (the environment's expiry); null for a kept one
 * @param publicKey the one-time key the token is sealed to
 */
public record TokenGrantSpec(
    NamespaceSpec namespace,
    String grantId,
    Duration lifetime,
    Instant notAfter,
    String publicKey) {}
