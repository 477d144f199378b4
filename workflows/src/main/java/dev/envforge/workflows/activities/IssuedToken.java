package dev.envforge.workflows.activities;

import java.time.Instant;

/**
 * A minted token, sealed, with what a kubeconfig needs beside it.
 *
 * @param expiresAt when the API server says the token expires
 */
public record IssuedToken(
    String serviceAccount, ClusterEndpoint cluster, SealedToken token, Instant expiresAt) {}
