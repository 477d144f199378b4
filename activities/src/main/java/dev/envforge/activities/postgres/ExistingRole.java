package dev.envforge.activities.postgres;

/** A role as the catalog shows it; {@code comment} is null when it has none. */
record ExistingRole(String name, String comment) {}
