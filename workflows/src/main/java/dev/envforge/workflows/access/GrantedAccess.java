package dev.envforge.workflows.access;

import dev.envforge.workflows.activities.ClusterEndpoint;
import dev.envforge.workflows.activities.SealedToken;

/**
 * The answer of the {@code grantAccess} update: what the API needs to build a kubeconfig. The token
 * is sealed to the request's one-time key, so this answer (and the history that records it) reveals
 * nothing without the private key the API holds in memory.
 */
public record GrantedAccess(
    AccessGrant grant,
    String namespace,
    String serviceAccount,
    ClusterEndpoint cluster,
    SealedToken token) {}
