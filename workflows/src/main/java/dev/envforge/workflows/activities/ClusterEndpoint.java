package dev.envforge.workflows.activities;

/**
 * Where people reach a cluster's API server: nothing secret, what a kubeconfig's cluster entry
 * holds.
 *
 * @param server the API server's URL as people reach it
 * @param certificateAuthorityData the PEM bundle that signs its certificate, base64; null when the
 *     server's certificate is signed by a publicly trusted authority
 */
public record ClusterEndpoint(String server, String certificateAuthorityData) {}
