package dev.envforge.cli;

import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** An environment as people name it: {@code TEAM/NAME}. */
public record EnvironmentRef(String team, String name) {

  private static final Pattern LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");

  public static EnvironmentRef parse(String text) {
    int slash = text.indexOf('/');
    if (slash < 0 || slash != text.lastIndexOf('/')) {
      throw new TypeConversionException("'" + text + "' is not TEAM/NAME");
    }
    String team = text.substring(0, slash);
    String name = text.substring(slash + 1);
    for (String part : new String[] {team, name}) {
      if (!LABEL.matcher(part).matches()) {
        throw new TypeConversionException(
            "'" + text + "': team and name are lowercase DNS labels (a-z, 0-9, '-')");
      }
    }
    return new EnvironmentRef(team, name);
  }

  @Override
  public String toString() {
    return team + "/" + name;
  }

  /** For picocli: {@code TEAM/NAME} parameters. */
  public static final class Converter implements ITypeConverter<EnvironmentRef> {
    @Override
    public EnvironmentRef convert(String value) {
      return parse(value);
    }
  }
}
