package dev.envforge.workflows.request;

import java.time.Duration;

/**
 * One profile's or one team's exceptions to the global TTL policy; an unset (null) value leaves the
 * broader setting in force.
 *
 * @param defaultTtl the TTL of a request that names none
 * @param maxTtl the longest TTL a request may ask for, and how far ahead of now an extend may move
 *     the expiry
 * @param keepAllowed whether a request may ask to be kept (never expire by TTL)
 */
public record TtlRule(Duration defaultTtl, Duration maxTtl, Boolean keepAllowed) {

  public static final TtlRule NONE = new TtlRule(null, null, null);
}
