package dev.envforge.cli.commands;

import dev.envforge.cli.CliContext;
import dev.envforge.cli.EnvironmentRef;
import dev.envforge.cli.ExitCodes;
import dev.envforge.cli.HumanDurations;
import dev.envforge.cli.config.Kubeconfigs;
import dev.envforge.client.AccessGrant;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
    name = "kubeconfig",
    description = {
      "Gets a kubeconfig for a READY environment's namespace, valid for --ttl (capped by the"
          + " environment's expiry and the server's maximum).",
      "Prints it, writes it to --output FILE (mode 0600), or merges it into your kubeconfig"
          + " (--merge) and makes it the current context. --revoke GRANT ends one grant early."
    })
public final class KubeconfigCommand implements Callable<Integer> {

  private final CliContext context;

  @Parameters(paramLabel = "TEAM/NAME", converter = EnvironmentRef.Converter.class)
  EnvironmentRef environment;

  @Option(
      names = "--ttl",
      paramLabel = "DURATION",
      converter = HumanDurations.class,
      description = "how long it should work, e.g. 1h (default: the server's)")
  Duration ttl;

  @ArgGroup(exclusive = true)
  Destination destination;

  static final class Destination {
    @Option(names = "--output", paramLabel = "FILE", description = "write it to FILE (0600)")
    Path file;

    @Option(
        names = "--merge",
        description = "merge it into $KUBECONFIG (or ~/.kube/config) as the current context")
    boolean merge;

    @Option(names = "--revoke", paramLabel = "GRANT", description = "revoke this grant instead")
    String revoke;
  }

  public KubeconfigCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    if (destination != null && destination.revoke != null) {
      context.client().revokeAccess(environment.team(), environment.name(), destination.revoke);
      context.err().println("revoked grant " + destination.revoke + " of " + environment);
      return ExitCodes.OK;
    }
    AccessGrant grant = context.client().access(environment.team(), environment.name(), ttl);
    if (destination == null) {
      context.out().print(grant.kubeconfig());
      context.out().flush();
    } else {
      Path file =
          destination.merge ? Kubeconfigs.defaultPath(context.environment()) : destination.file;
      if (destination.merge) {
        Kubeconfigs.merge(file, grant.kubeconfig());
      } else {
        Kubeconfigs.write(file, grant.kubeconfig());
      }
      context.err().println("wrote a kubeconfig for " + environment + " to " + file);
    }
    context
        .err()
        .println(
            "grant "
                + grant.grantId()
                + " expires at "
                + grant.expiresAt()
                + "; namespace "
                + grant.namespace()
                + "; revoke: envforge kubeconfig "
                + environment
                + " --revoke "
                + grant.grantId());
    return ExitCodes.OK;
  }
}
