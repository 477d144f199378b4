package dev.envforge.activities.argocd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.envforge.activities.argocd.KubeconfigCredentials.UnusableKubeconfigException;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KubeconfigCredentialsTest {

  private static final KubernetesSerialization JSON = new KubernetesSerialization();

  private static String kubeconfig(String cluster, String user) {
    return """
        apiVersion: v1
        kind: Config
        current-context: main
        contexts:
        - name: other
          context: {cluster: nowhere, user: nobody}
        - name: main
          context: {cluster: dedicated, user: admin}
        clusters:
        - name: dedicated
          cluster:
        %s
        users:
        - name: admin
          user:
        %s
        """
        .formatted(cluster.indent(4).stripTrailing(), user.indent(4).stripTrailing());
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> config(ArgoCdCluster cluster) {
    return JSON.unmarshal(cluster.config(), Map.class);
  }

  @Test
  void givenAClientCertificateKubeconfig_whenConverted_itShouldCarryServerCaAndKeyPair() {
    ArgoCdCluster cluster =
        KubeconfigCredentials.of(
            kubeconfig(
                "server: https://10.1.2.3:6443/\ncertificate-authority-data: Q0E=",
                "client-certificate-data: Q0VSVA==\nclient-key-data: S0VZ"));

    assertThat(cluster.server()).isEqualTo("https://10.1.2.3:6443");
    assertThat(config(cluster))
        .isEqualTo(
            Map.of(
                "tlsClientConfig",
                Map.of(
                    "insecure",
                    false,
                    "caData",
                    "Q0E=",
                    "certData",
                    "Q0VSVA==",
                    "keyData",
                    "S0VZ")));
  }

  @Test
  void givenATokenAndAnExecPlugin_whenConverted_itShouldCarryBothAsArgoCdNamesThem() {
    ArgoCdCluster cluster =
        KubeconfigCredentials.of(
            kubeconfig(
                "server: https://gke.example.com\ninsecure-skip-tls-verify: true\n"
                    + "tls-server-name: kubernetes",
                """
                token: abc.def
                exec:
                  apiVersion: client.authentication.k8s.io/v1beta1
                  command: gke-gcloud-auth-plugin
                  args: [--verbose]
                  env: [{name: REGION, value: europe-west1}]
                  installHint: install the plugin
                """));

    assertThat(config(cluster))
        .isEqualTo(
            Map.of(
                "bearerToken",
                "abc.def",
                "execProviderConfig",
                Map.of(
                    "command",
                    "gke-gcloud-auth-plugin",
                    "args",
                    List.of("--verbose"),
                    "env",
                    Map.of("REGION", "europe-west1"),
                    "apiVersion",
                    "client.authentication.k8s.io/v1beta1",
                    "installHint",
                    "install the plugin"),
                "tlsClientConfig",
                Map.of("insecure", true, "serverName", "kubernetes")));
  }

  @Test
  void givenUserNameAndPassword_whenConverted_itShouldCarryBoth() {
    ArgoCdCluster cluster =
        KubeconfigCredentials.of(
            kubeconfig("server: https://10.1.2.3:6443", "username: admin\npassword: pw"));

    assertThat(config(cluster))
        .isEqualTo(
            Map.of(
                "username",
                "admin",
                "password",
                "pw",
                "tlsClientConfig",
                Map.of("insecure", false)));
  }

  @Test
  void givenAKeyInAFile_whenConverted_itShouldRefuseNamingTheFieldButNotThePath() {
    assertThatThrownBy(
            () ->
                KubeconfigCredentials.of(
                    kubeconfig(
                        "server: https://10.1.2.3:6443",
                        "client-certificate-data: Q0VSVA==\nclient-key: /secret/path/key.pem")))
        .isInstanceOf(UnusableKubeconfigException.class)
        .hasMessageContaining("client-key")
        .hasMessageContaining("client-key-data")
        .hasMessageNotContaining("/secret/path");
  }

  @Test
  void givenAnAuthProvider_whenConverted_itShouldRefuseIt() {
    assertThatThrownBy(
            () ->
                KubeconfigCredentials.of(
                    kubeconfig(
                        "server: https://10.1.2.3:6443",
                        "auth-provider: {name: gcp, config: {access-token: s3cr3t}}")))
        .isInstanceOf(UnusableKubeconfigException.class)
        .hasMessageContaining("auth-provider")
        .hasMessageNotContaining("s3cr3t");
  }

  @Test
  void givenNoCredentials_whenConverted_itShouldRefuseIt() {
    assertThatThrownBy(
            () -> KubeconfigCredentials.of(kubeconfig("server: https://10.1.2.3:6443", "{}")))
        .isInstanceOf(UnusableKubeconfigException.class)
        .hasMessage("its user has no credentials");
  }

  @Test
  void givenSomethingThatIsNoKubeconfig_whenConverted_itShouldNotQuoteIt() {
    assertThatThrownBy(() -> KubeconfigCredentials.of("password: [hunter2"))
        .isInstanceOf(UnusableKubeconfigException.class)
        .hasMessageNotContaining("hunter2");
  }

  @Test
  void givenACluster_whenPrinted_itShouldNotShowItsConfig() {
    assertThat(new ArgoCdCluster("https://x", "{\"bearerToken\":\"t0ken\"}").toString())
        .contains("https://x")
        .doesNotContain("t0ken");
  }
}
