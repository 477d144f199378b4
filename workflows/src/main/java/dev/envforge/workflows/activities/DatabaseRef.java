package dev.envforge.workflows.activities;

/** Where the database is, without credentials: those are only in the Secret {@code secretName}. */
public record DatabaseRef(
    String host, int port, String database, String username, String secretName) {}
