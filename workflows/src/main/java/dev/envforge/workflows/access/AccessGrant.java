package dev.envforge.workflows.access;

import java.time.Instant;

/**
 * One credential handed out for an environment, as its status lists it: never the token itself.
 *
 * @param grantId names the grant and the object its token is bound to; revoking deletes that object
 * @param grantedTo the caller who asked
 * @param expiresAt when the token expires
 */
public record AccessGrant(String grantId, String grantedTo, Instant grantedAt, Instant expiresAt) {}
