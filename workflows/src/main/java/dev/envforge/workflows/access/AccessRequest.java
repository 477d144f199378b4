package dev.envforge.workflows.access;

/**
 * A request for a kubeconfig of one environment: the input of the workflow's {@code grantAccess}
 * update.
 *
 * @param publicKey the one-time public key (X.509, base64) the token is sealed to; the private half
 *     never leaves the API's memory
 * @param ttl how long the credential should live (ISO-8601), or null for the longest allowed
 * @param caller who asked, as the API's audit names them
 */
public record AccessRequest(String publicKey, String ttl, String caller) {}
