package dev.envforge.worker.config;

import dev.envforge.activities.argocd.ArgoCdSettings;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Argo CD registration, under {@code envforge.argocd.*}: off unless enabled. See {@link
 * ArgoCdSettings} for the rest.
 *
 * @param enabled READY environments are registered with Argo CD (environments started while it is
 *     off never are; those registered keep being removed at teardown after it is turned off)
 */
@ConfigurationProperties("envforge.argocd")
public record ArgoCdProperties(
    @DefaultValue("false") boolean enabled,
    String namespace,
    String cluster,
    List<String> sourceRepos,
    Map<String, String> clusterServers) {

  /** The activities' settings; checked for what registering needs when it is enabled. */
  public ArgoCdSettings settings() {
    ArgoCdSettings settings = new ArgoCdSettings(namespace, cluster, sourceRepos, clusterServers);
    return enabled ? settings.requireSourceRepos() : settings;
  }
}
