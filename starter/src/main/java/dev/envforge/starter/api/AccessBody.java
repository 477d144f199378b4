package dev.envforge.starter.api;

/**
 * The optional body of a request for access.
 *
 * @param ttl how long the kubeconfig should work (ISO-8601, e.g. PT1H); capped by the environment's
 *     expiry and the configured maximum; the longest allowed when left out
 */
public record AccessBody(String ttl) {}
