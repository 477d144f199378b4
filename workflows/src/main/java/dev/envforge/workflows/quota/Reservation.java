package dev.envforge.workflows.quota;

/**
 * The answer to a {@link ReservationRequest}.
 *
 * @param granted whether the environment may start
 * @param live how many live or reserved environments the team has, this one included if granted
 * @param limit the limit it was judged against
 */
public record Reservation(boolean granted, int live, int limit) {}
