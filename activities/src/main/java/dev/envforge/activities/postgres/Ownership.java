package dev.envforge.activities.postgres;

import java.util.Optional;

/** Whether an environment may use, change or drop a role or database it finds. Pure. */
enum Ownership {
  /** Nothing by that name: create it (or, when dropping, nothing to do). */
  ABSENT,
  /** This environment's own. */
  OURS,
  /** Someone else's: another environment's, or not made by envforge at all. Never touched. */
  FOREIGN;

  /**
   * A role is ours only when its comment names this environment. envforge creates and comments a
   * role in one transaction, so an uncommented role was never envforge's.
   */
  static Ownership ofRole(Optional<ExistingRole> role, String environmentId) {
    if (role.isEmpty()) {
      return ABSENT;
    }
    return OwnershipComment.names(role.get().comment(), environmentId) ? OURS : FOREIGN;
  }

  /**
   * A database is ours when its comment names this environment, or, having no comment, when our
   * role owns it: CREATE DATABASE cannot share a transaction with COMMENT, so a crash in between
   * leaves exactly that.
   */
  static Ownership ofDatabase(
      Optional<ExistingDatabase> database,
      String roleName,
      Ownership roleOwnership,
      String environmentId) {
    if (database.isEmpty()) {
      return ABSENT;
    }
    ExistingDatabase found = database.get();
    if (found.comment() == null) {
      return roleOwnership == OURS && roleName.equals(found.owner()) ? OURS : FOREIGN;
    }
    return OwnershipComment.names(found.comment(), environmentId) ? OURS : FOREIGN;
  }
}
