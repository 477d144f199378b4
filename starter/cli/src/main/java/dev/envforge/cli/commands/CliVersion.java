package dev.envforge.cli.commands;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/** The version the build wrote into the jar. */
public final class CliVersion implements IVersionProvider {

  public static String version() {
    try (InputStream in =
        CliVersion.class.getResourceAsStream("/dev/envforge/cli/version.properties")) {
      Properties properties = new Properties();
      if (in != null) {
        properties.load(in);
      }
      return properties.getProperty("version", "unknown");
    } catch (IOException e) {
      return "unknown";
    }
  }

  @Override
  public String[] getVersion() {
    return new String[] {"envforge " + version()};
  }
}
