package dev.envforge.workflows.request;

/** The requested database; {@code driver} matters only for {@link DatabaseKind#POSTGRES}. */
public record DatabaseChoice(DatabaseKind kind, DatabaseDriver driver) {

  public static DatabaseChoice none() {
    return new DatabaseChoice(DatabaseKind.NONE, null);
  }

  public static DatabaseChoice postgres(DatabaseDriver driver) {
    return new DatabaseChoice(DatabaseKind.POSTGRES, driver);
  }

  public boolean wanted() {
    return kind == DatabaseKind.POSTGRES;
  }
}
