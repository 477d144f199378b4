package dev.envforge.activities.postgres;

/** A database as the catalog shows it; {@code comment} is null when it has none. */
record ExistingDatabase(String name, String owner, String comment) {}
