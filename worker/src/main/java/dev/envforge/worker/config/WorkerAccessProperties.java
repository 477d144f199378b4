package dev.envforge.worker.config;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The worker's own access inside the environment namespaces it makes, under {@code
 * envforge.namespaces.worker-access.*}. The Helm chart sets both; unset (the local platform, where
 * the worker is an administrator) means no per-namespace binding.
 *
 * @param clusterRole the ClusterRole the worker binds its service account to in each namespace
 * @param serviceAccount the worker's service account as {@code <namespace>/<name>}
 */
@ConfigurationProperties("envforge.namespaces.worker-access")
public record WorkerAccessProperties(String clusterRole, String serviceAccount) {}
