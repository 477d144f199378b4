package dev.envforge.activities.argocd;

import io.fabric8.kubernetes.api.model.AuthInfo;
import io.fabric8.kubernetes.api.model.Cluster;
import io.fabric8.kubernetes.api.model.Config;
import io.fabric8.kubernetes.api.model.ExecConfig;
import io.fabric8.kubernetes.api.model.ExecEnvVar;
import io.fabric8.kubernetes.api.model.NamedAuthInfo;
import io.fabric8.kubernetes.api.model.NamedCluster;
import io.fabric8.kubernetes.api.model.NamedContext;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns a kubeconfig (a dedicated cluster's, from its connection Secret) into what an Argo CD
 * cluster Secret holds: the server and Argo CD's cluster config. Only credentials that travel
 * inside the kubeconfig can be carried over (inline certificates and keys, a token, user name and
 * password, an exec plugin); references to files on the worker's disk and auth-provider plugins
 * cannot, and are refused. Pure.
 *
 * <p>Error messages name the kubeconfig's fields, never their values.
 */
final class KubeconfigCredentials {

  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

  private KubeconfigCredentials() {}

  /**
   * @throws UnusableKubeconfigException when the kubeconfig cannot be read or its credentials
   *     cannot be carried over
   */
  static ArgoCdCluster of(String kubeconfig) {
    Config config;
    try {
      config = SERIALIZATION.unmarshal(kubeconfig, Config.class);
    } catch (RuntimeException e) {
      // The parser's message may quote the document; say only that it is not a kubeconfig.
      throw new UnusableKubeconfigException("it is not a readable kubeconfig");
    }
    if (config == null || config.getContexts() == null || config.getContexts().isEmpty()) {
      throw new UnusableKubeconfigException("it has no context");
    }
    NamedContext context = currentContext(config);
    Cluster cluster =
        find(config.getClusters(), context.getContext().getCluster(), NamedCluster::getName)
            .map(NamedCluster::getCluster)
            .orElseThrow(
                () ->
                    new UnusableKubeconfigException(
                        "its context '" + context.getName() + "' names no cluster it defines"));
    AuthInfo user =
        find(config.getUsers(), context.getContext().getUser(), NamedAuthInfo::getName)
            .map(NamedAuthInfo::getUser)
            .orElse(new AuthInfo());
    if (cluster.getServer() == null || cluster.getServer().isBlank()) {
      throw new UnusableKubeconfigException("its cluster has no server");
    }
    Map<String, Object> argoConfig = new LinkedHashMap<>();
    putCredentials(argoConfig, user);
    argoConfig.put("tlsClientConfig", tls(cluster, user));
    return new ArgoCdCluster(
        stripTrailingSlash(cluster.getServer()), SERIALIZATION.asJson(argoConfig));
  }

  private static NamedContext currentContext(Config config) {
    String current = config.getCurrentContext();
    if (current == null || current.isBlank()) {
      if (config.getContexts().size() == 1) {
        return config.getContexts().get(0);
      }
      throw new UnusableKubeconfigException("it has several contexts and no current-context");
    }
    return find(config.getContexts(), current, NamedContext::getName)
        .filter(context -> context.getContext() != null)
        .orElseThrow(
            () ->
                new UnusableKubeconfigException(
                    "its current-context '" + current + "' is not among its contexts"));
  }

  private static void putCredentials(Map<String, Object> argoConfig, AuthInfo user) {
    refuseFileReferences(user);
    if (user.getAuthProvider() != null) {
      throw new UnusableKubeconfigException(
          "its user authenticates through an auth-provider plugin, which Argo CD cannot run;"
              + " use an exec plugin, a token or a client certificate");
    }
    if (user.getToken() != null && !user.getToken().isBlank()) {
      argoConfig.put("bearerToken", user.getToken());
    }
    if (user.getUsername() != null && !user.getUsername().isBlank()) {
      argoConfig.put("username", user.getUsername());
      if (user.getPassword() != null) {
        argoConfig.put("password", user.getPassword());
      }
    }
    if (user.getExec() != null) {
      argoConfig.put("execProviderConfig", exec(user.getExec()));
    }
    boolean clientCertificate = user.getClientCertificateData() != null;
    if (clientCertificate != (user.getClientKeyData() != null)) {
      throw new UnusableKubeconfigException(
          "its user has only one of client-certificate-data and client-key-data");
    }
    if (!clientCertificate && argoConfig.isEmpty()) {
      throw new UnusableKubeconfigException("its user has no credentials");
    }
  }

  private static void refuseFileReferences(AuthInfo user) {
    String field =
        user.getClientCertificate() != null
            ? "client-certificate"
            : user.getClientKey() != null
                ? "client-key"
                : user.getTokenFile() != null ? "tokenFile" : null;
    if (field != null) {
      throw new UnusableKubeconfigException(
          "its user names a file ("
              + field
              + ") on the worker's disk, which Argo CD cannot read; inline it as "
              + (field.equals("tokenFile") ? "token" : field + "-data"));
    }
  }

  private static Map<String, Object> tls(Cluster cluster, AuthInfo user) {
    if (cluster.getCertificateAuthority() != null) {
      throw new UnusableKubeconfigException(
          "its cluster names a file (certificate-authority) on the worker's disk, which Argo CD"
              + " cannot read; inline it as certificate-authority-data");
    }
    Map<String, Object> tls = new LinkedHashMap<>();
    tls.put("insecure", Boolean.TRUE.equals(cluster.getInsecureSkipTlsVerify()));
    if (cluster.getTlsServerName() != null && !cluster.getTlsServerName().isBlank()) {
      tls.put("serverName", cluster.getTlsServerName());
    }
    // Argo CD keeps these as base64 of the PEM, exactly as the kubeconfig's *-data fields do.
    if (cluster.getCertificateAuthorityData() != null) {
      tls.put("caData", cluster.getCertificateAuthorityData());
    }
    if (user.getClientCertificateData() != null) {
      tls.put("certData", user.getClientCertificateData());
      tls.put("keyData", user.getClientKeyData());
    }
    return tls;
  }

  private static Map<String, Object> exec(ExecConfig exec) {
    Map<String, Object> provider = new LinkedHashMap<>();
    provider.put("command", exec.getCommand());
    if (exec.getArgs() != null && !exec.getArgs().isEmpty()) {
      provider.put("args", exec.getArgs());
    }
    if (exec.getEnv() != null && !exec.getEnv().isEmpty()) {
      Map<String, String> env = new LinkedHashMap<>();
      for (ExecEnvVar variable : exec.getEnv()) {
        env.put(variable.getName(), variable.getValue());
      }
      provider.put("env", env);
    }
    provider.put("apiVersion", exec.getApiVersion());
    if (exec.getInstallHint() != null) {
      provider.put("installHint", exec.getInstallHint());
    }
    return provider;
  }

  static String stripTrailingSlash(String url) {
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }

  private static <T> Optional<T> find(
      List<T> items, String name, java.util.function.Function<T, String> nameOf) {
    if (items == null || name == null) {
      return Optional.empty();
    }
    return items.stream().filter(item -> name.equals(nameOf.apply(item))).findFirst();
  }

  /** Why a kubeconfig cannot become an Argo CD cluster Secret; quotes no value of it. */
  static final class UnusableKubeconfigException extends RuntimeException {
    UnusableKubeconfigException(String why) {
      super(why, null, false, false);
    }
  }
}
